//! The test data source against a scripted API: the body it sends is a create's, a failed test
//! is a result whose message keeps no secret, and an answer that is no verdict is an error.

#[allow(dead_code)] // shared by several test crates; each uses a part
use crate::api_fake;

use std::collections::BTreeMap;

use api_fake::{Fake, Fault, Route};
use prismacloud::provider::data_sources;
use serde_json::json;
use tfplugin::diag::Severity;
use tfplugin::value::Value;

const TOKEN: &str = "hook-token-SECRET-31";

/// `data "prismacloud_integration_test"` for a webhook at `url`, as Terraform passes it.
fn webhook(url: &str) -> Value {
    let config = BTreeMap::from([
        ("url".to_string(), Value::string(url)),
        ("auth_token".to_string(), Value::string(TOKEN)),
    ]);
    Value::Object(BTreeMap::from([
        ("integration_type".to_string(), Value::string("webhook")),
        ("config".to_string(), Value::Object(config)),
    ]))
}

#[tokio::test]
async fn the_test_sends_what_a_create_would_send() {
    let fake = Fake::start().await;
    let out = data_sources::read_any(
        &fake.classic_client(),
        "prismacloud_integration_test",
        &webhook("https://hooks.example.com/in"),
    )
    .await;
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    assert_eq!(out.state.get("success"), &Value::Bool(true));
    assert_eq!(out.state.get("status_code"), &Value::int(200));
    let sent = fake.seen(Route::Test)[0].body.clone().expect("a body");
    assert_eq!(
        sent["integrationConfig"],
        json!({"url": "https://hooks.example.com/in", "authToken": TOKEN,
               "isCustomPayloadEnabled": false}),
        "the secret in clear, and the catalog's default"
    );
    assert_eq!(sent["integrationType"], "webhook");
    assert!(
        sent["name"].as_str().is_some_and(|n| n.len() >= 5),
        "{sent}"
    );
}

#[tokio::test]
async fn a_failed_test_is_a_result_without_secrets() {
    let fake = Fake::start().await;
    // An API that echoes the secret in its reasons.
    fake.fault(
        Route::Test,
        Fault::status(400).body(&format!(
            r#"{{"statusCode": 400, "success": false, "errorMessages": [],
                "tests": [{{"key": "auth", "description": "Authenticate", "success": false,
                            "errorMessage": "token {TOKEN} refused"}}]}}"#
        )),
    );
    let out = data_sources::read_any(
        &fake.classic_client(),
        "prismacloud_integration_test",
        &webhook("https://hooks.example.com/in"),
    )
    .await;
    assert!(!out.diagnostics.has_errors(), "{:?}", out.diagnostics);
    assert_eq!(out.state.get("success"), &Value::Bool(false));
    assert_eq!(out.state.get("status_code"), &Value::int(400));
    let message = out.state.get("message").as_str().unwrap_or_default();
    assert!(message.contains("Authenticate"), "{message}");
    assert!(!message.contains(TOKEN), "{message}");
    assert_eq!(out.state.get("config").get("auth_token"), &Value::Null);
    assert_eq!(
        out.state.get("config").get("url"),
        &Value::string("https://hooks.example.com/in")
    );
}

#[tokio::test]
async fn an_answer_that_is_no_verdict_is_an_error() {
    let fake = Fake::start().await;
    for _ in 0..4 {
        fake.fault(Route::Test, Fault::status(503));
    }
    let out = data_sources::read_any(
        &fake.classic_client(),
        "prismacloud_integration_test",
        &webhook("https://hooks.example.com/in"),
    )
    .await;
    let errors: Vec<_> = out
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{:?}", out.diagnostics);
    assert_eq!(
        errors[0].summary,
        "Could not test the Webhook configuration"
    );
    assert!(!errors[0].detail.contains(TOKEN), "{}", errors[0].detail);
    assert_eq!(out.state, Value::Null);
}

#[tokio::test]
async fn invalid_configuration_is_never_sent() {
    let fake = Fake::start().await;
    let out = data_sources::read_any(
        &fake.classic_client(),
        "prismacloud_integration_test",
        &webhook("ftp://hooks.example.com/in"),
    )
    .await;
    assert!(out.diagnostics.has_errors(), "{:?}", out.diagnostics);
    assert_eq!(fake.count(Route::Test), 0);
}
