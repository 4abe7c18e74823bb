//! The API's routes: auth, the tenant's integrations, and the kit's control endpoints under
//! `/_sandbox/`. Anything else is a `NOT_FOUND`, a wrong method a `BAD_REQUEST` with status
//! 405, both in the API's error shape.

pub mod auth;
mod integrations;

use axum::Router;
use axum::http::StatusCode;
use axum::routing::{get, post};

use crate::error::ApiError;
use crate::state::SandboxState;

/// Where a tenant's integrations live.
pub const INTEGRATIONS: &str = "/api/v1/tenants/{tenant}/integrations";

pub fn router() -> Router<SandboxState> {
    Router::new()
        .route("/api/v1/auth/token", post(auth::login))
        .route("/api/v1/auth/refresh", post(auth::refresh))
        .route(
            INTEGRATIONS,
            get(integrations::list).post(integrations::create),
        )
        .route(
            &format!("{INTEGRATIONS}/{{id}}"),
            get(integrations::read)
                .put(integrations::replace)
                .delete(integrations::delete),
        )
        .merge(sandbox_kit::control::routes())
        .method_not_allowed_fallback(|| async {
            ApiError::with_status(StatusCode::METHOD_NOT_ALLOWED, "method not allowed")
        })
        .fallback(|| async { ApiError::not_found("no such route") })
}
