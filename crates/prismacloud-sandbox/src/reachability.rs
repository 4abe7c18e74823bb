//! The test-call convention: the sandbox reaches nothing, so a config decides its own fate.
//!
//! A config is *unreachable* when any string value in it (secrets included, nested values
//! included) is a URL or host whose host name ends in `.invalid` (a top-level domain RFC 2606
//! reserves for names that must never resolve), or contains the word `unreachable` in any case.
//! Everything else "connects". Tests use it to drive both outcomes of `POST .../integration/test`
//! and the classic `status`/`valid`/`reason` fields.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use super::error::{REDLOCK_STATUS, Violation, keys, status_header, status_list};
use super::integration_type::IntegrationType;

/// Where a config failed to "connect": the path of the offending value (never the value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unreachable {
    pub(crate) subject: String,
}

/// Applies the convention to a config given with its secrets.
pub(crate) fn probe(config: &Map<String, Value>) -> Result<(), Unreachable> {
    for (key, value) in config {
        walk(value, &format!("integrationConfig.{key}"))?;
    }
    Ok(())
}

fn walk(value: &Value, path: &str) -> Result<(), Unreachable> {
    match value {
        Value::String(text) if unreachable(text) => Err(Unreachable {
            subject: path.to_owned(),
        }),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, item)| walk(item, &format!("{path}[{i}]"))),
        Value::Object(fields) => fields
            .iter()
            .try_for_each(|(key, item)| walk(item, &format!("{path}.{key}"))),
        _ => Ok(()),
    }
}

fn unreachable(text: &str) -> bool {
    if text.to_lowercase().contains("unreachable") {
        return true;
    }
    host_of(text).is_some_and(|host| {
        let host = host.trim_end_matches('.');
        host == "invalid" || host.ends_with(".invalid")
    })
}

/// The host of a URL (`https://host:port/path`) or of a bare host (`host:port/path`).
fn host_of(text: &str) -> Option<String> {
    if text.contains("://") {
        let url = url::Url::parse(text).ok()?;
        return url.host_str().map(str::to_lowercase);
    }
    let authority = text.split(['/', '?', '#']).next()?;
    let host_port = authority.rsplit('@').next()?;
    let host = host_port.split(':').next()?;
    (!host.is_empty()).then(|| host.to_lowercase())
}

/// The answer to a test call: 200 and `success: true`, or 400 and the failure.
pub(crate) fn test_response(ty: IntegrationType, outcome: Result<(), Unreachable>) -> Response {
    let description = format!("Connect to the {} endpoint", ty.display_name());
    match outcome {
        Ok(()) => {
            let body = json!({
                "statusCode": 200,
                "success": true,
                "errorMessages": [],
                "tests": [{"key": "connectivity", "description": description,
                           "success": true, "errorMessage": null}],
            });
            (StatusCode::OK, axum::Json(body)).into_response()
        }
        Err(Unreachable { subject }) => {
            let message = format!(
                "{subject} could not be reached (sandbox convention: a host ending in .invalid \
                 or a value containing \"unreachable\")"
            );
            let violations = [Violation::new(keys::TEST_FAILED, &subject, &message)];
            let body = json!({
                "statusCode": 400,
                "success": false,
                "errorMessages": status_list(&violations),
                "tests": [{"key": "connectivity", "description": description,
                           "success": false, "errorMessage": message}],
            });
            let mut response = (StatusCode::BAD_REQUEST, axum::Json(body)).into_response();
            response
                .headers_mut()
                .insert(REDLOCK_STATUS, status_header(&violations));
            response
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn probe_json(value: Value) -> Result<(), Unreachable> {
        match value {
            Value::Object(map) => probe(&map),
            _ => panic!("test configs are objects"),
        }
    }

    #[test]
    fn invalid_hosts_and_the_word_unreachable_fail_anywhere_in_the_config() {
        let cases = [
            (
                json!({"url": "https://splunk.invalid:8088/x"}),
                Some("integrationConfig.url"),
            ),
            (
                json!({"hostUrl": "snow.INVALID"}),
                Some("integrationConfig.hostUrl"),
            ),
            (
                json!({"baseUrl": "qualys.invalid/api"}),
                Some("integrationConfig.baseUrl"),
            ),
            (
                json!({"login": "Unreachable-user"}),
                Some("integrationConfig.login"),
            ),
            (
                json!({"regions": [{"name": "a"}, {"name": "unreachable"}]}),
                Some("integrationConfig.regions[1].name"),
            ),
            (json!({"url": "https://splunk.example.com/invalid"}), None),
            (json!({"hostUrl": "invalid.example.com"}), None),
            (json!({"enabled": true, "n": 60}), None),
        ];
        for (config, expected) in cases {
            let outcome = probe_json(config.clone()).err().map(|u| u.subject);
            assert_eq!(outcome.as_deref(), expected, "{config}");
        }
    }
}
