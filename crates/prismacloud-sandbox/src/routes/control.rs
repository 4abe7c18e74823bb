//! Control endpoints for tests and benchmarks, under `/_sandbox/`: not part of the Prisma Cloud
//! API, unauthenticated, not counted in the stats and not charged to any rate-limit bucket.

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};

use super::extract::Body;
use crate::error::{ApiError, Violation, keys};
use crate::faults::FaultConfig;
use crate::state::SandboxState;
use crate::stats::Stats;

/// The control routes.
pub(crate) fn routes() -> Router<SandboxState> {
    Router::new()
        .route("/_sandbox/stats", get(stats))
        .route("/_sandbox/reset", post(reset))
        .route("/_sandbox/faults", get(faults).put(set_faults))
}

/// `GET /_sandbox/stats`: the counters as JSON.
async fn stats(State(state): State<SandboxState>) -> Json<Stats> {
    Json(state.stats())
}

/// `POST /_sandbox/reset`: forget every integration, zero the counters, refill the buckets.
async fn reset(State(state): State<SandboxState>) -> StatusCode {
    state.reset();
    StatusCode::NO_CONTENT
}

/// `GET /_sandbox/faults`: the fault injection in force.
async fn faults(State(state): State<SandboxState>) -> Json<FaultConfig> {
    Json(state.faults())
}

/// `PUT /_sandbox/faults` with a fault configuration: replaces it, answers it back.
/// `{"rules": []}` switches fault injection off.
async fn set_faults(
    State(state): State<SandboxState>,
    Body(body): Body,
) -> Result<Json<FaultConfig>, ApiError> {
    let invalid = |reason: String| {
        ApiError::bad_request(vec![Violation::general(
            keys::INVALID_VALUE,
            format!("not a fault configuration: {reason}"),
        )])
    };
    let config: FaultConfig = serde_json::from_slice(&body).map_err(|e| invalid(e.to_string()))?;
    state.set_faults(config).map_err(invalid)?;
    Ok(Json(state.faults()))
}
