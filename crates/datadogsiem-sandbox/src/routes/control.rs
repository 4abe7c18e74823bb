//! The sandbox's own control endpoint (besides the kit's stats, reset and faults):
//! `POST /_sandbox/revoke/{id}` marks a configuration's credentials as no longer working, as a
//! revoked token would (its `state` reads `invalid`, `POST /{id}/validate` answers 400).

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::post;

use crate::error::ApiError;
use crate::state::SandboxState;

pub fn routes() -> Router<SandboxState> {
    Router::new().route("/_sandbox/revoke/{id}", post(revoke))
}

async fn revoke(
    State(state): State<SandboxState>,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    if state.revoke(&id) {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found())
    }
}
