//! Create, read, replace, delete: the documented answer without secrets, `status` on every
//! integration, PUT as a full replacement, the error envelope.

use reqwest::{Method, StatusCode};
use serde_json::json;

use super::{Api, assert_error, webhook};

#[tokio::test]
async fn a_webhook_reads_back_as_documented_without_its_secret() {
    let api = Api::start().await;
    let (status, created) = api.call(Method::POST, "", Some(webhook("SOC feed"))).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_str().unwrap();
    assert!(id.starts_with("intg-") && id.len() == 17, "{id}");
    assert_eq!(created["type"], "webhook");
    assert_eq!(created["name"], "SOC feed");
    assert_eq!(created["status"], "active");
    assert!(created["config"].get("secret").is_none(), "{created}");
    assert_eq!(
        created["config"]["filters"],
        json!({"severity": ["CRITICAL", "HIGH"]})
    );
    let (status, read) = api.call(Method::GET, &format!("/{id}"), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(read, created);
    let stored = &api.sandbox.state().integrations()[0];
    assert_eq!(stored["stored_config"]["secret"], "hmac-signing-secret");
}

#[tokio::test]
async fn put_replaces_the_whole_integration_and_needs_every_secret() {
    let api = Api::start().await;
    let id = api.create(webhook("SOC feed")).await;
    let path = format!("/{id}");
    // Without the secret (reads never return it) the replacement is incomplete.
    let partial = json!({"type": "webhook", "name": "SOC feed",
        "config": {"url": "https://hooks.example.com/v2", "events": ["job.failed"]}});
    let (status, body) = api.call(Method::PUT, &path, Some(partial)).await;
    assert_error(status, &body, StatusCode::BAD_REQUEST, "BAD_REQUEST");
    assert_eq!(body["error"]["details"][0]["field"], "config.secret");
    let masked = json!({"type": "webhook", "name": "SOC feed",
        "config": {"url": "https://x.example", "secret": "****", "events": ["job.failed"]}});
    let (status, body) = api.call(Method::PUT, &path, Some(masked)).await;
    assert_error(status, &body, StatusCode::BAD_REQUEST, "BAD_REQUEST");

    let full = json!({"type": "webhook", "name": "SOC feed v2",
        "config": {"url": "https://hooks.example.com/v2", "secret": "rotated", "events": ["job.failed"]}});
    let (status, replaced) = api.call(Method::PUT, &path, Some(full)).await;
    assert_eq!(status, StatusCode::OK, "{replaced}");
    // Replaced, not merged: filters and headers are gone, the default is back.
    assert_eq!(
        replaced["config"],
        json!({"url": "https://hooks.example.com/v2", "events": ["job.failed"], "timeout_seconds": 30})
    );
    let changed = json!({"type": "slack", "name": "x",
        "config": {"webhook_url": "https://hooks.slack.com/services/T/B/X", "events": ["job.failed"]}});
    let (status, body) = api.call(Method::PUT, &path, Some(changed)).await;
    let message = assert_error(status, &body, StatusCode::BAD_REQUEST, "BAD_REQUEST");
    assert!(message.contains("cannot change"), "{message}");
}

#[tokio::test]
async fn delete_then_everything_is_not_found() {
    let api = Api::start().await;
    let id = api.create(webhook("Short-lived")).await;
    let path = format!("/{id}");
    let (status, body) = api.call(Method::DELETE, &path, None).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    for method in [Method::GET, Method::DELETE] {
        let (status, body) = api.call(method, &path, None).await;
        assert_error(status, &body, StatusCode::NOT_FOUND, "NOT_FOUND");
    }
    let (status, body) = api.call(Method::PUT, &path, Some(webhook("x"))).await;
    assert_error(status, &body, StatusCode::NOT_FOUND, "NOT_FOUND");
    let (status, body) = api.send(Method::GET, "/api/v2/nothing", None, None).await;
    assert_error(status, &body, StatusCode::NOT_FOUND, "NOT_FOUND");
    let (status, body) = api.call(Method::PATCH, &path, None).await;
    assert_error(status, &body, StatusCode::METHOD_NOT_ALLOWED, "BAD_REQUEST");
}

#[tokio::test]
async fn bodies_are_checked_strictly_with_every_problem_named() {
    let api = Api::start().await;
    let (status, body) = api
        .call(
            Method::POST,
            "",
            Some(json!({"type": "pagerduty", "name": "", "id": "intg-1", "config": []})),
        )
        .await;
    assert_error(status, &body, StatusCode::BAD_REQUEST, "BAD_REQUEST");
    let fields: Vec<&str> = body["error"]["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["id", "type", "name", "config"]);
    let (status, body) = api.call(Method::POST, "", None).await;
    let message = assert_error(status, &body, StatusCode::BAD_REQUEST, "BAD_REQUEST");
    assert!(message.contains("not JSON"), "{message}");
    // An unreachable receiver is stored, in error.
    let mut unreachable = webhook("Dead end");
    unreachable["config"]["url"] = json!("http://receiver.invalid/hook");
    let (status, created) = api.call(Method::POST, "", Some(unreachable)).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(created["status"], "error");
}
