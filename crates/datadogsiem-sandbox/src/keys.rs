//! The two keys every call carries: `DD-API-KEY` (the organization's API key) and
//! `DD-APPLICATION-KEY` (a user's application key). No login, no token: a call with either
//! key missing or wrong is answered 403 `{"errors": ["Forbidden"]}`. The kit's pipeline asks
//! [`check`] who is calling (`vendor.rs`); [`require`] turns anyone but the user away.

use axum::extract::Request;
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sandbox_kit::Caller;
use secrecy::ExposeSecret;

use crate::config::SandboxConfig;
use crate::error::ApiError;

pub const API_KEY_HEADER: &str = "dd-api-key";
pub const APP_KEY_HEADER: &str = "dd-application-key";

/// What a call's keys are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keys {
    Valid,
    Missing,
    Wrong,
}

/// The keys of `headers` against the sandbox's.
pub fn check(headers: &HeaderMap, config: &SandboxConfig) -> Keys {
    let value = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    match (value(API_KEY_HEADER), value(APP_KEY_HEADER)) {
        (Some(api), Some(app))
            if api == config.api_key.expose_secret() && app == config.app_key.expose_secret() =>
        {
            Keys::Valid
        }
        (None, _) | (_, None) => Keys::Missing,
        _ => Keys::Wrong,
    }
}

/// Answers 403 unless the pipeline identified the caller by both keys.
pub async fn require(request: Request, next: Next) -> Response {
    match request.extensions().get::<Caller>() {
        Some(Caller::User { .. }) => next.run(request).await,
        _ => ApiError::forbidden().into_response(),
    }
}
