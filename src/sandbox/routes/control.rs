//! Control endpoints for tests and benchmarks, under `/_sandbox/`: not part of the Prisma Cloud
//! API, unauthenticated, not counted in the stats and not charged to any rate-limit bucket.

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};

use crate::sandbox::state::SandboxState;
use crate::sandbox::stats::Stats;

/// The control routes.
pub(crate) fn routes() -> Router<SandboxState> {
    Router::new()
        .route("/_sandbox/stats", get(stats))
        .route("/_sandbox/reset", post(reset))
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
