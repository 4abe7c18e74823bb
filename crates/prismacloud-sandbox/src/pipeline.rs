//! The request pipeline every route runs through, outermost first:
//!
//! 1. [`edge`]: request id (`X-Redlock-Request-Id` on every response), counters, one log line
//!    (method, path, status, latency; never bodies or headers).
//! 1. *(`latency`: the fixed delay of `--latency`, inside the edge so that the log line shows it.)*
//! 2. [`render_errors`]: turns an [`ApiError`] into the body of the family the path belongs to.
//! 3. [`faults::inject`]: fault injection and the `Retry-After` watch (`faults`); it sees every
//!    request after it has an id and before it is identified, so it can add latency, answer
//!    429/5xx in the API's own shapes, drop the connection, or expire the caller's token early.
//! 4. [`identify`]: reads `x-redlock-auth` and records the [`Caller`].
//! 5. [`rate_limit`]: draws from the caller's bucket; 429 with `Retry-After` and an HTML body
//!    when empty; `X-RateLimit-*` headers on every response.
//! 6. Per route: [`require_user`] (API routes: 401 without a valid token), then [`check_tenant`]
//!    (v1 routes: the prisma id in the path), then the handler.

use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::extract::rejection::RawPathParamsRejection;
use axum::extract::{MatchedPath, RawPathParams, Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::{Next, from_fn, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use tower::ServiceBuilder;

use super::error::{self, ApiError, ErrorReport, Family, Violation, keys};
use super::faults;
use super::latency;
use super::rate_limit::{ANONYMOUS, Decision};
use super::routes::extract::{Caller, User};
use super::session::TokenStatus;
use super::state::SandboxState;
use super::stats::UNMATCHED_ROUTE;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-redlock-request-id");
pub(crate) const AUTH: HeaderName = HeaderName::from_static("x-redlock-auth");
const REMAINING: HeaderName = HeaderName::from_static("x-ratelimit-remaining");
const REPLENISH_RATE: HeaderName = HeaderName::from_static("x-ratelimit-replenish-rate");
const BURST_CAPACITY: HeaderName = HeaderName::from_static("x-ratelimit-burst-capacity");
pub(crate) const CONTROL_PREFIX: &str = "/_sandbox/";

/// Wraps every route of `router` in the pipeline.
pub(crate) fn wrap(router: Router, state: &SandboxState) -> Router {
    router.layer(
        ServiceBuilder::new()
            .layer(from_fn_with_state(state.clone(), edge))
            .layer(from_fn_with_state(state.clone(), latency::delay))
            .layer(from_fn(render_errors))
            .layer(from_fn_with_state(state.clone(), faults::inject))
            .layer(from_fn_with_state(state.clone(), identify))
            .layer(from_fn_with_state(state.clone(), rate_limit)),
    )
}

/// Request id, counters and the log line.
async fn edge(State(state): State<SandboxState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let route = route_of(&request).to_owned();
    let request_id = uuid::Uuid::new_v4().to_string();
    let mut response = next.run(request).await;
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        response.headers_mut().insert(REQUEST_ID, value);
    }
    let status = response.status().as_u16();
    if !path.starts_with(CONTROL_PREFIX) {
        state.inner().stats.record(method.as_str(), &route, status);
    }
    tracing::info!(
        target: "prismacloud_sandbox",
        %method,
        %path,
        status,
        latency_ms = %format_args!("{:.3}", started.elapsed().as_secs_f64() * 1000.0),
        %request_id,
        "request"
    );
    response
}

/// The route template a request matched, or [`UNMATCHED_ROUTE`].
pub(crate) fn route_of(request: &Request) -> &str {
    request
        .extensions()
        .get::<MatchedPath>()
        .map_or(UNMATCHED_ROUTE, MatchedPath::as_str)
}

/// `"METHOD /route/{template}"`, the label the stats count requests under.
pub(crate) fn route_label(request: &Request) -> String {
    format!("{} {}", request.method(), route_of(request))
}

/// Whether the request is for a control endpoint (`/_sandbox/...`).
pub(crate) fn is_control(request: &Request) -> bool {
    request.uri().path().starts_with(CONTROL_PREFIX)
}

/// Renders an unrendered [`ApiError`] in the shape of the request's family.
async fn render_errors(request: Request, next: Next) -> Response {
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

/// Records who is calling, from the `x-redlock-auth` header.
async fn identify(State(state): State<SandboxState>, mut request: Request, next: Next) -> Response {
    let caller = match request.headers().get(AUTH).map(HeaderValue::to_str) {
        None => Caller::NoToken,
        Some(Err(_)) => Caller::UnknownToken,
        Some(Ok(token)) => match state.inner().sessions.check(token) {
            TokenStatus::Valid(user) => Caller::User(user),
            TokenStatus::Expired => Caller::ExpiredToken,
            TokenStatus::Unknown => Caller::UnknownToken,
        },
    };
    request.extensions_mut().insert(caller);
    next.run(request).await
}

/// The per-user token bucket. Control endpoints only look at the bucket.
async fn rate_limit(State(state): State<SandboxState>, request: Request, next: Next) -> Response {
    let Some(limiter) = &state.inner().limiter else {
        return next.run(request).await;
    };
    let user: Option<Arc<str>> = match request.extensions().get::<Caller>() {
        Some(Caller::User(user)) => Some(Arc::clone(user)),
        _ => None,
    };
    let key = user.as_deref().unwrap_or(ANONYMOUS);
    let decision = if is_control(&request) {
        limiter.peek(key)
    } else {
        limiter.take(key)
    };
    let mut response = if decision.allowed {
        next.run(request).await
    } else {
        too_many_requests(decision)
    };
    let limit = limiter.limit();
    let headers = response.headers_mut();
    headers.insert(REMAINING, HeaderValue::from(decision.remaining));
    headers.insert(REPLENISH_RATE, HeaderValue::from(limit.per_second));
    headers.insert(BURST_CAPACITY, HeaderValue::from(limit.burst));
    response
}

/// The real API sometimes answers 429 with an HTML page, no JSON and no `x-redlock-status`:
/// the sandbox always does, so clients learn to classify by status code.
fn too_many_requests(decision: Decision) -> Response {
    html_error(
        StatusCode::TOO_MANY_REQUESTS,
        Some(decision.retry_after_secs),
    )
}

/// An HTML error page, as gateways and the real API's rate limiter send, with `Retry-After`
/// when given.
pub(crate) fn html_error(status: StatusCode, retry_after_secs: Option<u64>) -> Response {
    let title = format!(
        "{} {}",
        status.as_u16(),
        status.canonical_reason().unwrap_or("Error")
    );
    let text = match status {
        StatusCode::TOO_MANY_REQUESTS => "Rate limit exceeded. Retry later.",
        StatusCode::SERVICE_UNAVAILABLE => "The service is temporarily unavailable. Retry later.",
        _ => "The server could not complete the request.",
    };
    let body = format!(
        "<!DOCTYPE html>\n<html><head><title>{title}</title></head>\
         <body><h1>{title}</h1><p>{text}</p></body></html>\n"
    );
    let mut response = (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response();
    if let Some(secs) = retry_after_secs {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    response
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
