//! The classic family: `/integration...`.
//!
//! Quirks kept on purpose because the real API has them: `integrationType` in UPPER CASE,
//! secrets absent from reads, `status`/`valid`/`reason` on every object, and an EMPTY 200 body
//! from `POST /integration` (clients find the new integration by listing and matching the name,
//! with `onlyEnabled=false`: the list hides disabled integrations, as v1's does).

use axum::Json;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::Value;

use super::extract::{Body, IntegrationId, User};
use super::list::ListQuery;
use crate::error::{ApiError, Family};
use crate::integrations;
use crate::render;
use crate::state::SandboxState;

/// The classic routes.
pub(crate) fn routes() -> Router<SandboxState> {
    Router::new()
        .route("/integration", get(list).post(create))
        .route("/integration/test", post(test))
        .route("/integration/{id}", get(read).put(update).delete(remove))
}

/// `GET /integration?type=&onlyEnabled=`. Disabled integrations are hidden by default.
async fn list(
    State(state): State<SandboxState>,
    RawQuery(query): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let query = ListQuery::parse(query.as_deref(), Family::Classic)?;
    let store = state.store();
    let found = query.select(&store).into_iter().map(render::classic);
    Ok(Json(Value::Array(found.collect())))
}

/// `POST /integration`: 200 with an empty body.
async fn create(
    State(state): State<SandboxState>,
    User(user): User,
    Body(body): Body,
) -> Result<Response, ApiError> {
    integrations::create(&state, &user, Family::Classic, &body)?;
    Ok(StatusCode::OK.into_response())
}

/// `GET /integration/{id}`.
async fn read(
    State(state): State<SandboxState>,
    IntegrationId(id): IntegrationId,
) -> Result<Json<Value>, ApiError> {
    let store = state.store();
    let integration = store.get(&id).ok_or_else(ApiError::integration_not_found)?;
    Ok(Json(render::classic(integration)))
}

/// `PUT /integration/{id}`: 200 with an empty body.
async fn update(
    State(state): State<SandboxState>,
    User(user): User,
    IntegrationId(id): IntegrationId,
    Body(body): Body,
) -> Result<Response, ApiError> {
    integrations::update(&state, &user, Family::Classic, id, &body)?;
    Ok(StatusCode::OK.into_response())
}

/// `DELETE /integration/{id}`.
async fn remove(
    State(state): State<SandboxState>,
    IntegrationId(id): IntegrationId,
) -> Result<Response, ApiError> {
    integrations::delete(&state, Family::Classic, id)?;
    Ok(StatusCode::OK.into_response())
}

/// `POST /integration/test`.
async fn test(
    State(state): State<SandboxState>,
    User(user): User,
    Body(body): Body,
) -> Result<Response, ApiError> {
    integrations::test(&state, &user, Family::Classic, &body, None)
}
