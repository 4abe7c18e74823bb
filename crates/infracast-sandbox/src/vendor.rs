//! The Infracast sandbox as the kit sees it: its request-id and rate-limit headers, who is
//! calling (`Authorization: Bearer`), and its refusals in the API's error envelope.

use axum::extract::Request;
use axum::http::header::AUTHORIZATION;
use axum::http::{HeaderName, StatusCode};
use axum::response::{IntoResponse, Response};
use sandbox_kit::{Caller, Kit, RateField, Refusal, RequestInfo, Vendor};

use crate::error::ApiError;
use crate::state::SandboxState;

/// The access token of a request, if it carries one as `Bearer`.
pub(crate) fn bearer(request_headers: &axum::http::HeaderMap) -> Option<Result<&str, ()>> {
    let value = request_headers.get(AUTHORIZATION)?;
    Some(
        value
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or(()),
    )
}

impl Vendor for SandboxState {
    const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static("x-request-id");
    const RATE_LIMIT_HEADERS: &'static [(&'static str, RateField)] = &[
        ("x-ratelimit-limit", RateField::Burst),
        ("x-ratelimit-remaining", RateField::Remaining),
        ("x-ratelimit-reset", RateField::Reset),
    ];

    fn kit(&self) -> &Kit {
        &self.inner().kit
    }

    /// Every access token of a user draws from the user's bucket.
    fn identify(&self, request: &Request) -> Caller {
        let token = match bearer(request.headers()) {
            None => return Caller::NoCredentials,
            Some(Err(())) => return Caller::InvalidCredentials,
            Some(Ok(token)) => token,
        };
        self.inner().access.caller(token)
    }

    fn expire_token(&self, token: &str) {
        self.inner().access.expire(token);
    }

    /// Every refusal in the API's envelope: `RATE_LIMITED` with `Retry-After`, the 5xx as
    /// `INTERNAL_ERROR` (with their own status), control mistakes as `BAD_REQUEST`.
    fn refuse(&self, refusal: Refusal, _request: &RequestInfo) -> Response {
        let error = match &refusal {
            Refusal::TooManyRequests { retry_after_secs } => {
                ApiError::rate_limited(*retry_after_secs)
            }
            Refusal::Unavailable { retry_after_secs } => ApiError {
                retry_after: Some(*retry_after_secs),
                ..ApiError::with_status(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "the service is unavailable; retry later (injected by the sandbox)",
                )
            },
            Refusal::ServerError => ApiError::internal("internal error (injected by the sandbox)"),
            Refusal::BadGateway => ApiError::with_status(
                StatusCode::BAD_GATEWAY,
                "bad gateway (injected by the sandbox)",
            ),
            Refusal::InvalidControlRequest(message) => ApiError::bad_request(message.clone()),
            Refusal::ControlBodyTooLarge => ApiError::with_status(
                StatusCode::PAYLOAD_TOO_LARGE,
                "the request body is too large",
            ),
        };
        error.into_response()
    }

    fn clear(&self) {
        // A failed save is logged by `change`; the integrations are gone either way.
        let _ = self.change(|store| {
            store.clear();
            Ok(())
        });
    }
}
