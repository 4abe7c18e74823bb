//! Reading the API's error messages out of an answer.
//!
//! The API reports errors in several shapes: a JSON list of `{i18nKey, severity, subject}` in
//! the `x-redlock-status` header, the same list (or one such object, each possibly with a human
//! `message`) as the body, a v1 body `{status, message, subErrors: [{i18nKey, field,
//! message}]}`, or a test body with `errorMessages`. A 429 may also be an HTML page with none
//! of these. Callers classify by status code first; this module only extracts what parses and
//! yields nothing otherwise.
//!
//! The header is the list when it parses; the body then only lends each message its words (the
//! header carries codes and subjects, the body says what is wrong), so that users read the
//! API's explanation and not just its key.
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
    let from_body = serde_json::from_slice::<Value>(body)
        .map(|v| from_value(&v))
        .unwrap_or_default();
    if from_header.is_empty() {
        return from_body;
    }
    from_header
        .into_iter()
        .map(|message| explained(message, &from_body))
        .collect()
}

/// `message` (from the header) with the words the body gives for it: the body's message of the
/// same code and subject, or its only message of that code.
fn explained(mut message: ApiMessage, body: &[ApiMessage]) -> ApiMessage {
    if message.text.is_none() {
        let same_code: Vec<&ApiMessage> = body.iter().filter(|b| b.code == message.code).collect();
        let twin = same_code.iter().find(|b| b.subject == message.subject).or(
            match same_code.as_slice() {
                [only] => Some(only),
                _ => None,
            },
        );
        message.text = twin.and_then(|b| b.text.clone());
    }
    message
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
            // v1 error bodies: {status, message, subErrors: [...]}. The top-level message is
            // often the sub-errors' words joined: kept only when it says something else.
            let subs: Vec<ApiMessage> = match map.get("subErrors") {
                Some(Value::Array(items)) => items.iter().filter_map(one).collect(),
                _ => Vec::new(),
            };
            if let Some(Value::String(text)) = map.get("message")
                && !text.is_empty()
                && !summarizes(text, &subs)
            {
                found.push(ApiMessage::new(text.clone()).with_severity("error"));
            }
            found.extend(subs);
            found
        }
        _ => Vec::new(),
    }
}

/// Whether a v1 body's top-level `message` only repeats its sub-errors' words.
fn summarizes(text: &str, subs: &[ApiMessage]) -> bool {
    let words: Vec<&str> = subs
        .iter()
        .map(|m| m.text.as_deref().unwrap_or(&m.code))
        .collect();
    !words.is_empty() && (words.join("; ") == text || words.contains(&text))
}

/// One message object: `{i18nKey, severity?, subject?, message?}`, or a v1 sub-error
/// `{i18nKey?, message, field?}`. The `message` is the explanation when a key is the code.
fn one(value: &Value) -> Option<ApiMessage> {
    let map = value.as_object()?;
    let text = |key: &str| {
        map.get(key)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let (code, explanation) = match (text("i18nKey"), text("message")) {
        (Some(key), message) => (key, message),
        (None, Some(message)) => (message, None),
        (None, None) => return None,
    };
    Some(ApiMessage {
        code,
        severity: text("severity").unwrap_or_default(),
        subject: text("subject").or_else(|| text("field")),
        text: explanation,
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
            vec![
                ApiMessage::new("invalid_id")
                    .with_severity("error")
                    .with_subject("abc")
            ]
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
    fn the_body_lends_its_words_to_the_header_list() {
        let h = headers(&[(
            STATUS_HEADER,
            concat!(
                r#"[{"i18nKey":"invalid_parameter_value","severity":"error","#,
                r#""subject":"integrationConfig.queueUrl"},"#,
                r#"{"i18nKey":"missing_required_parameter","severity":"error","subject":"name"}]"#
            ),
        )]);
        let v1 = br#"{"status":"BAD_REQUEST","timestamp":"t",
            "message":"integrationConfig.queueUrl must be an absolute http:// or https:// URL; name is required",
            "debugMessage":null,"subErrors":[
              {"i18nKey":"invalid_parameter_value","field":"integrationConfig.queueUrl",
               "message":"integrationConfig.queueUrl must be an absolute http:// or https:// URL"},
              {"i18nKey":"missing_required_parameter","field":"name","message":"name is required"}]}"#;
        let classic = br#"[{"i18nKey":"invalid_parameter_value","severity":"error",
            "subject":"integrationConfig.queueUrl",
            "message":"integrationConfig.queueUrl must be an absolute http:// or https:// URL"},
            {"i18nKey":"missing_required_parameter","severity":"error","subject":"name",
             "message":"name is required"}]"#;
        for body in [&v1[..], &classic[..]] {
            for h in [h.clone(), HeaderMap::new()] {
                let messages = parse(&h, body, Redactions::default());
                assert_eq!(
                    keys(&messages),
                    ["invalid_parameter_value", "missing_required_parameter"]
                );
                assert_eq!(
                    messages[0].subject.as_deref(),
                    Some("integrationConfig.queueUrl")
                );
                assert_eq!(
                    messages[0].text.as_deref(),
                    Some("integrationConfig.queueUrl must be an absolute http:// or https:// URL")
                );
                assert_eq!(messages[1].text.as_deref(), Some("name is required"));
            }
        }
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
        let short = [SecretString::from("x")];
        let messages = parse(&h, b"", Redactions(&short));
        assert_eq!(
            messages[0].subject.as_deref(),
            Some("https://x/hooks-secret-123"),
            "a one-letter secret is not masked: it would mangle the text"
        );
    }
}
