//! Login, tokens (required, unknown, expired, extended), license, and the headers every
//! response carries.

use crate::support as sandbox_support;

use std::time::Duration;

use axum::http::{Method, StatusCode};
use prismacloud_sandbox::SandboxConfig;
use sandbox_support::{Client, V1};
use serde_json::json;

#[tokio::test]
async fn login_accepts_the_configured_credentials_only() {
    let client = Client::new(SandboxConfig::default());
    let good = json!({"username": "sandbox-access-key", "password": "sandbox-secret-key"});
    let cases = [
        (good.clone(), StatusCode::OK, None),
        (
            json!({"username": "sandbox-access-key", "password": "sandbox-secret-key",
                   "customerName": "sandbox", "prismaId": "806775361068"}),
            StatusCode::OK,
            None,
        ),
        (
            json!({"username": "sandbox-access-key", "password": "wrong"}),
            StatusCode::UNAUTHORIZED,
            Some("invalid_credentials"),
        ),
        (
            json!({"username": "someone-else", "password": "sandbox-secret-key"}),
            StatusCode::UNAUTHORIZED,
            Some("invalid_credentials"),
        ),
        (
            json!({"username": "sandbox-access-key", "password": "sandbox-secret-key",
                   "prismaId": "111111111111"}),
            StatusCode::UNAUTHORIZED,
            Some("invalid_credentials"),
        ),
        (
            json!({"username": "sandbox-access-key", "password": "sandbox-secret-key",
                   "customerName": "other"}),
            StatusCode::UNAUTHORIZED,
            Some("invalid_credentials"),
        ),
        (
            json!({"username": "sandbox-access-key"}),
            StatusCode::BAD_REQUEST,
            Some("missing_required_parameter"),
        ),
    ];
    for (body, status, key) in cases {
        let reply = client.post("/login", body.clone()).await;
        assert_eq!(reply.status, status, "{body}: {}", reply.text());
        match key {
            None => {
                let answer = reply.json();
                assert_eq!(answer["message"], "login_successful");
                assert!(answer["token"].as_str().is_some_and(|t| t.len() >= 40));
            }
            Some(key) => {
                assert_eq!(reply.status_keys(), [key]);
                assert!(!reply.text().contains("sandbox-secret-key"));
            }
        }
    }
    let stats = client.state.stats();
    assert_eq!((stats.logins, stats.failed_logins), (2, 5));
}

#[tokio::test]
async fn the_login_answer_names_the_tenant_of_the_access_key() {
    let client = Client::new(SandboxConfig::default());
    let reply = client
        .post(
            "/login",
            json!({"username": "sandbox-access-key", "password": "sandbox-secret-key"}),
        )
        .await;
    reply.expect(StatusCode::OK);
    let answer = reply.json();
    assert_eq!(
        answer["customerNames"],
        json!([{"customerName": "sandbox", "prismaId": "806775361068", "tosAccepted": true}])
    );
    assert!(answer["roles"].is_array(), "{answer}");
}

#[tokio::test]
async fn every_api_endpoint_requires_a_known_token() {
    let anonymous = Client::new(SandboxConfig::default());
    let mut forged = anonymous.clone();
    forged.token = Some("not-a-token-this-sandbox-issued".to_owned());
    for path in ["/integration", "/license", "/auth_token/extend", V1] {
        let reply = anonymous.get(path).await;
        reply.expect(StatusCode::UNAUTHORIZED);
        assert_eq!(reply.status_keys(), ["auth_token_missing"], "{path}");
        let reply = forged.get(path).await;
        reply.expect(StatusCode::UNAUTHORIZED);
        assert_eq!(reply.status_keys(), ["auth_token_invalid"], "{path}");
    }
    // Writes too, and before any validation of the body.
    let reply = anonymous.post("/integration", json!({})).await;
    reply.expect(StatusCode::UNAUTHORIZED);
    assert_eq!(anonymous.state.stats().unauthorized, 9);
}

#[tokio::test]
async fn unauthorized_answers_use_the_shape_of_their_family() {
    let anonymous = Client::new(SandboxConfig::default());
    let classic = anonymous.get("/integration").await;
    let list = classic.json();
    assert_eq!(list[0]["i18nKey"], "auth_token_missing");
    assert_eq!(list[0]["severity"], "error");
    let v1 = anonymous.get(V1).await;
    let body = v1.json();
    assert_eq!(body["status"], "UNAUTHORIZED");
    assert_eq!(body["subErrors"][0]["i18nKey"], "auth_token_missing");
    for key in ["timestamp", "message", "debugMessage"] {
        assert!(body.get(key).is_some(), "v1 error body lacks {key}");
    }
}

#[tokio::test(start_paused = true)]
async fn a_token_expires_after_its_ttl_and_extension_gives_a_fresh_one() {
    let config = SandboxConfig {
        token_ttl: Duration::from_secs(60),
        ..SandboxConfig::default()
    };
    let mut client = Client::logged_in_with(config).await;
    client.get("/license").await.expect(StatusCode::OK);

    tokio::time::advance(Duration::from_secs(45)).await;
    let extended = client.get("/auth_token/extend").await;
    extended.expect(StatusCode::OK);
    let old_token = client.token.clone();
    let new_token = extended.json()["token"].as_str().map(str::to_owned);
    assert!(new_token.is_some() && new_token != old_token);

    tokio::time::advance(Duration::from_secs(30)).await;
    // The old token is now past its 60 s; the extended one is not.
    let expired = client.get("/license").await;
    expired.expect(StatusCode::UNAUTHORIZED);
    assert_eq!(expired.status_keys(), ["auth_token_expired"]);
    client.token = new_token;
    client.get("/license").await.expect(StatusCode::OK);
    assert_eq!(client.state.stats().token_extensions, 1);

    // An expired token cannot be extended.
    tokio::time::advance(Duration::from_secs(61)).await;
    let reply = client.get("/auth_token/extend").await;
    reply.expect(StatusCode::UNAUTHORIZED);
    assert_eq!(reply.status_keys(), ["auth_token_expired"]);
}

#[tokio::test]
async fn license_returns_the_prisma_id() {
    let client = Client::logged_in().await;
    let license = client.get("/license").await;
    license.expect(StatusCode::OK);
    assert_eq!(license.json()["prismaId"], "806775361068");
}

#[tokio::test]
async fn every_response_carries_a_distinct_request_id() {
    let client = Client::logged_in().await;
    let mut ids = Vec::new();
    for (method, path) in [
        (Method::GET, "/license"),
        (Method::GET, "/integration/not-a-uuid"),
        (Method::GET, "/no/such/endpoint"),
        (Method::PATCH, "/license"),
        (Method::GET, "/_sandbox/stats"),
    ] {
        let reply = client.send(method, path, None).await;
        let id = reply.header("x-redlock-request-id").map(str::to_owned);
        assert!(id.is_some(), "{path} has no request id");
        ids.push(id);
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 5);
}

#[tokio::test]
async fn unknown_paths_and_methods_answer_in_the_api_error_shape() {
    let client = Client::logged_in().await;
    let missing = client.get("/no/such/endpoint").await;
    missing.expect(StatusCode::NOT_FOUND);
    assert_eq!(missing.status_keys(), ["no_such_endpoint"]);
    let wrong_method = client.send(Method::PATCH, "/integration", None).await;
    wrong_method.expect(StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(wrong_method.status_keys(), ["method_not_allowed"]);
}
