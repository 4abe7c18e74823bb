//! The pipeline step that applies fault decisions. It sits after the request id and error
//! rendering and before identification (see `pipeline`), so injected errors carry a request id
//! and the API's own error shapes, and an expired token is seen as such by `identify`.

use std::io;

use axum::body::{Body, Bytes, HttpBody as _};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::FaultKind;
use super::engine::{Decision, fingerprint};
use crate::error::{ApiError, Violation, keys};
use crate::pipeline::{self, AUTH, html_error};
use crate::session::TokenStatus;
use crate::state::SandboxState;

/// Bodies up to this size are fingerprinted for the `Retry-After` watch (integration bodies
/// are far smaller); larger ones pass untouched.
const MAX_FINGERPRINTED_BODY: u64 = 64 * 1024;

/// Injects the fault decided for this request, and watches `Retry-After`.
pub(crate) async fn inject(
    State(state): State<SandboxState>,
    request: Request,
    next: Next,
) -> Response {
    if pipeline::is_control(&request) {
        return next.run(request).await;
    }
    let route = pipeline::route_label(&request);
    let (request, print) = fingerprinted(request).await;
    let inner = state.inner();
    if let Some(print) = print
        && inner.faults.is_early(print)
    {
        inner.stats.early_retry(&route);
    }
    let token = valid_token(&state, &request);
    let decision = inner.faults.decide(&route, token.is_some());
    let response = match decision {
        None => next.run(request).await,
        Some(decision) => {
            inner.stats.fault(decision.kind.name(), &route);
            tracing::info!(target: "prismacloud_sandbox", fault = %decision.kind, %route, "injecting a fault");
            apply(&state, decision, token, request, next).await
        }
    };
    if let Some(print) = print
        && matches!(
            response.status(),
            StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE
        )
        && let Some(secs) = retry_after_secs(&response)
    {
        inner.faults.told_to_wait(print, secs);
    }
    response
}

async fn apply(
    state: &SandboxState,
    decision: Decision,
    token: Option<String>,
    request: Request,
    next: Next,
) -> Response {
    match decision.kind {
        FaultKind::Latency => {
            tokio::time::sleep(decision.latency).await;
            next.run(request).await
        }
        FaultKind::RateLimit => html_error(
            StatusCode::TOO_MANY_REQUESTS,
            Some(decision.retry_after_secs),
        ),
        FaultKind::Unavailable => html_error(
            StatusCode::SERVICE_UNAVAILABLE,
            Some(decision.retry_after_secs),
        ),
        FaultKind::ServerError => {
            drop(next.run(request).await);
            ApiError::one(
                StatusCode::INTERNAL_SERVER_ERROR,
                Violation::general(keys::INTERNAL, "internal error (injected by the sandbox)"),
            )
            .into_response()
        }
        FaultKind::BadGateway => {
            drop(next.run(request).await);
            html_error(StatusCode::BAD_GATEWAY, None)
        }
        FaultKind::Drop => {
            drop(next.run(request).await);
            dropped_connection()
        }
        FaultKind::TokenExpiry => {
            if let Some(token) = token {
                state.inner().sessions.expire(&token);
            }
            next.run(request).await
        }
    }
}

/// A response whose body fails at once: the server closes the connection without a complete
/// answer, and the client cannot tell whether the request was processed.
fn dropped_connection() -> Response {
    let failing = futures::stream::once(async {
        Err::<Bytes, io::Error>(io::Error::new(
            io::ErrorKind::ConnectionAborted,
            "connection dropped by fault injection",
        ))
    });
    Response::new(Body::from_stream(failing))
}

/// The caller's token, when it is valid.
fn valid_token(state: &SandboxState, request: &Request) -> Option<String> {
    let token = request.headers().get(AUTH)?.to_str().ok()?;
    match state.inner().sessions.check(token) {
        TokenStatus::Valid(_) => Some(token.to_owned()),
        TokenStatus::Expired | TokenStatus::Unknown => None,
    }
}

/// The request (its body buffered when small) and its fingerprint, when it is one the watch
/// can tell apart: lists and other reads without an id are shared by many callers, so a repeat
/// of one says nothing about a client's patience.
async fn fingerprinted(request: Request) -> (Request, Option<u64>) {
    let distinct = request.method() != axum::http::Method::GET
        || pipeline::route_label(&request).contains("{id}");
    // The exact size, when the transport knows it (Content-Length, or an in-process body).
    let length = request.body().size_hint().exact();
    if !distinct || length.is_none_or(|len| len > MAX_FINGERPRINTED_BODY) {
        return (request, None);
    }
    let (parts, body) = request.into_parts();
    let limit = usize::try_from(MAX_FINGERPRINTED_BODY).unwrap_or(usize::MAX);
    let Ok(bytes) = axum::body::to_bytes(body, limit).await else {
        // The client broke off mid-body: the route sees an empty body and answers as such.
        return (Request::from_parts(parts, Body::empty()), None);
    };
    let path = parts
        .uri
        .path_and_query()
        .map_or("", |p| p.as_str())
        .to_owned();
    let print = fingerprint(parts.method.as_str(), &path, &bytes);
    (Request::from_parts(parts, Body::from(bytes)), Some(print))
}

fn retry_after_secs(response: &Response) -> Option<u64> {
    response
        .headers()
        .get(header::RETRY_AFTER)
        .and_then(|v: &HeaderValue| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
}
