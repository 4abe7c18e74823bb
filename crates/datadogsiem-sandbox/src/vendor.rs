//! The Datadog sandbox as the kit sees it: who is calling (the two key headers: every call
//! with the right keys is one user, who owns one rate-limit bucket), Datadog's rate-limit
//! headers on every answer, and its refusals in the API's `{"errors": [...]}` shape.

use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue};
use axum::response::{IntoResponse, Response};
use sandbox_kit::{Caller, Kit, RateField, Refusal, RequestInfo, Vendor};

use crate::error::ApiError;
use crate::keys::{self, Keys};
use crate::state::SandboxState;

/// The one user behind the sandbox's keys.
const USER: &str = "sandbox";

impl Vendor for SandboxState {
    const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static("x-request-id");
    const RATE_LIMIT_HEADERS: &'static [(&'static str, RateField)] = &[
        ("x-ratelimit-limit", RateField::Burst),
        ("x-ratelimit-period", RateField::Period),
        ("x-ratelimit-remaining", RateField::Remaining),
        ("x-ratelimit-reset", RateField::Reset),
    ];

    fn kit(&self) -> &Kit {
        SandboxState::kit(self)
    }

    fn identify(&self, request: &Request) -> Caller {
        match keys::check(request.headers(), self.config()) {
            Keys::Valid => Caller::User {
                user: USER.into(),
                token: None,
            },
            Keys::Missing => Caller::NoCredentials,
            Keys::Wrong => Caller::InvalidCredentials,
        }
    }

    /// Static keys never expire.
    fn expire_token(&self, _token: &str) {}

    fn refuse(&self, refusal: Refusal, _request: &RequestInfo) -> Response {
        let message = match &refusal {
            Refusal::TooManyRequests { .. } => "Too many requests".to_string(),
            Refusal::Unavailable { .. } => "Service unavailable".into(),
            Refusal::ServerError => "Internal server error (injected by the sandbox)".into(),
            Refusal::BadGateway => "Bad gateway (injected by the sandbox)".into(),
            Refusal::InvalidControlRequest(message) => message.clone(),
            Refusal::ControlBodyTooLarge => "The request body is too large".into(),
        };
        let mut response = ApiError::new(refusal.status(), vec![message]).into_response();
        if let Some(secs) = refusal.retry_after_secs() {
            let headers = response.headers_mut();
            headers.insert("retry-after", HeaderValue::from(secs));
            if matches!(refusal, Refusal::TooManyRequests { .. }) {
                // Datadog says when the window resets; a client must wait that long.
                headers.insert("x-ratelimit-reset", HeaderValue::from(secs));
            }
        }
        response
    }

    fn clear(&self) {
        let _ = self.change(|store| {
            store.clear();
            Ok(())
        });
    }
}
