//! The pipeline step that applies fault decisions. It sits after the request id and before
//! identification (see `pipeline`), so injected errors carry a request id, and an expired token
//! is seen as such by `identify`. Answers are the vendor's ([`Vendor::refuse`]).

use std::io;

use axum::body::{Body, Bytes, HttpBody as _};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;

use super::FaultKind;
use super::engine::{Decision, fingerprint};
use crate::pipeline::RequestInfo;
use crate::vendor::{Refusal, Vendor};

/// Bodies up to this size are fingerprinted for the `Retry-After` watch (API bodies are far
/// smaller); larger ones pass untouched.
const MAX_FINGERPRINTED_BODY: u64 = 64 * 1024;

/// Injects the fault decided for this request, and watches `Retry-After`.
pub(crate) async fn inject<V: Vendor>(
    State(state): State<V>,
    request: Request,
    next: Next,
) -> Response {
    let info = RequestInfo::of(&request);
    if info.is_control() {
        return next.run(request).await;
    }
    let route = info.label();
    let (request, print) = fingerprinted(request, &info).await;
    let kit = state.kit();
    if let Some(print) = print
        && kit.fault_engine().is_early(print)
    {
        kit.counters().early_retry(&route);
    }
    let token = state.identify(&request).token().map(str::to_owned);
    let decision = kit.fault_engine().decide(&route, token.is_some());
    let response = match decision {
        None => next.run(request).await,
        Some(decision) => {
            kit.counters().fault(decision.kind.name(), &route);
            tracing::info!(target: "sandbox", fault = %decision.kind, %route, "injecting a fault");
            apply(&state, decision, token, &info, request, next).await
        }
    };
    if let Some(print) = print
        && matches!(
            response.status(),
            StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE
        )
        && let Some(secs) = retry_after_secs(&response)
    {
        kit.fault_engine().told_to_wait(print, secs);
    }
    response
}

async fn apply<V: Vendor>(
    state: &V,
    decision: Decision,
    token: Option<String>,
    info: &RequestInfo,
    request: Request,
    next: Next,
) -> Response {
    let retry_after_secs = decision.retry_after_secs;
    match decision.kind {
        FaultKind::Latency => {
            tokio::time::sleep(decision.latency).await;
            next.run(request).await
        }
        FaultKind::RateLimit => state.refuse(Refusal::TooManyRequests { retry_after_secs }, info),
        FaultKind::Unavailable => state.refuse(Refusal::Unavailable { retry_after_secs }, info),
        FaultKind::ServerError => {
            drop(next.run(request).await);
            state.refuse(Refusal::ServerError, info)
        }
        FaultKind::BadGateway => {
            drop(next.run(request).await);
            state.refuse(Refusal::BadGateway, info)
        }
        FaultKind::Drop => {
            drop(next.run(request).await);
            dropped_connection()
        }
        FaultKind::TokenExpiry => {
            if let Some(token) = token {
                state.expire_token(&token);
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

/// The request (its body buffered when small) and its fingerprint, when it is one the watch
/// can tell apart: lists and other reads of no one object (their route does not end with a
/// path parameter such as `{id}`) are shared by many callers, so a repeat of one says nothing
/// about a client's patience.
async fn fingerprinted(request: Request, info: &RequestInfo) -> (Request, Option<u64>) {
    let reads_one_object = info.route.ends_with('}');
    let distinct = request.method() != axum::http::Method::GET || reads_one_object;
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
