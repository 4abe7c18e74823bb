//! The v1 tenant family: `/api/v1/tenant/{prisma_id}/integration...`.
//!
//! Differences from classic, as in the real API: lower-case `integrationType`, secrets masked
//! rather than absent, `POST` returns the created object, `PATCH` toggles `enabled`, and the list
//! hides disabled integrations unless asked `onlyEnabled=false`. The tenant in the path is
//! checked by the pipeline before any handler here runs.

use axum::Json;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};

use super::extract::{Body, IntegrationId, User, invalid_id, parse_id, query_pairs};
use super::list::ListQuery;
use super::unknown_query_parameter;
use crate::error::{ApiError, Family};
use crate::integration_type::IntegrationType;
use crate::integrations;
use crate::render;
use crate::state::SandboxState;

const BASE: &str = "/api/v1/tenant/{prisma_id}/integration";

/// The v1 routes.
pub(crate) fn routes() -> Router<SandboxState> {
    Router::new()
        .route(BASE, get(list).post(create))
        .route(&format!("{BASE}/test"), post(test))
        .route(&format!("{BASE}/channels"), get(channels))
        .route(
            &format!("{BASE}/{{id}}"),
            get(read).put(update).patch(patch).delete(remove),
        )
}

/// `GET .../integration?ids=&type=&onlyEnabled=`. Disabled integrations are hidden by default.
async fn list(
    State(state): State<SandboxState>,
    RawQuery(query): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let query = ListQuery::parse(query.as_deref(), Family::V1)?;
    let store = state.store();
    let found = query.select(&store).into_iter().map(render::v1);
    Ok(Json(Value::Array(found.collect())))
}

/// `POST .../integration` → the created integration (secrets masked).
async fn create(
    State(state): State<SandboxState>,
    User(user): User,
    Body(body): Body,
) -> Result<Json<Value>, ApiError> {
    let created = integrations::create(&state, &user, Family::V1, &body)?;
    Ok(Json(render::v1(&created)))
}

/// `GET .../integration/{id}`.
async fn read(
    State(state): State<SandboxState>,
    IntegrationId(id): IntegrationId,
) -> Result<Json<Value>, ApiError> {
    let store = state.store();
    let integration = store.get(&id).ok_or_else(ApiError::integration_not_found)?;
    Ok(Json(render::v1(integration)))
}

/// `PUT .../integration/{id}` → the updated integration (secrets masked).
async fn update(
    State(state): State<SandboxState>,
    User(user): User,
    IntegrationId(id): IntegrationId,
    Body(body): Body,
) -> Result<Json<Value>, ApiError> {
    let updated = integrations::update(&state, &user, Family::V1, id, &body)?;
    Ok(Json(render::v1(&updated)))
}

/// `PATCH .../integration/{id}` `{"enabled": bool}` → 200, no body.
async fn patch(
    State(state): State<SandboxState>,
    User(user): User,
    IntegrationId(id): IntegrationId,
    Body(body): Body,
) -> Result<Response, ApiError> {
    integrations::set_enabled(&state, &user, id, &body)?;
    Ok(StatusCode::OK.into_response())
}

/// `DELETE .../integration/{id}`.
async fn remove(
    State(state): State<SandboxState>,
    IntegrationId(id): IntegrationId,
) -> Result<Response, ApiError> {
    integrations::delete(&state, Family::V1, id)?;
    Ok(StatusCode::OK.into_response())
}

/// `POST .../integration/test[?id=]`.
async fn test(
    State(state): State<SandboxState>,
    User(user): User,
    RawQuery(query): RawQuery,
    Body(body): Body,
) -> Result<Response, ApiError> {
    let mut saved = None;
    for (name, value) in query_pairs(query.as_deref()) {
        match name.as_str() {
            "id" => saved = Some(parse_id(&value).ok_or_else(invalid_id)?),
            other => return Err(ApiError::bad_request(vec![unknown_query_parameter(other)])),
        }
    }
    integrations::test(&state, &user, Family::V1, &body, saved)
}

/// `GET .../integration/channels`: the types this family manages.
async fn channels() -> Json<Value> {
    let channels: Vec<Value> = IntegrationType::all()
        .filter(|ty| !ty.classic_only())
        .map(|ty| {
            json!({
                "integrationType": ty.wire_name(),
                "displayName": ty.display_name(),
                "testSupported": ty.testable(),
            })
        })
        .collect();
    Json(Value::Array(channels))
}
