//! The HTTP surface: which handler answers which method and path.
//!
//! - `auth`: `POST /login`, `GET /auth_token/extend`, `GET /license`.
//! - `classic`: `/integration...`.
//! - `v1`: `/api/v1/tenant/{prisma_id}/integration...`.
//! - the kit's control endpoints: `/_sandbox/stats`, `/_sandbox/reset`, `/_sandbox/faults`.
//! - `list`: the list endpoints' filters (both families hide disabled integrations).
//! - `extract`: extractors that reject in the API's error shape.

mod auth;
mod classic;
pub(crate) mod extract;
mod list;
mod v1;

use axum::Router;
use axum::http::StatusCode;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{get, post};

use super::error::{ApiError, Violation, keys};
use super::pipeline;
use super::state::SandboxState;

/// Every route, before the pipeline wraps them. API routes require a token; on v1 routes the
/// tenant in the path must be this sandbox's prisma id (checked after the token).
pub(crate) fn router(state: &SandboxState) -> Router<SandboxState> {
    let v1 = v1::routes().route_layer(from_fn_with_state(state.clone(), pipeline::check_tenant));
    let api = Router::new()
        .route("/auth_token/extend", get(auth::extend))
        .route("/license", get(auth::license))
        .merge(classic::routes())
        .merge(v1)
        .route_layer(from_fn(pipeline::require_user));
    Router::new()
        .route("/login", post(auth::login))
        .merge(sandbox_kit::control::routes())
        .merge(api)
        .fallback(no_such_endpoint)
        .method_not_allowed_fallback(method_not_allowed)
}

async fn no_such_endpoint() -> ApiError {
    ApiError::one(
        StatusCode::NOT_FOUND,
        Violation::general(keys::NO_SUCH_ENDPOINT, "no endpoint has this path"),
    )
}

async fn method_not_allowed() -> ApiError {
    ApiError::one(
        StatusCode::METHOD_NOT_ALLOWED,
        Violation::general(
            keys::METHOD_NOT_ALLOWED,
            "this endpoint does not accept this method",
        ),
    )
}

/// `unknown_parameter` for a query parameter the endpoint does not take.
pub(crate) fn unknown_query_parameter(name: &str) -> Violation {
    Violation::unknown("", name, " of this endpoint's query")
}
