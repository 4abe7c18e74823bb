//! What a vendor sandbox tells the kit: the [`Vendor`] trait, who is calling ([`Caller`]), and
//! what the kit needs answered in the vendor's own shape ([`Refusal`]).
//!
//! The kit decides *when* to refuse, delay or fail a request; the vendor decides what the answer
//! looks like, because a client under test must meet the errors its real API sends (Prisma
//! Cloud's HTML 429 pages, Datadog's `{"errors": [...]}`, Infracast's `{"error": {...}}`).

use std::sync::Arc;

use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::Kit;
use crate::pipeline::RequestInfo;
use crate::rate_limit::RateField;

/// A vendor's sandbox state, as the kit's pipeline and control endpoints see it.
///
/// Implemented by the vendor's shared, cheaply clonable state (an `Arc` inside), which holds a
/// [`Kit`]: the kit never points back at the vendor, so nothing keeps a stopped sandbox alive.
pub trait Vendor: Clone + Send + Sync + 'static {
    /// The response header carrying each request's id (support asks for it), e.g.
    /// `x-redlock-request-id`.
    const REQUEST_ID_HEADER: HeaderName;
    /// The rate-limit headers every response carries, in this order, and what each says:
    /// lower-case names (`"x-ratelimit-remaining"`). Empty: none.
    const RATE_LIMIT_HEADERS: &'static [(&'static str, RateField)];

    /// The kit's share of the state.
    fn kit(&self) -> &Kit;

    /// Who sent `request`, from its credentials. Called for every API request (control
    /// endpoints included, for their rate-limit headers); the answer is stored as a request
    /// extension for the vendor's own extractors.
    fn identify(&self, request: &Request) -> Caller;

    /// Ends the lifetime of a session token now (the `token_expiry` fault). Vendors whose
    /// callers carry no expiring token never see this called.
    fn expire_token(&self, token: &str);

    /// The answer to something the kit refuses or injects, in the vendor's shape.
    fn refuse(&self, refusal: Refusal, request: &RequestInfo) -> Response;

    /// Forgets every object the vendor stores (`POST /_sandbox/reset`); sessions survive, so a
    /// connected client keeps working.
    fn clear(&self);
}

/// Who sent a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// Valid credentials of `user`. Every credential of a user draws from one rate-limit bucket.
    /// `token`: the session token presented, when it is one that can expire early.
    User {
        user: Arc<str>,
        token: Option<String>,
    },
    /// No credentials at all.
    NoCredentials,
    /// Credentials this sandbox never issued or does not accept.
    InvalidCredentials,
    /// A session token past its lifetime.
    ExpiredToken,
}

impl Caller {
    /// The user, when the credentials are valid.
    pub fn user(&self) -> Option<&Arc<str>> {
        match self {
            Caller::User { user, .. } => Some(user),
            _ => None,
        }
    }

    /// The session token, when the credentials are a valid one.
    pub fn token(&self) -> Option<&str> {
        match self {
            Caller::User { token, .. } => token.as_deref(),
            _ => None,
        }
    }
}

/// What the kit asks the vendor to answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// 429: the caller's bucket is empty (rate limiter), or the `rate_limit` fault.
    TooManyRequests { retry_after_secs: u64 },
    /// 503 before processing (the `unavailable` fault).
    Unavailable { retry_after_secs: u64 },
    /// 500 after processing (the `server_error` fault).
    ServerError,
    /// 502 after processing (the `bad_gateway` fault): a gateway lost the answer.
    BadGateway,
    /// 400: a control endpoint's body is not what it takes; the message says why.
    InvalidControlRequest(String),
    /// 413: a control endpoint's body is over the size limit.
    ControlBodyTooLarge,
}

impl Refusal {
    /// The HTTP status the refusal stands for.
    pub fn status(&self) -> StatusCode {
        match self {
            Refusal::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Refusal::Unavailable { .. } => StatusCode::SERVICE_UNAVAILABLE,
            Refusal::ServerError => StatusCode::INTERNAL_SERVER_ERROR,
            Refusal::BadGateway => StatusCode::BAD_GATEWAY,
            Refusal::InvalidControlRequest(_) => StatusCode::BAD_REQUEST,
            Refusal::ControlBodyTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        }
    }

    /// The `Retry-After` it carries, in seconds.
    pub fn retry_after_secs(&self) -> Option<u64> {
        match self {
            Refusal::TooManyRequests { retry_after_secs }
            | Refusal::Unavailable { retry_after_secs } => Some(*retry_after_secs),
            _ => None,
        }
    }
}

/// An HTML error page with `status` and, when given, `Retry-After`: what gateways and rate
/// limiters in front of most APIs send, whatever the API's own error shape. Clients must
/// classify by status code first; vendors whose real API does this answer with it.
pub fn html_error(status: StatusCode, retry_after_secs: Option<u64>) -> Response {
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
