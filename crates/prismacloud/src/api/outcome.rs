//! Reading the answer of a test call.
//!
//! A test the API could run answers 200 (it worked) or 400 with either a test body
//! `{statusCode, success, errorMessages: [...], tests: [{key, description, success,
//! errorMessage}]}` or `x-redlock-status` messages. Both become a [`TestOutcome`]; the reasons
//! are joined into one message with the request's secrets masked.

use reqwest::header::HeaderMap;
use serde_json::Value;

use super::messages::{self, Redactions};
use super::model::TestOutcome;

/// The outcome of a test answered with `status` (200 or 400).
pub(crate) fn test_outcome(
    status: u16,
    headers: &HeaderMap,
    body: &[u8],
    redactions: Redactions<'_>,
) -> TestOutcome {
    let parsed: Option<Value> = serde_json::from_slice(body).ok();
    let messages = messages::parse(headers, body, redactions);
    let mut failed_checks = Vec::new();
    if let Some(Value::Array(tests)) = parsed.as_ref().and_then(|v| v.get("tests")) {
        for test in tests
            .iter()
            .filter(|t| t.get("success") == Some(&Value::Bool(false)))
        {
            let text = |key: &str| {
                test.get(key)
                    .and_then(Value::as_str)
                    .filter(|s| !s.is_empty())
            };
            let what = text("description")
                .or_else(|| text("key"))
                .unwrap_or("a check");
            let reason = match text("errorMessage") {
                Some(error) => format!("{what}: {error}"),
                None => format!("{what} failed"),
            };
            failed_checks.push(redactions.apply(&reason));
        }
    }
    let mut reasons: Vec<String> = messages.iter().map(ToString::to_string).collect();
    reasons.extend(failed_checks.iter().cloned());
    let reported = parsed
        .as_ref()
        .and_then(|v| v.get("success"))
        .and_then(Value::as_bool);
    let success = (200..300).contains(&status) && reported != Some(false);
    if !success && reasons.is_empty() {
        reasons.push(format!(
            "the test failed (HTTP {status}) and Prisma Cloud gave no reason"
        ));
    }
    TestOutcome {
        success,
        status_code: status,
        message: reasons.join("; "),
        messages,
        failed_checks,
    }
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;
    use secrecy::SecretString;

    use super::*;

    #[test]
    fn success_without_body() {
        let outcome = test_outcome(200, &HeaderMap::new(), b"", Redactions::default());
        assert_eq!(
            outcome,
            TestOutcome {
                success: true,
                status_code: 200,
                message: String::new(),
                messages: Vec::new(),
                failed_checks: Vec::new(),
            }
        );
    }

    #[test]
    fn test_body_reasons_are_joined_and_masked() {
        let secrets = [SecretString::from("tok-SECRET")];
        let body = br#"{"statusCode":400,"success":false,
            "errorMessages":[{"i18nKey":"invalid_credentials","severity":"error","subject":"tok-SECRET"}],
            "tests":[{"key":"auth","description":"Authenticate","success":false,"errorMessage":"401 from tok-SECRET"},
                     {"key":"reach","description":"Reach host","success":true,"errorMessage":null},
                     {"key":"post","success":false}]}"#;
        let outcome = test_outcome(400, &HeaderMap::new(), body, Redactions(&secrets));
        assert!(!outcome.success);
        assert_eq!(outcome.status_code, 400);
        assert_eq!(
            outcome.message,
            "invalid_credentials (***); Authenticate: 401 from ***; post failed"
        );
    }

    #[test]
    fn header_messages_without_body() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-redlock-status",
            HeaderValue::from_static(
                r#"[{"i18nKey":"invalid_slack_webhook_url","severity":"error","subject":null}]"#,
            ),
        );
        let outcome = test_outcome(400, &headers, b"", Redactions::default());
        assert!(!outcome.success);
        assert_eq!(outcome.message, "invalid_slack_webhook_url");
    }

    #[test]
    fn a_200_that_reports_failure_is_a_failure() {
        let outcome = test_outcome(
            200,
            &HeaderMap::new(),
            br#"{"success":false}"#,
            Redactions::default(),
        );
        assert!(!outcome.success);
        assert!(outcome.message.contains("no reason"));
    }
}
