//! `POST .../integration/test`: validation as create, the reachability convention, Cortex XSOAR
//! refused, and `?id=` on v1 for a saved integration.

use crate::support as sandbox_support;

use axum::http::StatusCode;
use sandbox_support::{Client, Reply, V1, valid_configs};
use serde_json::{Value, json};

fn test_body(ty: &str, config: Value) -> Value {
    json!({"name": "Test call", "integrationType": ty, "integrationConfig": config})
}

fn assert_outcome(reply: &Reply, success: bool) {
    let body = reply.json();
    assert_eq!(body["success"], success, "{body}");
    assert_eq!(body["statusCode"], if success { 200 } else { 400 });
    assert_eq!(body["tests"][0]["success"], success);
    assert!(body["tests"][0]["key"].is_string() && body["tests"][0]["description"].is_string());
}

#[tokio::test]
async fn a_reachable_config_passes_on_both_families() {
    let client = Client::logged_in().await;
    for (ty, config) in valid_configs() {
        if ty == "demisto" {
            continue;
        }
        let path = if matches!(ty, "okta" | "qualys" | "tenable") {
            "/integration/test".to_owned()
        } else {
            format!("{V1}/test")
        };
        let reply = client.post(&path, test_body(ty, config)).await;
        assert_eq!(reply.status, StatusCode::OK, "{ty}: {}", reply.text());
        assert_outcome(&reply, true);
    }
    // Nothing was stored by testing.
    assert!(client.state.integrations().is_empty());
}

#[tokio::test]
async fn unreachable_configs_fail_with_400_and_the_test_shape() {
    let client = Client::logged_in().await;
    let cases = [
        (
            "splunk",
            json!({"url": "https://splunk.invalid:8088/x", "authToken": "t"}),
            "integrationConfig.url",
        ),
        (
            "service_now",
            json!({"hostUrl": "dev1.service-now.invalid", "login": "a", "password": "p", "tables": [{"incident": true}]}),
            "integrationConfig.hostUrl",
        ),
        (
            "google_cscc",
            json!({"orgId": "unreachable-org", "sourceId": "s"}),
            "integrationConfig.orgId",
        ),
        (
            "slack",
            json!({"webhookUrl": "https://hooks.slack.com/services/UNREACHABLE"}),
            "integrationConfig.webhookUrl",
        ),
    ];
    for (ty, config, subject) in cases {
        for path in ["/integration/test".to_owned(), format!("{V1}/test")] {
            let reply = client.post(&path, test_body(ty, config.clone())).await;
            reply.expect(StatusCode::BAD_REQUEST);
            assert_outcome(&reply, false);
            assert_eq!(
                reply.violations(),
                [("integration_test_failed".to_owned(), subject.to_owned())],
                "{ty}"
            );
            let body = reply.json();
            assert_eq!(body["errorMessages"][0]["subject"], subject);
            assert_eq!(body["errorMessages"][0]["severity"], "error");
            assert!(
                body["tests"][0]["errorMessage"]
                    .as_str()
                    .is_some_and(|m| m.contains(subject))
            );
        }
    }
}

#[tokio::test]
async fn invalid_configs_fail_validation_before_any_test() {
    let client = Client::logged_in().await;
    let reply = client
        .post(
            &format!("{V1}/test"),
            test_body(
                "slack",
                json!({"webhookUrl": "https://example.com", "x": 1}),
            ),
        )
        .await;
    reply.expect(StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.violations(),
        [
            (
                "invalid_slack_webhook_url".to_owned(),
                "integrationConfig.webhookUrl".to_owned()
            ),
            (
                "unknown_parameter".to_owned(),
                "integrationConfig.x".to_owned()
            ),
        ]
    );
    // The v1 error shape, not the test shape.
    assert_eq!(reply.json()["status"], "BAD_REQUEST");
    // Classic-only types are refused on the v1 test path as on any v1 write.
    let (_, qualys) = valid_configs()
        .into_iter()
        .find(|(t, _)| *t == "qualys")
        .expect("qualys");
    let reply = client
        .post(&format!("{V1}/test"), test_body("qualys", qualys))
        .await;
    assert_eq!(
        reply.status_keys(),
        ["integration_type_requires_classic_api"]
    );
}

