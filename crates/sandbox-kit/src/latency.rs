//! A fixed delay before every API request is handled (`--latency 50ms`), so that benchmarks can
//! show what a client costs against an API that is not on the same machine.
//!
//! The delay is constant on purpose: a benchmark compares runs, and random delays would blur
//! the comparison (random faults are a different tool). Control endpoints (`/_sandbox/...`)
//! are not delayed. It waits asynchronously, so a delayed request holds no thread and costs no
//! CPU: a sandbox with latency serves as many requests at once as one without.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::pipeline::RequestInfo;
use crate::vendor::Vendor;

/// Waits the configured latency, then handles the request.
pub(crate) async fn delay<V: Vendor>(
    State(state): State<V>,
    request: Request,
    next: Next,
) -> Response {
    let latency = state.kit().latency();
    if !latency.is_zero() && !RequestInfo::of(&request).is_control() {
        tokio::time::sleep(latency).await;
    }
    next.run(request).await
}
