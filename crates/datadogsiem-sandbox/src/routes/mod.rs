//! The HTTP surface: which handler answers which method and path. Every path is under
//! [`BASE`]; the literal sub-routes (`/validate`, `/entra_id/azure_app_registrations`) win
//! over `/{integration_config_id}` (the router matches literal segments first), and the
//! `/{id}/validate`, `/{type}/activate` and `/{type}/deactivate` share one parameter name.
//!
//! - `configs`: list, create, get, update (PATCH), delete.
//! - `checks`: `POST /validate`, `POST /{id}/validate`, the Entra ID prerequisite.
//! - `types`: `POST /{integration_type}/activate` and `/deactivate`.
//! - `control`: the sandbox's own `/_sandbox/revoke/{id}`.

mod checks;
mod configs;
pub mod control;
mod types;

use axum::Router;
use axum::http::StatusCode;
use axum::middleware::from_fn;
use axum::routing::{get, post};

use crate::error::ApiError;
use crate::keys;
use crate::state::SandboxState;

/// Where the entity context sync configurations live.
pub const BASE: &str = "/api/v2/security_monitoring/configuration/integration_config";

/// The API's routes, behind the key check.
pub fn api() -> Router<SandboxState> {
    Router::new()
        .route(BASE, get(configs::list).post(configs::create))
        .route(&format!("{BASE}/validate"), post(checks::credentials))
        .route(
            &format!("{BASE}/entra_id/azure_app_registrations"),
            get(checks::app_registrations),
        )
        .route(
            &format!("{BASE}/{{id}}"),
            get(configs::get_one)
                .patch(configs::update)
                .delete(configs::delete),
        )
        .route(&format!("{BASE}/{{id}}/validate"), post(checks::stored))
        .route(&format!("{BASE}/{{id}}/activate"), post(types::activate))
        .route(
            &format!("{BASE}/{{id}}/deactivate"),
            post(types::deactivate),
        )
        .route_layer(from_fn(keys::require))
}

/// 404 for a path the API does not have.
pub async fn no_such_endpoint() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, vec!["Not found".into()])
}

/// 405 for a method a path does not take.
pub async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        vec!["Method not allowed".into()],
    )
}
