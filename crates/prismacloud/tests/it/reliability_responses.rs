//! Malformed or surprising answers from the API become clear, typed errors — never a panic,
//! never a quote of the body: missing fields, wrong types, HTML pages where JSON was expected,
//! a JSON value of the wrong kind, an empty body. Extra fields are ignored.

#[allow(dead_code)] // shared by several test crates; each uses a part
use crate::api_fake;

use api_fake::{Fake, Fault, Route};
use prismacloud::api::Error;

const HTML: &str =
    "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1>secret-ish page</body></html>";

/// The error must be a decode error naming the operation and what was expected, without
/// quoting the body.
fn assert_clear(error: &Error, operation: &str, body: &str) {
    let text = error.to_string();
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
    assert!(text.contains(operation), "{text}");
    assert!(text.contains("expected"), "{text}");
    for quoted in ["secret-ish", "not-a-bool", "sneaky"] {
        assert!(
            !body.contains(quoted) || !text.contains(quoted),
            "the body leaked into the error: {text}"
        );
    }
}

#[tokio::test]
async fn surprising_list_answers_are_decode_errors() {
    let cases = [
        HTML,
        "",
        r#"{"not": "an array"}"#,
        r#"[{"name": "no id", "enabled": true, "integrationType": "slack"}]"#,
        r#"[{"id": "a", "name": "n", "enabled": "not-a-bool", "integrationType": "slack"}]"#,
        r#"[{"id": "a", "name": 7, "enabled": true, "integrationType": "slack"}]"#,
        r#"[{"id": "a", "name": "n", "enabled": true, "integrationType": "slack", "integrationConfig": "sneaky"}]"#,
        "[1, 2, 3]",
        "null",
    ];
    for body in cases {
        let fake = Fake::start().await;
        fake.fault(Route::List, Fault::status(200).body(body));
        let error = fake
            .classic_client()
            .list(None)
            .await
            .expect_err(&format!("{body:?} is not a list of integrations"));
        assert_clear(&error, "GET /integration", body);
    }
}

#[tokio::test]
async fn surprising_get_answers_are_decode_errors() {
    let fake = Fake::start().await;
    let id = fake.insert("present", "slack", true);
    for body in [HTML, "", "[]", r#""a string""#, r#"{"id": "x"}"#] {
        fake.fault(Route::Get, Fault::status(200).body(body));
        let error = fake
            .classic_client()
            .get(&id, Some("slack"))
            .await
            .expect_err(&format!("{body:?} is not an integration"));
        assert_clear(&error, "GET /integration/{id}", body);
    }
}

#[tokio::test]
async fn extra_fields_are_ignored() {
    let fake = Fake::start().await;
    let body = r#"[{"id": "a", "name": "n", "enabled": true, "integrationType": "SLACK",
        "integrationConfig": {}, "brandNewField": {"nested": [1, 2]}, "createdTs": "not a number"}]"#;
    fake.fault(Route::List, Fault::status(200).body(body));
    let found = fake
        .classic_client()
        .list(None)
        .await
        .expect("extra fields are fine");
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].created_ts, None,
        "a wrong-typed optional field reads as absent"
    );
}

#[tokio::test]
async fn an_html_error_page_is_an_api_error_with_its_status() {
    let fake = Fake::start().await;
    fake.fault(Route::List, Fault::status(403).body(HTML));
    let error = fake.classic_client().list(None).await.expect_err("403");
    assert_eq!(error.status(), Some(403));
    let text = error.to_string();
    assert!(text.contains("HTTP 403 to GET /integration"), "{text}");
    assert!(!text.contains("secret-ish"), "{text}");
}

#[tokio::test]
async fn a_login_answer_without_a_usable_token_is_a_decode_error() {
    for body in [
        HTML,
        r#"{"token": 12}"#,
        r#"{"message": "login_successful"}"#,
        r#"{"token": "a\nb"}"#,
    ] {
        let fake = Fake::start().await;
        fake.fault(Route::Login, Fault::status(200).body(body));
        let error = fake
            .classic_client()
            .list(None)
            .await
            .expect_err("no token");
        assert_clear(&error, "POST /login", body);
    }
}
