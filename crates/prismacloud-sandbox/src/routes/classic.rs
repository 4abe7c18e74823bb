//! The classic family: `/integration...`.
//!
//! Quirks kept on purpose because the real API has them: `integrationType` in UPPER CASE,
//! secrets absent from reads, `status`/`valid`/`reason` on every object, and an EMPTY 200 body
//! from `POST /integration` (clients find the new integration by listing and matching the name).

use axum::Json;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::Value;

use super::extract::{Body, IntegrationId, User, query_pairs};
use super::{type_filter, unknown_query_parameter};
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

/// `GET /integration[?type=]`: every integration, enabled or not.
async fn list(
    State(state): State<SandboxState>,
    RawQuery(query): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let mut wanted = None;
    let mut out = Vec::new();
    for (name, value) in query_pairs(query.as_deref()) {
        match name.as_str() {
            "type" => wanted = type_filter(&value, &mut out),
            other => out.push(unknown_query_parameter(other)),
        }
    }
    ApiError::check(out)?;
    let store = state.store();
    let found = store
        .list()
        .into_iter()
        .filter(|i| wanted.is_none_or(|ty| i.ty == ty))
        .map(render::classic)
        .collect();
    Ok(Json(Value::Array(found)))
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
