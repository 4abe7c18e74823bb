//! Login, refresh, expiry, tenant scoping and permissions.

use std::time::Duration;

use infracast_sandbox::SandboxConfig;
use infracast_sandbox::config::{
    DEFAULT_PASSWORD, DEFAULT_TENANT, OTHER_TENANT, OTHER_USERNAME, READER_USERNAME,
};
use reqwest::{Method, StatusCode};
use serde_json::json;

use super::{Api, assert_error, webhook};

#[tokio::test]
async fn login_grants_a_token_its_expiry_a_refresh_token_and_the_user() {
    let api = Api::start().await;
    let (status, body) = api.login(READER_USERNAME, DEFAULT_PASSWORD).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body["token"].as_str().unwrap().len() >= 32);
    assert!(body["refresh_token"].is_string());
    let expires = body["expires_at"].as_str().unwrap();
    assert!(
        time::OffsetDateTime::parse(expires, &time::format_description::well_known::Rfc3339)
            .is_ok(),
        "{expires}"
    );
    assert_eq!(body["user"]["tenant"], DEFAULT_TENANT);
    assert_eq!(body["user"]["permissions"], json!(["tenant:read"]));

    let (status, body) = api.login(READER_USERNAME, "wrong").await;
    assert_error(status, &body, StatusCode::UNAUTHORIZED, "UNAUTHORIZED");
    let (status, body) = api
        .send(
            Method::POST,
            "/api/v1/auth/token",
            None,
            Some(json!({"user": "x"})),
        )
        .await;
    let message = assert_error(status, &body, StatusCode::BAD_REQUEST, "BAD_REQUEST");
    assert!(message.contains("invalid fields"), "{message}");
    assert_eq!(api.sandbox.state().logins(), 2);
}

#[tokio::test]
async fn calls_need_a_valid_bearer_token() {
    let api = Api::start().await;
    let path = format!("/api/v1/tenants/{DEFAULT_TENANT}/integrations");
    for token in [None, Some("made-up")] {
        let (status, body) = api.send(Method::GET, &path, token, None).await;
        assert_error(status, &body, StatusCode::UNAUTHORIZED, "UNAUTHORIZED");
    }
    let (status, _) = api.send(Method::GET, &path, Some(&api.token), None).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn a_token_of_another_tenant_gets_403_and_a_reader_cannot_write() {
    let api = Api::start().await;
    let id = api.create(webhook("Alerts")).await;
    let (_, other) = api.login(OTHER_USERNAME, DEFAULT_PASSWORD).await;
    let other = other["token"].as_str().unwrap();
    for (method, suffix) in [
        (Method::GET, String::new()),
        (Method::GET, format!("/{id}")),
    ] {
        let path = format!("/api/v1/tenants/{DEFAULT_TENANT}/integrations{suffix}");
        let (status, body) = api.send(method, &path, Some(other), None).await;
        let message = assert_error(status, &body, StatusCode::FORBIDDEN, "FORBIDDEN");
        assert!(message.contains(OTHER_TENANT), "{message}");
    }
    // Its own tenant does not see the integration.
    let path = format!("/api/v1/tenants/{OTHER_TENANT}/integrations/{id}");
    let (status, body) = api.send(Method::GET, &path, Some(other), None).await;
    assert_error(status, &body, StatusCode::NOT_FOUND, "NOT_FOUND");

    let (_, reader) = api.login(READER_USERNAME, DEFAULT_PASSWORD).await;
    let reader = reader["token"].as_str().unwrap();
    let path = format!("/api/v1/tenants/{DEFAULT_TENANT}/integrations/{id}");
    let (status, _) = api.send(Method::GET, &path, Some(reader), None).await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = api.send(Method::DELETE, &path, Some(reader), None).await;
    let message = assert_error(status, &body, StatusCode::FORBIDDEN, "FORBIDDEN");
    assert!(message.contains("tenant:update"));
}

#[tokio::test]
async fn an_expired_access_token_is_refused_and_a_refresh_token_serves_once() {
    let api = Api::with(SandboxConfig {
        access_ttl: Duration::from_millis(300),
        ..SandboxConfig::default()
    })
    .await;
    let (_, granted) = api.login(READER_USERNAME, DEFAULT_PASSWORD).await;
    let token = granted["token"].as_str().unwrap();
    let refresh = granted["refresh_token"].as_str().unwrap();
    tokio::time::sleep(Duration::from_millis(400)).await;
    let path = format!("/api/v1/tenants/{DEFAULT_TENANT}/integrations");
    let (status, body) = api.send(Method::GET, &path, Some(token), None).await;
    let message = assert_error(status, &body, StatusCode::UNAUTHORIZED, "UNAUTHORIZED");
    assert!(message.contains("expired"), "{message}");

    let refresh_body = json!({"refresh_token": refresh});
    let (status, renewed) = api
        .send(
            Method::POST,
            "/api/v1/auth/refresh",
            None,
            Some(refresh_body.clone()),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{renewed}");
    assert_ne!(renewed["refresh_token"], refresh);
    let (status, _) = api
        .send(Method::GET, &path, renewed["token"].as_str(), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    // Spent: the answer carried the next one.
    let (status, body) = api
        .send(
            Method::POST,
            "/api/v1/auth/refresh",
            None,
            Some(refresh_body),
        )
        .await;
    assert_error(status, &body, StatusCode::UNAUTHORIZED, "UNAUTHORIZED");
    assert_eq!(api.sandbox.state().refreshes(), 1);
}
