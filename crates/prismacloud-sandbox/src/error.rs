//! The API's error shape, and the one error type every handler and middleware returns.
//!
//! An [`ApiError`] is a value until the edge of the pipeline: turned into a response it only
//! carries itself as an extension, and [`render`] (called by the pipeline, which knows from the
//! path whether the caller speaks to the classic or the v1 family) writes the body the family
//! uses. That way handlers, extractors and middleware share one error type and no code path can
//! answer with the wrong shape.
//!
//! Messages and subjects name keys, never values: a value may be a secret.

use std::sync::Arc;

use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// Response header carrying the JSON list of `{i18nKey, severity, subject}`.
pub(crate) const REDLOCK_STATUS: HeaderName = HeaderName::from_static("x-redlock-status");

/// The i18n keys the sandbox answers with.
pub(crate) mod keys {
    pub(crate) const INVALID_ID: &str = "invalid_id";
    pub(crate) const NOT_FOUND: &str = "not_found";
    pub(crate) const NAME_EXISTS: &str = "integration_name_already_exists";
    pub(crate) const INVALID_SLACK_WEBHOOK_URL: &str = "invalid_slack_webhook_url";
    pub(crate) const MISSING_PARAMETER: &str = "missing_required_parameter";
    pub(crate) const INVALID_VALUE: &str = "invalid_parameter_value";
    pub(crate) const KEY_NOT_MUTABLE: &str = "integration_config_key_not_mutable";
    pub(crate) const INTERNAL: &str = "internal_error";
    pub(crate) const UNKNOWN_PARAMETER: &str = "unknown_parameter";
    pub(crate) const CONFLICTING_PARAMETERS: &str = "conflicting_parameters";
    pub(crate) const UNSUPPORTED_TYPE: &str = "unsupported_integration_type";
    pub(crate) const CLASSIC_ONLY_TYPE: &str = "integration_type_requires_classic_api";
    pub(crate) const TYPE_NOT_MUTABLE: &str = "integration_type_not_mutable";
    pub(crate) const MASKED_SECRET: &str = "masked_secret_not_allowed";
    pub(crate) const SDL_EXISTS: &str = "aws_sdl_integration_already_exists";
    pub(crate) const INVALID_STAGING: &str = "invalid_staging_integration_id";
    pub(crate) const DELETE_CONFLICT: &str = "conflict_deleting_integration";
    pub(crate) const TEST_NOT_SUPPORTED: &str = "integration_test_not_supported";
    pub(crate) const TEST_FAILED: &str = "integration_test_failed";
    pub(crate) const INVALID_BODY: &str = "invalid_request_body";
    pub(crate) const BODY_TOO_LARGE: &str = "request_body_too_large";
    pub(crate) const INVALID_CREDENTIALS: &str = "invalid_credentials";
    pub(crate) const TOKEN_MISSING: &str = "auth_token_missing";
    pub(crate) const TOKEN_INVALID: &str = "auth_token_invalid";
    pub(crate) const TOKEN_EXPIRED: &str = "auth_token_expired";
    pub(crate) const TENANT_MISMATCH: &str = "invalid_tenant";
    pub(crate) const METHOD_NOT_ALLOWED: &str = "method_not_allowed";
    pub(crate) const NO_SUCH_ENDPOINT: &str = "no_such_endpoint";
}

/// Longest subject we echo back: subjects can be key names the caller invented.
const MAX_SUBJECT_CHARS: usize = 120;

/// A caller-chosen name (an unknown key, say) cut to a length fit for a message.
pub(crate) fn clip(name: &str) -> String {
    const MAX_NAME_CHARS: usize = 64;
    name.chars().take(MAX_NAME_CHARS).collect()
}

/// One rule broken by a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Violation {
    /// The i18n key (one of [`keys`]).
    pub(crate) key: &'static str,
    /// What the violation is about: a field path such as `integrationConfig.url`.
    pub(crate) subject: Option<String>,
    /// A human sentence. Names keys, never values.
    pub(crate) message: String,
}

impl Violation {
    /// A violation about `subject`.
    pub(crate) fn new(
        key: &'static str,
        subject: impl AsRef<str>,
        message: impl Into<String>,
    ) -> Self {
        let subject: String = subject.as_ref().chars().take(MAX_SUBJECT_CHARS).collect();
        Violation {
            key,
            subject: Some(subject),
            message: message.into(),
        }
    }

    /// `unknown_parameter` for the caller-chosen key `name` under `path` (empty: top level);
    /// `note` ends the message.
    pub(crate) fn unknown(path: &str, name: &str, note: &str) -> Self {
        let subject = if path.is_empty() {
            clip(name)
        } else {
            format!("{path}.{}", clip(name))
        };
        let message = format!("{subject} is not a known parameter{note}");
        Violation::new(keys::UNKNOWN_PARAMETER, &subject, message)
    }

    /// A violation about the request as a whole.
    pub(crate) fn general(key: &'static str, message: impl Into<String>) -> Self {
        Violation {
            key,
            subject: None,
            message: message.into(),
        }
    }
}

