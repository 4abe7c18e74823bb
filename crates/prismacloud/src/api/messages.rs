//! Reading the API's error messages out of an answer.
//!
//! The API reports errors in several shapes: a JSON list of `{i18nKey, severity, subject}` in
//! the `x-redlock-status` header, the same list (or one such object) as the body, a v1 body
//! `{status, message, subErrors}`, or a test body with `errorMessages`. A 429 may also be an
//! HTML page with none of these. Callers classify by status code first; this module only
//! extracts what parses and yields nothing otherwise.
//!
//! Messages can echo what was sent (a subject may be a webhook URL), so the values of the
//! request's secrets are masked in everything kept from an answer.

use reqwest::header::HeaderMap;
use serde_json::Value;

use apiclient::ApiMessage;
pub(crate) use apiclient::Redactions;

const STATUS_HEADER: &str = "x-redlock-status";

/// All API messages in the header or the body, header first, with `redactions` applied;
/// empty when nothing parses.
pub(crate) fn parse(
    headers: &HeaderMap,
    body: &[u8],
    redactions: Redactions<'_>,
) -> Vec<ApiMessage> {
    super::VENDOR.messages(headers, body, redactions)
}

/// The messages as sent ([`apiclient::Vendor::parse_messages`]: the kit masks them).
pub(crate) fn parse_unmasked(headers: &HeaderMap, body: &[u8]) -> Vec<ApiMessage> {
    let from_header = headers
        .get(STATUS_HEADER)
        .and_then(|v| serde_json::from_slice::<Value>(v.as_bytes()).ok())
        .map(|v| from_value(&v))
        .unwrap_or_default();
    if from_header.is_empty() {
        serde_json::from_slice::<Value>(body)
            .map(|v| from_value(&v))
            .unwrap_or_default()
    } else {
        from_header
    }
}

/// Messages in one parsed JSON value, whatever its shape.
pub(crate) fn from_value(value: &Value) -> Vec<ApiMessage> {
    match value {
        Value::Array(items) => items.iter().filter_map(one).collect(),
        Value::Object(map) => {
            if map.contains_key("i18nKey") {
                return one(value).into_iter().collect();
            }
            let mut found = Vec::new();
            // Test answers: {errorMessages: [...]}.
            if let Some(Value::Array(items)) = map.get("errorMessages") {
                found.extend(items.iter().filter_map(one));
            }
            // v1 error bodies: {status, message, subErrors: [...]}.
            if let Some(Value::String(text)) = map.get("message")
                && !text.is_empty()
            {
                found.push(ApiMessage {
                    code: text.clone(),
                    severity: "error".into(),
                    subject: None,
                });
            }
            if let Some(Value::Array(items)) = map.get("subErrors") {
                found.extend(items.iter().filter_map(one));
            }
            found
        }
        _ => Vec::new(),
    }
}

/// One message object: `{i18nKey, severity?, subject?}`, or a v1 sub-error `{message, field?}`.
fn one(value: &Value) -> Option<ApiMessage> {
    let map = value.as_object()?;
    let text = |key: &str| map.get(key).and_then(Value::as_str).map(str::to_owned);
    let code = text("i18nKey").or_else(|| text("message"))?;
    Some(ApiMessage {
        code,
        severity: text("severity").unwrap_or_default(),
        subject: text("subject").or_else(|| text("field")),
    })
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;

    use secrecy::SecretString;

    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_str(value).expect("test header"));
        }
        map
    }

    fn keys(messages: &[ApiMessage]) -> Vec<&str> {
        messages.iter().map(|m| m.code.as_str()).collect()
    }

    #[test]
    fn header_list_is_read() {
        let h = headers(&[(
            STATUS_HEADER,
            r#"[{"i18nKey":"invalid_id","severity":"error","subject":"abc"}]"#,
        )]);
        let messages = parse(&h, b"", Redactions::default());
        assert_eq!(
            messages,
            vec![ApiMessage {
                code: "invalid_id".into(),
                severity: "error".into(),
                subject: Some("abc".into())
            }]
        );
    }

    #[test]
    fn header_wins_over_body_and_body_is_used_without_header() {
        let body = br#"[{"i18nKey":"from_body","severity":"error"}]"#;
        let h = headers(&[(STATUS_HEADER, r#"[{"i18nKey":"from_header"}]"#)]);
        assert_eq!(
            keys(&parse(&h, body, Redactions::default())),
            ["from_header"]
        );
        assert_eq!(
            keys(&parse(&HeaderMap::new(), body, Redactions::default())),
            ["from_body"]
        );
    }

    #[test]
    fn v1_error_body_is_read() {
        let body = br#"{"status":"BAD_REQUEST","timestamp":"x","message":"integration_name_already_exists",
            "debugMessage":"stack trace here","subErrors":[{"message":"must not be blank","field":"name"}]}"#;
        let messages = parse(&HeaderMap::new(), body, Redactions::default());
        assert_eq!(
            keys(&messages),
            ["integration_name_already_exists", "must not be blank"]
        );
        assert_eq!(messages[1].subject.as_deref(), Some("name"));
        assert!(!format!("{messages:?}").contains("stack trace"));
    }

    #[test]
    fn test_body_error_messages_are_read() {
        let body = br#"{"statusCode":400,"success":false,
            "errorMessages":[{"i18nKey":"invalid_slack_webhook_url","severity":"error","subject":null}],
            "tests":[]}"#;
        assert_eq!(
            keys(&parse(&HeaderMap::new(), body, Redactions::default())),
            ["invalid_slack_webhook_url"]
        );
    }

    #[test]
    fn html_garbage_and_empty_bodies_yield_nothing() {
        let html = b"<html><body><h1>429 Too Many Requests</h1></body></html>";
        assert!(parse(&HeaderMap::new(), html, Redactions::default()).is_empty());
        assert!(parse(&HeaderMap::new(), b"", Redactions::default()).is_empty());
        assert!(
            parse(
                &HeaderMap::new(),
                b"\"just a string\"",
                Redactions::default()
            )
            .is_empty()
        );
        let h = headers(&[(STATUS_HEADER, "not json")]);
        assert!(parse(&h, b"{}", Redactions::default()).is_empty());
    }

    #[test]
    fn secrets_echoed_by_the_server_are_masked() {
        let secrets = [SecretString::from("hooks-secret-123")];
        let h = headers(&[(
            STATUS_HEADER,
            r#"[{"i18nKey":"invalid_slack_webhook_url","subject":"https://x/hooks-secret-123"}]"#,
        )]);
        let messages = parse(&h, b"", Redactions(&secrets));
        assert_eq!(messages[0].subject.as_deref(), Some("https://x/***"));
    }
}
