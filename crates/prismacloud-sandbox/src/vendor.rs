//! The Prisma Cloud sandbox as the kit sees it: its request-id and rate-limit headers, who is
//! calling (`x-redlock-auth`), and what its refusals look like (HTML pages where the real API
//! and its gateways send them, the API's error shape of the caller's family otherwise).

use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue};
use axum::response::Response;
use sandbox_kit::sessions::TokenStatus;
use sandbox_kit::{Caller, Kit, RateField, Refusal, RequestInfo, Vendor, html_error};

use super::error::{self, ApiError, Family, Violation, keys};
use super::state::SandboxState;

/// The header every API call carries its token in.
const AUTH: HeaderName = HeaderName::from_static("x-redlock-auth");

impl Vendor for SandboxState {
    const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static("x-redlock-request-id");
    const RATE_LIMIT_HEADERS: &'static [(&'static str, RateField)] = &[
        ("x-ratelimit-remaining", RateField::Remaining),
        ("x-ratelimit-replenish-rate", RateField::PerSecond),
        ("x-ratelimit-burst-capacity", RateField::Burst),
    ];

    fn kit(&self) -> &Kit {
        &self.inner().kit
    }

    /// Every token of a user shares the user's bucket; the token can expire early.
    fn identify(&self, request: &Request) -> Caller {
        let token = match request.headers().get(AUTH).map(HeaderValue::to_str) {
            None => return Caller::NoCredentials,
            Some(Err(_)) => return Caller::InvalidCredentials,
            Some(Ok(token)) => token,
        };
        match self.inner().sessions.check(token) {
            TokenStatus::Valid(user) => Caller::User {
                user,
                token: Some(token.to_owned()),
            },
            TokenStatus::Expired => Caller::ExpiredToken,
            TokenStatus::Unknown => Caller::InvalidCredentials,
        }
    }

    fn expire_token(&self, token: &str) {
        self.inner().sessions.expire(token);
    }

    /// The real API sometimes answers 429 (and its gateways 502 and 503) with an HTML page, no
    /// JSON and no `x-redlock-status`: the sandbox always does, so clients learn to classify by
    /// status code. Other refusals are API errors in the shape of the path's family.
    fn refuse(&self, refusal: Refusal, request: &RequestInfo) -> Response {
        let violation = match &refusal {
            Refusal::TooManyRequests { .. } | Refusal::Unavailable { .. } | Refusal::BadGateway => {
                return html_error(refusal.status(), refusal.retry_after_secs());
            }
            Refusal::ServerError => {
                Violation::general(keys::INTERNAL, "internal error (injected by the sandbox)")
            }
            Refusal::InvalidControlRequest(message) => {
                Violation::general(keys::INVALID_VALUE, message.clone())
            }
            Refusal::ControlBodyTooLarge => {
                Violation::general(keys::BODY_TOO_LARGE, "the request body is too large")
            }
        };
        let error = ApiError::one(refusal.status(), violation);
        error::render(&error, Family::of_path(&request.path))
    }

    fn clear(&self) {
        // A failed save is logged by `change`; the integrations are gone either way.
        let _ = self.change(|store| {
            store.clear();
            Ok(())
        });
    }
}