#[tokio::test]
async fn cortex_xsoar_has_no_test_call() {
    let client = Client::logged_in().await;
    let (_, demisto) = valid_configs()
        .into_iter()
        .find(|(t, _)| *t == "demisto")
        .expect("demisto");
    let reply = client
        .post(&format!("{V1}/test"), test_body("demisto", demisto.clone()))
        .await;
    reply.expect(StatusCode::BAD_REQUEST);
    assert_eq!(reply.status_keys(), ["integration_test_not_supported"]);
    let saved = client.create_v1("XSOAR sink", "demisto", demisto).await;
    let reply = client
        .send_raw(
            axum::http::Method::POST,
            &format!("{V1}/test?id={}", saved["id"].as_str().expect("id")),
            Vec::new(),
        )
        .await;
    assert_eq!(reply.status_keys(), ["integration_test_not_supported"]);
}

#[tokio::test]
async fn v1_tests_a_saved_integration_by_id_with_its_stored_secrets() {
    let client = Client::logged_in().await;
    let reachable = client
        .create_v1(
            "Teams channel",
            "microsoft_teams",
            json!({"url": "https://teams.example.com/hook"}),
        )
        .await;
    let unreachable = client
        .create_v1(
            "Teams elsewhere",
            "microsoft_teams",
            json!({"url": "https://teams.invalid/hook"}),
        )
        .await;
    let test_saved = |id: &Value, body: Vec<u8>| {
        let path = format!("{V1}/test?id={}", id.as_str().expect("id"));
        let client = client.clone();
        async move { client.send_raw(axum::http::Method::POST, &path, body).await }
    };
    let reply = test_saved(&reachable["id"], Vec::new()).await;
    reply.expect(StatusCode::OK);
    assert_outcome(&reply, true);
    // The secret url is stored, so the unreachable one fails although reads mask it.
    let reply = test_saved(&unreachable["id"], Vec::new()).await;
    reply.expect(StatusCode::BAD_REQUEST);
    assert_outcome(&reply, false);
    // A body is an update candidate of the saved integration: omitted secrets are kept.
    let candidate = json!({"name": "Teams elsewhere", "integrationConfig": {}}).to_string();
    let reply = test_saved(&unreachable["id"], candidate.into_bytes()).await;
    reply.expect(StatusCode::BAD_REQUEST);
    assert_outcome(&reply, false);
    let candidate =
        json!({"name": "Teams elsewhere", "integrationConfig": {"url": "https://teams.example.com/x"}})
            .to_string();
    let reply = test_saved(&unreachable["id"], candidate.into_bytes()).await;
    reply.expect(StatusCode::OK);
    // ... and testing did not change the saved integration.
    let stored = client.state.integrations();
    assert_eq!(
        stored[1]["integrationConfig"]["url"],
        "https://teams.invalid/hook"
    );
    // Unknown and malformed ids.
    let reply = test_saved(&json!("2f1b4c1e-9a76-4c8e-8f39-8f5a1d2e3b4c"), Vec::new()).await;
    reply.expect(StatusCode::NOT_FOUND);
    let reply = test_saved(&json!("nope"), Vec::new()).await;
    assert_eq!(reply.status_keys(), ["invalid_id"]);
}

#[tokio::test]
async fn classic_status_follows_the_reachability_convention() {
    let client = Client::logged_in().await;
    let id = client
        .create_classic(
            "Tenable scan",
            "tenable",
            json!({"accessKey": "unreachable", "secretKey": "s"}),
        )
        .await;
    let read = client.get(&format!("/integration/{id}")).await.json();
    assert_eq!(read["status"], "RED");
    assert_eq!(read["valid"], false);
    assert!(
        read["reason"]
            .as_str()
            .is_some_and(|r| r.contains("integrationConfig.accessKey"))
    );
    assert!(
        !read["reason"]
            .as_str()
            .unwrap_or_default()
            .contains("unreachable")
    );
}
