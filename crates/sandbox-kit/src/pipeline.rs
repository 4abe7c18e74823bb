//! The request pipeline the kit wraps around a vendor's routes, outermost first:
//!
//! 1. [`edge`]: the request id (in the vendor's header on every response), counters, one log
//!    line (method, path, status, latency, request id; never bodies or headers).
//! 2. `latency`: the fixed delay of `--latency`, inside the edge so that the log line shows it.
//! 3. `faults`: fault injection and the `Retry-After` watch; it runs before identification so
//!    that an early token expiry is seen by it, and answers through [`Vendor::refuse`].
//! 4. [`identify`]: asks [`Vendor::identify`] who is calling and stores the [`Caller`].
//! 5. `rate_limit`: draws from the caller's bucket; [`Vendor::refuse`] answers an empty one.
//! 6. The vendor's routes, with whatever layers the vendor put on them (authentication, error
//!    rendering, tenant checks).
//!
//! Control endpoints (`/_sandbox/...`) go through the same steps, but are never delayed,
//! faulted, counted or charged (the rate limiter only shows their caller's bucket).

use std::time::Instant;

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, Method};
use axum::middleware::{Next, from_fn_with_state};
use axum::response::Response;
use tower::ServiceBuilder;

use crate::stats::UNMATCHED_ROUTE;
use crate::vendor::{Caller, Vendor};
use crate::{faults, latency, rate_limit};

/// The path prefix of the control endpoints.
pub const CONTROL_PREFIX: &str = "/_sandbox/";

/// A vendor's sandbox as one axum [`Router`]: `routes` (which should merge
/// [`crate::control::routes`] before setting its fallbacks, so that control endpoints answer
/// wrong methods like the API does) wrapped in the kit's pipeline over `state`.
pub fn app<V: Vendor>(routes: Router<V>, state: V) -> Router {
    routes.with_state(state.clone()).layer(
        ServiceBuilder::new()
            .layer(from_fn_with_state(state.clone(), edge::<V>))
            .layer(from_fn_with_state(state.clone(), latency::delay::<V>))
            .layer(from_fn_with_state(state.clone(), faults::inject::<V>))
            .layer(from_fn_with_state(state.clone(), identify::<V>))
            .layer(from_fn_with_state(state, rate_limit::limit::<V>)),
    )
}

/// What the kit knows of a request: enough to label, filter and answer it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestInfo {
    pub method: Method,
    /// The path as requested.
    pub path: String,
    /// The route template it matched (`/integration/{id}`), or [`UNMATCHED_ROUTE`].
    pub route: String,
}

impl RequestInfo {
    /// What `request` is (computed once by the edge, then read from the request's extensions).
    pub fn of(request: &Request) -> RequestInfo {
        if let Some(info) = request.extensions().get::<RequestInfo>() {
            return info.clone();
        }
        RequestInfo {
            method: request.method().clone(),
            path: request.uri().path().to_owned(),
            route: request
                .extensions()
                .get::<MatchedPath>()
                .map_or(UNMATCHED_ROUTE, MatchedPath::as_str)
                .to_owned(),
        }
    }

    /// `"METHOD /route/{template}"`: what stats count requests under and fault rules target.
    pub fn label(&self) -> String {
        format!("{} {}", self.method, self.route)
    }

    /// Whether the request is for a control endpoint (`/_sandbox/...`).
    pub fn is_control(&self) -> bool {
        self.path.starts_with(CONTROL_PREFIX)
    }
}

/// Request id, counters and the log line.
async fn edge<V: Vendor>(State(state): State<V>, mut request: Request, next: Next) -> Response {
    let started = Instant::now();
    let info = RequestInfo::of(&request);
    request.extensions_mut().insert(info.clone());
    let request_id = uuid::Uuid::new_v4().to_string();
    let mut response = next.run(request).await;
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        response.headers_mut().insert(V::REQUEST_ID_HEADER, value);
    }
    let status = response.status().as_u16();
    if !info.is_control() {
        state
            .kit()
            .counters()
            .record(info.method.as_str(), &info.route, status);
    }
    tracing::info!(
        target: "sandbox",
        method = %info.method,
        path = %info.path,
        status,
        latency_ms = %format_args!("{:.3}", started.elapsed().as_secs_f64() * 1000.0),
        %request_id,
        "request"
    );
    response
}

/// Records who is calling, for the rate limiter and the vendor's extractors.
async fn identify<V: Vendor>(State(state): State<V>, mut request: Request, next: Next) -> Response {
    let caller: Caller = state.identify(&request);
    request.extensions_mut().insert(caller);
    next.run(request).await
}
