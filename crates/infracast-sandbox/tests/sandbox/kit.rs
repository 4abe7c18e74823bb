//! What the kit adds, in Infracast's shapes: rate limits answered with the error envelope and
//! `Retry-After`, faults and counters through `/_sandbox/`, a state file kept across restarts,
//! and the binary's `export` lines.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use infracast_sandbox::{
    FaultConfig, FaultKind, FaultRule, FaultWeights, KitSettings, RateLimit, SandboxConfig,
    SandboxState,
};
use reqwest::{Method, StatusCode};
use serde_json::json;

use super::{Api, assert_error, webhook};

#[tokio::test]
async fn an_empty_bucket_is_a_rate_limited_envelope_with_retry_after() {
    let api = Api::with(SandboxConfig {
        kit: KitSettings {
            rate_limit: Some(RateLimit {
                burst: 3,
                per_second: 1,
            }),
            ..KitSettings::default()
        },
        ..SandboxConfig::default()
    })
    .await;
    // The user's bucket holds three (the login, without a token, drew from another one).
    for _ in 0..3 {
        let (status, _) = api.call(Method::GET, "", None).await;
        assert_eq!(status, StatusCode::OK);
    }
    let url = format!(
        "{}/api/v1/tenants/acme-corp/integrations",
        api.sandbox.url()
    );
    let refused = api
        .http
        .get(url)
        .bearer_auth(&api.token)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.headers().get("retry-after").is_some());
    assert_eq!(refused.headers()["x-ratelimit-remaining"], "0");
    assert!(refused.headers().get("x-request-id").is_some());
    let body: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(body["error"]["code"], "RATE_LIMITED");
    assert_eq!(api.sandbox.state().stats().rate_limited, 1);
}

#[tokio::test]
async fn faults_stats_and_reset_through_the_control_endpoints() {
    let api = Api::start().await;
    let faults = FaultConfig {
        seed: 7,
        ..FaultConfig::default()
    }
    .with_rule(
        FaultRule::everywhere(1.0, FaultWeights::only(FaultKind::ServerError))
            .on("POST /api/v1/tenants/{tenant}/integrations")
            .limited(1),
    );
    let (status, _) = api
        .send(
            Method::PUT,
            "/_sandbox/faults",
            None,
            Some(serde_json::to_value(&faults).unwrap()),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    // Processed, then failed: the integration exists although the answer is a 500.
    let (status, body) = api.call(Method::POST, "", Some(webhook("Crashed"))).await;
    assert_error(
        status,
        &body,
        StatusCode::INTERNAL_SERVER_ERROR,
        "INTERNAL_ERROR",
    );
    assert_eq!(api.sandbox.state().integrations().len(), 1);
    api.create(webhook("Fine")).await;
    let (_, stats) = api.send(Method::GET, "/_sandbox/stats", None, None).await;
    assert_eq!(stats["faults"]["server_error"], 1, "{stats}");
    assert_eq!(stats["logins"], 1, "{stats}");
    let (status, _) = api.send(Method::POST, "/_sandbox/reset", None, None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert!(api.sandbox.state().integrations().is_empty());
    let (status, body) = api
        .send(
            Method::PUT,
            "/_sandbox/faults",
            None,
            Some(json!({"rules": [{"rate": 2.0}]})),
        )
        .await;
    assert_error(status, &body, StatusCode::BAD_REQUEST, "BAD_REQUEST");
}

#[tokio::test]
async fn a_state_file_keeps_the_integrations_and_their_secrets_across_restarts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("infracast.json");
    let state = SandboxState::open(SandboxConfig::default(), &path).unwrap();
    let first = Api::serve(state).await;
    let id = first.create(webhook("Kept")).await;
    first.sandbox.shutdown().await;

    let state = SandboxState::open(SandboxConfig::default(), &path).unwrap();
    let second = Api::serve(state).await;
    let (status, read) = second.call(Method::GET, &format!("/{id}"), None).await;
    assert_eq!(status, StatusCode::OK, "{read}");
    assert_eq!(read["name"], "Kept");
    let stored = second.sandbox.state().integration(&id).unwrap();
    assert_eq!(stored["stored_config"]["secret"], "hmac-signing-secret");

    std::fs::write(
        &path,
        r#"{"format": "prismacloud-sandbox", "version": 1, "data": {}}"#,
    )
    .unwrap();
    let refused = SandboxState::open(SandboxConfig::default(), &path)
        .err()
        .unwrap();
    assert!(refused.to_string().contains("infracast.json"), "{refused}");
}

#[test]
fn the_binary_prints_the_export_lines_the_provider_reads() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_infracast-sandbox"))
        .args(["--listen", "127.0.0.1:0", "--tenant", "initech"])
        .env("INFRACAST_SANDBOX_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the sandbox starts");
    let stdout = child.stdout.take().unwrap();
    let lines: Vec<String> = BufReader::new(stdout)
        .lines()
        .map(Result::unwrap)
        .take_while(|l| !l.contains("stop with Ctrl-C"))
        .collect();
    child.kill().unwrap();
    child.wait().unwrap();
    let text = lines.join("\n");
    for needle in [
        "export INFRACAST_URL=http://127.0.0.1:",
        "export INFRACAST_USERNAME=admin@acme-corp.example",
        "export INFRACAST_PASSWORD=sandbox-password",
        "export INFRACAST_TENANT=initech",
    ] {
        assert!(text.contains(needle), "{needle} in:\n{text}");
    }
}
