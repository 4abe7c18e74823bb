//! The API's error shape, `{"error": {"code", "message", "details"}}`, with the documented codes:
//! `BAD_REQUEST` 400, `UNAUTHORIZED` 401, `FORBIDDEN` 403, `NOT_FOUND` 404, `RATE_LIMITED` 429,
//! `INTERNAL_ERROR` 500. `details` is always a list: for a body that fails validation, one
//! `{"field", "issue"}` per problem; empty otherwise.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// One problem with a request body: where (`config.url`) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub field: String,
    pub issue: String,
}

impl Issue {
    pub fn new(field: impl Into<String>, issue: impl Into<String>) -> Issue {
        Issue {
            field: field.into(),
            issue: issue.into(),
        }
    }
}

/// An error answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub details: Vec<Issue>,
    /// `Retry-After`, in seconds (429, 503).
    pub retry_after: Option<u64>,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
            details: Vec::new(),
            retry_after: None,
        }
    }

    /// 400 for a body with these problems.
    pub fn invalid(details: Vec<Issue>) -> ApiError {
        let message = match details.as_slice() {
            [one] => format!("{}: {}", one.field, one.issue),
            _ => format!("the request has {} invalid fields", details.len()),
        };
        ApiError {
            details,
            ..ApiError::new(StatusCode::BAD_REQUEST, "BAD_REQUEST", message)
        }
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "BAD_REQUEST", message)
    }

    pub fn unauthorized(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::UNAUTHORIZED, "UNAUTHORIZED", message)
    }

    pub fn forbidden(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::FORBIDDEN, "FORBIDDEN", message)
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "NOT_FOUND", message)
    }

    pub fn rate_limited(retry_after: u64) -> ApiError {
        ApiError {
            retry_after: Some(retry_after),
            ..ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "RATE_LIMITED",
                "too many requests; retry later",
            )
        }
    }

    /// Any status the documented codes do not name (405, 503, ...) carries the closest one.
    pub fn with_status(status: StatusCode, message: impl Into<String>) -> ApiError {
        let code = match status.as_u16() {
            401 => "UNAUTHORIZED",
            404 => "NOT_FOUND",
            403 => "FORBIDDEN",
            429 => "RATE_LIMITED",
            400..=499 => "BAD_REQUEST",
            _ => "INTERNAL_ERROR",
        };
        ApiError::new(status, code, message)
    }

    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", message)
    }

    /// The body.
    pub fn body(&self) -> Value {
        let details: Vec<Value> = self
            .details
            .iter()
            .map(|d| json!({"field": d.field, "issue": d.issue}))
            .collect();
        json!({"error": {"code": self.code, "message": self.message, "details": details}})
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(self.body())).into_response();
        if let Some(secs) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_envelope_has_code_message_and_details() {
        let e = ApiError::invalid(vec![Issue::new("config.url", "must be a URL")]);
        assert_eq!(
            e.body(),
            json!({"error": {"code": "BAD_REQUEST", "message": "config.url: must be a URL",
                "details": [{"field": "config.url", "issue": "must be a URL"}]}})
        );
        assert_eq!(
            ApiError::not_found("x").body()["error"]["details"],
            json!([])
        );
        let limited = ApiError::rate_limited(2).into_response();
        assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(limited.headers()[header::RETRY_AFTER], "2");
        assert_eq!(
            ApiError::with_status(StatusCode::METHOD_NOT_ALLOWED, "x").code,
            "BAD_REQUEST"
        );
    }
}
