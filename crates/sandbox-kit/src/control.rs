//! Control endpoints for tests and benchmarks, under `/_sandbox/`: not part of any vendor's API,
//! unauthenticated, never delayed or faulted, not counted in the stats and not charged to any
//! rate-limit bucket.
//!
//! - `GET /_sandbox/stats`: the counters.
//! - `POST /_sandbox/reset`: forget the vendor's objects, zero the counters, refill the buckets,
//!   start the fault sequence again.
//! - `GET`/`PUT /_sandbox/faults`: the fault injection in force; replace it.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequest as _, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};

use crate::faults::FaultConfig;
use crate::pipeline::RequestInfo;
use crate::stats::Stats;
use crate::vendor::{Refusal, Vendor};

/// The control routes, to merge into the vendor's router (before it sets its fallbacks).
pub fn routes<V: Vendor>() -> Router<V> {
    Router::new()
        .route("/_sandbox/stats", get(stats::<V>))
        .route("/_sandbox/reset", post(reset::<V>))
        .route("/_sandbox/faults", get(faults::<V>).put(set_faults::<V>))
}

/// Forgets the vendor's objects and resets the kit's state: what `POST /_sandbox/reset` does.
pub fn reset_all<V: Vendor>(state: &V) {
    state.clear();
    state.kit().reset();
}

async fn stats<V: Vendor>(State(state): State<V>) -> Json<Stats> {
    Json(state.kit().stats())
}

async fn reset<V: Vendor>(State(state): State<V>) -> StatusCode {
    reset_all(&state);
    StatusCode::NO_CONTENT
}

async fn faults<V: Vendor>(State(state): State<V>) -> Json<FaultConfig> {
    Json(state.kit().faults())
}

/// `PUT /_sandbox/faults` with a fault configuration: replaces it and answers it back.
/// `{"rules": []}` switches fault injection off.
async fn set_faults<V: Vendor>(State(state): State<V>, request: Request) -> Response {
    let info = RequestInfo::of(&request);
    let body: Result<Bytes, BytesRejection> = Bytes::from_request(request, &()).await;
    let refuse = |refusal| state.refuse(refusal, &info);
    let Ok(body) = body else {
        return refuse(Refusal::ControlBodyTooLarge);
    };
    let invalid = |reason: String| {
        refuse(Refusal::InvalidControlRequest(format!(
            "not a fault configuration: {reason}"
        )))
    };
    let config = match serde_json::from_slice::<FaultConfig>(&body) {
        Ok(config) => config,
        Err(error) => return invalid(error.to_string()),
    };
    match state.kit().set_faults(config) {
        Ok(()) => Json(state.kit().faults()).into_response(),
        Err(reason) => invalid(reason),
    }
}