/// An error answer: a status and every violation found.
#[derive(Debug, Clone, thiserror::Error)]
#[error("HTTP {status}: {}", .violations.iter().map(|v| v.key).collect::<Vec<_>>().join(", "))]
pub(crate) struct ApiError {
    pub(crate) status: StatusCode,
    pub(crate) violations: Vec<Violation>,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, violations: Vec<Violation>) -> Self {
        ApiError { status, violations }
    }

    /// `Ok` when nothing was violated, 400 with every violation otherwise.
    pub(crate) fn check(violations: Vec<Violation>) -> Result<(), Self> {
        if violations.is_empty() {
            Ok(())
        } else {
            Err(ApiError::bad_request(violations))
        }
    }

    /// 400 with every violation found.
    pub(crate) fn bad_request(violations: Vec<Violation>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, violations)
    }

    /// A single violation.
    pub(crate) fn one(status: StatusCode, violation: Violation) -> Self {
        ApiError::new(status, vec![violation])
    }

    /// 404 `not_found` for an integration id.
    pub(crate) fn integration_not_found() -> Self {
        ApiError::one(
            StatusCode::NOT_FOUND,
            Violation::new(keys::NOT_FOUND, "id", "no integration has this id"),
        )
    }

    /// 500 `internal_error` (a bug in the sandbox, never the caller's fault).
    pub(crate) fn internal(message: impl Into<String>) -> Self {
        ApiError::one(
            StatusCode::INTERNAL_SERVER_ERROR,
            Violation::general(keys::INTERNAL, message),
        )
    }
}

/// Marker extension: the response is an unrendered [`ApiError`].
#[derive(Clone)]
pub(crate) struct ErrorReport(pub(crate) Arc<ApiError>);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = self.status.into_response();
        response
            .extensions_mut()
            .insert(ErrorReport(Arc::new(self)));
        response
    }
}

/// Which family of endpoints a request addressed; the families format errors differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    /// `/login`, `/license`, `/integration...`: errors are the JSON list.
    Classic,
    /// `/api/v1/...`: errors are `{status, timestamp, message, debugMessage, subErrors}`.
    V1,
}

impl Family {
    /// The family a request path belongs to.
    pub(crate) fn of_path(path: &str) -> Family {
        if path.starts_with("/api/v1/") {
            Family::V1
        } else {
            Family::Classic
        }
    }
}

/// The `[{i18nKey, severity, subject}]` list both families send in `x-redlock-status`.
pub(crate) fn status_list(violations: &[Violation]) -> Value {
    Value::Array(
        violations
            .iter()
            .map(|v| json!({"i18nKey": v.key, "severity": "error", "subject": v.subject}))
            .collect(),
    )
}

/// The `x-redlock-status` header value for `violations`.
pub(crate) fn status_header(violations: &[Violation]) -> HeaderValue {
    let text = ascii_json(&status_list(violations));
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static("[]"))
}

/// Renders `error` in the body shape of `family`.
pub(crate) fn render(error: &ApiError, family: Family) -> Response {
    let body = match family {
        Family::Classic => Value::Array(
            error
                .violations
                .iter()
                .map(|v| {
                    json!({"i18nKey": v.key, "severity": "error", "subject": v.subject,
                           "message": v.message})
                })
                .collect(),
        ),
        Family::V1 => v1_body(error),
    };
    let mut response = (error.status, axum::Json(body)).into_response();
    response
        .headers_mut()
        .insert(REDLOCK_STATUS, status_header(&error.violations));
    response
}

fn v1_body(error: &ApiError) -> Value {
    let status_name = error
        .status
        .canonical_reason()
        .unwrap_or("ERROR")
        .to_uppercase()
        .replace([' ', '-'], "_");
    let message = error
        .violations
        .iter()
        .map(|v| v.message.as_str())
        .collect::<Vec<_>>()
        .join("; ");
    let timestamp = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let sub_errors: Vec<Value> = error
        .violations
        .iter()
        .map(|v| json!({"i18nKey": v.key, "field": v.subject, "message": v.message}))
        .collect();
    json!({
        "status": status_name,
        "timestamp": timestamp,
        "message": message,
        "debugMessage": null,
        "subErrors": sub_errors,
    })
}

/// JSON text with every non-ASCII or DEL character escaped, so it fits in an HTTP header.
fn ascii_json(value: &Value) -> String {
    let text = value.to_string();
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if ch.is_ascii() && ch != '\u{7f}' {
            out.push(ch);
        } else {
            let mut units = [0u16; 2];
            for unit in ch.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_escapes_non_ascii_subjects() {
        let header = status_header(&[Violation::new(keys::UNKNOWN_PARAMETER, "clé😀", "x")]);
        let text = header.to_str().expect("header is ASCII");
        let parsed: Value = serde_json::from_str(text).expect("header is JSON");
        assert_eq!(parsed[0]["subject"], "clé😀");
        assert_eq!(parsed[0]["severity"], "error");
    }

    #[test]
    fn subjects_are_truncated() {
        let long = "k".repeat(1000);
        let v = Violation::new(keys::UNKNOWN_PARAMETER, &long, "x");
        assert_eq!(v.subject.map(|s| s.len()), Some(MAX_SUBJECT_CHARS));
    }

    #[test]
    fn v1_body_names_the_status_and_lists_every_violation() {
        let error = ApiError::bad_request(vec![
            Violation::new(keys::MISSING_PARAMETER, "name", "name is required"),
            Violation::new(keys::INVALID_VALUE, "integrationConfig.url", "bad url"),
        ]);
        let body = v1_body(&error);
        assert_eq!(body["status"], "BAD_REQUEST");
        assert_eq!(body["subErrors"].as_array().map(Vec::len), Some(2));
        assert_eq!(body["message"], "name is required; bad url");
    }
}
