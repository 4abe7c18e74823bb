//! A fixed delay before every API request is handled (`--latency 50ms`), so that benchmarks can
//! show what a provider costs against an API that is not on the same machine.
//!
//! The delay is constant on purpose: a benchmark compares runs, and random delays would blur
//! the comparison (random faults are a different tool). Control endpoints (`/_sandbox/...`)
//! are not delayed. It waits asynchronously, so a delayed request holds no thread and costs no
//! CPU: a sandbox with latency serves as many requests at once as one without.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

use super::pipeline::CONTROL_PREFIX;
use super::state::SandboxState;

/// Waits the configured latency, then handles the request.
pub(crate) async fn delay(
    State(state): State<SandboxState>,
    request: Request,
    next: Next,
) -> Response {
    let latency = state.config().latency;
    if !latency.is_zero() && !request.uri().path().starts_with(CONTROL_PREFIX) {
        tokio::time::sleep(latency).await;
    }
    next.run(request).await
}
