//! The API's error shape, `{"errors": ["..."]}`, and the one error type every handler returns.
//!
//! Messages name attributes and keys, never values: a value may be a secret.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// An error answer: a status and its messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub errors: Vec<String>,
}

impl ApiError {
    pub fn new(status: StatusCode, errors: Vec<String>) -> ApiError {
        ApiError { status, errors }
    }

    /// 400 with these problems.
    pub fn bad_request(errors: Vec<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, errors)
    }

    /// 400 with one problem.
    pub fn invalid(message: impl Into<String>) -> ApiError {
        ApiError::bad_request(vec![message.into()])
    }

    /// 404, as the API words it.
    pub fn not_found() -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, vec!["Not found".into()])
    }

    /// 403: the keys are missing or wrong.
    pub fn forbidden() -> ApiError {
        ApiError::new(StatusCode::FORBIDDEN, vec!["Forbidden".into()])
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(json!({ "errors": self.errors }))).into_response()
    }
}

/// A caller-chosen name (an unknown key, say) cut to a length fit for a message.
pub fn clip(name: &str) -> String {
    const MAX: usize = 64;
    name.chars().take(MAX).collect()
}
