//! The two keys every call carries: `DD-API-KEY` (the organization's API key) and
//! `DD-APPLICATION-KEY` (a user's application key). No login, no token: a call with either
//! key missing or wrong is answered 403 `{"errors": ["Forbidden"]}`.

use axum::extract::{Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use secrecy::ExposeSecret;

use crate::config::SandboxConfig;
use crate::error::ApiError;
use crate::state::SandboxState;

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

/// Answers 403 unless both keys are right.
pub async fn require(State(state): State<SandboxState>, request: Request, next: Next) -> Response {
    match check(request.headers(), state.config()) {
        Keys::Valid => next.run(request).await,
        Keys::Missing | Keys::Wrong => ApiError::forbidden().into_response(),
    }
}
