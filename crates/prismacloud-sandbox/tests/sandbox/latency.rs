//! `SandboxConfig::latency`: every API request waits exactly that long before it is handled;
//! control endpoints do not. Measured on tokio's paused clock, so nothing here depends on how
//! fast the machine is.

use crate::support as sandbox_support;

use std::time::Duration;

use axum::http::StatusCode;
use prismacloud_sandbox::SandboxConfig;
use sandbox_support::Client;
use tokio::time::Instant;

const LATENCY: Duration = Duration::from_millis(50);

fn with_latency(latency: Duration) -> SandboxConfig {
    SandboxConfig {
        latency,
        ..SandboxConfig::default()
    }
}

#[tokio::test(start_paused = true)]
async fn api_requests_wait_the_latency_and_control_requests_do_not() {
    let started = Instant::now();
    let client = Client::logged_in_with(with_latency(LATENCY)).await;
    assert_eq!(started.elapsed(), LATENCY, "login waits too");

    let started = Instant::now();
    client.get("/license").await.expect(StatusCode::OK);
    assert_eq!(started.elapsed(), LATENCY);

    // Errors too: the request is delayed before anything looks at it.
    let started = Instant::now();
    client
        .get("/integration/not-a-uuid")
        .await
        .expect(StatusCode::BAD_REQUEST);
    assert_eq!(started.elapsed(), LATENCY);

    let started = Instant::now();
    client.get("/_sandbox/stats").await.expect(StatusCode::OK);
    assert_eq!(started.elapsed(), Duration::ZERO);
}

#[tokio::test(start_paused = true)]
async fn concurrent_requests_wait_side_by_side() {
    let client = Client::logged_in_with(with_latency(LATENCY)).await;
    let started = Instant::now();
    let replies = futures::future::join_all((0..20).map(|_| client.get("/license"))).await;
    for reply in replies {
        reply.expect(StatusCode::OK);
    }
    assert_eq!(started.elapsed(), LATENCY, "one latency, not twenty");
}

#[tokio::test(start_paused = true)]
async fn no_latency_by_default() {
    let started = Instant::now();
    let client = Client::logged_in().await;
    client.get("/license").await.expect(StatusCode::OK);
    assert_eq!(started.elapsed(), Duration::ZERO);
}
