//! The per-user token bucket (429 with Retry-After and an HTML body), its headers, the request
//! counters, and the control endpoints.

use crate::support as sandbox_support;

use std::time::Duration;

use axum::http::{Method, StatusCode};
use prismacloud_sandbox::{RateLimit, SandboxConfig};
use sandbox_support::{Client, V1};
use serde_json::json;

fn limited(burst: u32, per_second: u32) -> SandboxConfig {
    SandboxConfig {
        rate_limit: Some(RateLimit { burst, per_second }),
        ..SandboxConfig::default()
    }
}

#[tokio::test(start_paused = true)]
async fn an_empty_bucket_answers_429_with_retry_after_and_html() {
    // Login draws from the anonymous bucket, not from the user's.
    let client = Client::logged_in_with(limited(3, 1)).await;
    let mut remaining = Vec::new();
    for _ in 0..3 {
        let reply = client.get("/license").await;
        reply.expect(StatusCode::OK);
        assert_eq!(reply.header("x-ratelimit-burst-capacity"), Some("3"));
        assert_eq!(reply.header("x-ratelimit-replenish-rate"), Some("1"));
        remaining.push(reply.header("x-ratelimit-remaining").map(str::to_owned));
    }
    assert_eq!(
        remaining,
        [Some("2".into()), Some("1".into()), Some("0".into())]
    );

    let refused = client.get("/license").await;
    refused.expect(StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(refused.header("retry-after"), Some("1"));
    assert!(
        refused
            .header("content-type")
            .is_some_and(|t| t.starts_with("text/html"))
    );
    assert!(refused.text().contains("<html>"));
    assert!(serde_json::from_slice::<serde_json::Value>(&refused.body).is_err());
    assert!(refused.header("x-redlock-status").is_none());
    assert!(refused.header("x-redlock-request-id").is_some());
    assert_eq!(refused.header("x-ratelimit-remaining"), Some("0"));

    tokio::time::advance(Duration::from_secs(1)).await;
    client.get("/license").await.expect(StatusCode::OK);
    assert_eq!(client.state.stats().rate_limited, 1);
}

#[tokio::test(start_paused = true)]
async fn all_tokens_of_a_user_share_one_bucket() {
    let first = Client::logged_in_with(limited(2, 1)).await;
    let mut second = first.clone();
    second.token = None;
    second.login().await;
    assert_ne!(first.token, second.token);
    first.get("/license").await.expect(StatusCode::OK);
    second.get("/license").await.expect(StatusCode::OK);
    first
        .get("/license")
        .await
        .expect(StatusCode::TOO_MANY_REQUESTS);
    second
        .get("/license")
        .await
        .expect(StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test(start_paused = true)]
async fn control_endpoints_are_not_charged_and_reset_refills() {
    let client = Client::logged_in_with(limited(2, 1)).await;
    for _ in 0..5 {
        let stats = client.get("/_sandbox/stats").await;
        stats.expect(StatusCode::OK);
        assert!(stats.header("x-ratelimit-remaining").is_some());
    }
    client.get("/license").await.expect(StatusCode::OK);
    client.get("/license").await.expect(StatusCode::OK);
    client
        .get("/license")
        .await
        .expect(StatusCode::TOO_MANY_REQUESTS);
    client
        .send(Method::POST, "/_sandbox/reset", None)
        .await
        .expect(StatusCode::NO_CONTENT);
    client.get("/license").await.expect(StatusCode::OK);
}

#[tokio::test]
async fn without_a_rate_limit_there_is_no_429_and_no_header() {
    let config = SandboxConfig {
        rate_limit: None,
        ..SandboxConfig::default()
    };
    let client = Client::logged_in_with(config).await;
    for _ in 0..300 {
        let reply = client.get("/license").await;
        reply.expect(StatusCode::OK);
        assert!(reply.header("x-ratelimit-remaining").is_none());
    }
}

#[tokio::test]
async fn stats_count_requests_by_route_template_and_outcome() {
    let client = Client::logged_in().await;
    let created = client
        .create_v1("Pager alerts", "pager_duty", json!({"integrationKey": "k"}))
        .await;
    let id = created["id"].as_str().expect("id");
    client
        .get(&format!("{V1}/{id}"))
        .await
        .expect(StatusCode::OK);
    client
        .get(&format!("/integration/{id}"))
        .await
        .expect(StatusCode::OK);
    client
        .get(&format!("/integration/{id}"))
        .await
        .expect(StatusCode::OK);
    client.get("/nowhere").await.expect(StatusCode::NOT_FOUND);
    let anonymous = client.clone();
    let anonymous = sandbox_support::Client {
        token: None,
        ..anonymous
    };
    anonymous
        .get("/integration")
        .await
        .expect(StatusCode::UNAUTHORIZED);

    let stats = client.state.stats();
    assert_eq!(stats.requests_to("POST", "/login"), 1);
    assert_eq!(
        stats.requests_to("POST", "/api/v1/tenant/{prisma_id}/integration"),
        1
    );
    assert_eq!(
        stats.requests_to("GET", "/api/v1/tenant/{prisma_id}/integration/{id}"),
        1
    );
    assert_eq!(stats.requests_to("GET", "/integration/{id}"), 2);
    assert_eq!(stats.requests_to("GET", "/integration"), 1);
    assert_eq!(
        stats.requests_to("GET", prismacloud_sandbox::UNMATCHED_ROUTE),
        1
    );
    assert_eq!(stats.total_requests, 7);
    assert_eq!(stats.logins, 1);
    assert_eq!(stats.unauthorized, 1);
    assert_eq!(stats.responses_by_status.get(&200), Some(&5));

    // The same counters over HTTP; reading them is not counted.
    let over_http = client.get("/_sandbox/stats").await.json();
    assert_eq!(over_http["totalRequests"], 7);
    assert_eq!(over_http["requests"]["GET /integration/{id}"], 2);
    assert_eq!(over_http["logins"], 1);
    client
        .send(Method::POST, "/_sandbox/reset", None)
        .await
        .expect(StatusCode::NO_CONTENT);
    assert_eq!(client.state.stats().total_requests, 0);
    assert!(client.state.integrations().is_empty());
    // Tokens survive a reset.
    client.get("/license").await.expect(StatusCode::OK);
}
