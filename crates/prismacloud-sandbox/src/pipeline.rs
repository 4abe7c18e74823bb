//! The request pipeline every route runs through, outermost first. The kit
//! ([`sandbox_kit::app`]) provides the first five steps; [`crate::vendor`] tells it the Prisma
//! Cloud specifics.
//!
//! 1. Edge: request id (`X-Redlock-Request-Id` on every response), counters, one log line
//!    (method, path, status, latency; never bodies or headers).
//! 2. The fixed delay of `--latency`.
//! 3. Fault injection and the `Retry-After` watch: 429/503/502 as HTML pages, 500 in the API's
//!    error shape, dropped connections, early token expiry.
//! 4. Identification: reads `x-redlock-auth` and records the [`sandbox_kit::Caller`].
//! 5. Rate limit: draws from the caller's bucket; 429 with `Retry-After` and an HTML body when
//!    empty; `X-RateLimit-*` headers on every response.
//! 6. [`render_errors`]: turns an [`ApiError`] into the body of the family the path belongs to.
//! 7. Per route: [`require_user`] (API routes: 401 without a valid token), then [`check_tenant`]
//!    (v1 routes: the prisma id in the path), then the handler.

use axum::extract::rejection::RawPathParamsRejection;
use axum::extract::{RawPathParams, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::{self, ApiError, ErrorReport, Family, Violation, keys};
use super::routes::extract::User;
use super::state::SandboxState;

/// Renders an unrendered [`ApiError`] in the shape of the request's family.
pub(crate) async fn render_errors(request: Request, next: Next) -> Response {
    let family = Family::of_path(request.uri().path());
    let mut response = next.run(request).await;
    let Some(ErrorReport(report)) = response.extensions_mut().remove::<ErrorReport>() else {
        return response;
    };
    let (mut parts, _) = response.into_parts();
    let (rendered, body) = error::render(&report, family).into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.extend(rendered.headers);
    parts.status = rendered.status;
    Response::from_parts(parts, body)
}

/// API routes: 401 unless the caller presented a valid token.
pub(crate) async fn require_user(_user: User, request: Request, next: Next) -> Response {
    next.run(request).await
}

/// v1 routes: the `{prisma_id}` in the path must be this tenant's. 403 rather than 404, so that
/// a client with the wrong tenant id cannot mistake the answer for "integration deleted".
pub(crate) async fn check_tenant(
    State(state): State<SandboxState>,
    params: Result<RawPathParams, RawPathParamsRejection>,
    request: Request,
    next: Next,
) -> Response {
    let matches = params.is_ok_and(|params| {
        params
            .iter()
            .any(|(name, value)| name == "prisma_id" && value == state.config().prisma_id)
    });
    if matches {
        next.run(request).await
    } else {
        ApiError::one(
            StatusCode::FORBIDDEN,
            Violation::new(
                keys::TENANT_MISMATCH,
                "prisma_id",
                "the prisma id in the path is not this tenant's (see GET /license)",
            ),
        )
        .into_response()
    }
}
