//! The sandbox's fault injection, seen from the wire: every kind does what it says (and the
//! ones that claim to process the request first really do), the control endpoint switches it at
//! run time, a seed replays a run, faults are counted by kind, and a request repeated before
//! its `Retry-After` is counted as an early retry.

use prismacloud_sandbox::{
    FaultConfig, FaultKind, FaultRule, FaultWeights, Sandbox, SandboxConfig,
};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const V1: &str = "/api/v1/tenant/806775361068/integration";

struct Wire {
    sandbox: Sandbox,
    http: reqwest::Client,
    token: String,
}

impl Wire {
    async fn start(faults: FaultConfig) -> Wire {
        let config = SandboxConfig {
            faults,
            ..SandboxConfig::default()
        };
        let sandbox = Sandbox::start(config, "127.0.0.1:0".parse().expect("address"))
            .await
            .expect("the sandbox starts");
        let http = reqwest::Client::new();
        // Log in with faults off, then restore them: every test starts with a valid token.
        let faults = sandbox.state().faults();
        sandbox
            .state()
            .set_faults(FaultConfig::default())
            .expect("valid");
        let login: Value = http
            .post(format!("{}/login", sandbox.url()))
            .json(&json!({"username": "sandbox-access-key", "password": "sandbox-secret-key"}))
            .send()
            .await
            .expect("login answered")
            .json()
            .await
            .expect("login JSON");
        sandbox.state().set_faults(faults).expect("valid");
        sandbox.state().reset();
        let token = login["token"].as_str().expect("a token").to_owned();
        Wire {
            sandbox,
            http,
            token,
        }
    }

    async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<reqwest::Response, reqwest::Error> {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.sandbox.url()))
            .header("x-redlock-auth", &self.token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send().await
    }

    async fn create(&self, name: &str) -> Result<reqwest::Response, reqwest::Error> {
        let body = json!({"name": name, "integrationType": "pager_duty",
            "integrationConfig": {"integrationKey": "pd-key-0123456789"}});
        self.send(Method::POST, V1, Some(body)).await
    }

    /// Whether a create got a complete answer (a dropped connection gives none).
    async fn create_completes(&self, name: &str) -> bool {
        match self.create(name).await {
            Ok(answer) => answer.bytes().await.is_ok(),
            Err(_) => false,
        }
    }

    fn stored_names(&self) -> Vec<String> {
        self.sandbox
            .state()
            .integrations()
            .iter()
            .filter_map(|i| i["name"].as_str().map(str::to_owned))
            .collect()
    }
}

fn only(kind: FaultKind) -> FaultConfig {
    FaultConfig::random(1.0, FaultWeights::only(kind), 1)
}

#[tokio::test]
async fn faults_before_processing_answer_in_the_apis_shapes_and_store_nothing() {
    for (kind, status) in [
        (FaultKind::RateLimit, StatusCode::TOO_MANY_REQUESTS),
        (FaultKind::Unavailable, StatusCode::SERVICE_UNAVAILABLE),
    ] {
        let wire = Wire::start(only(kind)).await;
        let answer = wire.create("before processing").await.expect("an answer");
        assert_eq!(answer.status(), status, "{kind}");
        assert_eq!(answer.headers()["retry-after"], "1", "{kind}");
        assert!(answer.headers().contains_key("x-redlock-request-id"));
        let body = answer.text().await.expect("body");
        assert!(body.starts_with("<!DOCTYPE html>"), "{body}");
        assert!(wire.stored_names().is_empty(), "{kind}");
        assert_eq!(wire.sandbox.state().stats().faults_of(kind.name()), 1);
    }
}

#[tokio::test]
async fn server_errors_come_after_the_request_was_processed() {
    for (kind, status) in [
        (FaultKind::ServerError, StatusCode::INTERNAL_SERVER_ERROR),
        (FaultKind::BadGateway, StatusCode::BAD_GATEWAY),
    ] {
        let wire = Wire::start(only(kind)).await;
        let answer = wire
            .create("processed then failed")
            .await
            .expect("an answer");
        assert_eq!(answer.status(), status, "{kind}");
        assert_eq!(wire.stored_names(), ["processed then failed"], "{kind}");
    }
    let wire = Wire::start(only(FaultKind::ServerError)).await;
    let answer = wire.create("v1 shape").await.expect("an answer");
    let body: Value = answer.json().await.expect("a v1 error body");
    assert_eq!(body["subErrors"][0]["i18nKey"], "internal_error");
}

#[tokio::test]
async fn a_dropped_connection_leaves_the_client_without_an_answer_but_the_work_done() {
    let wire = Wire::start(only(FaultKind::Drop)).await;
    assert!(
        !wire.create_completes("stored then dropped").await,
        "the client must not get a complete answer"
    );
    assert_eq!(wire.stored_names(), ["stored then dropped"]);
    assert_eq!(wire.sandbox.state().stats().faults_of("drop"), 1);
}

#[tokio::test]
async fn latency_delays_but_answers() {
    let wire = Wire::start(FaultConfig {
        max_latency_ms: 20,
        ..only(FaultKind::Latency)
    })
    .await;
    let answer = wire.create("slow but fine").await.expect("an answer");
    assert_eq!(answer.status(), StatusCode::OK);
    assert_eq!(wire.stored_names(), ["slow but fine"]);
    assert_eq!(wire.sandbox.state().stats().faults_of("latency"), 1);
}

#[tokio::test]
async fn an_early_token_expiry_is_a_401_expired_and_a_new_login_works() {
    let wire = Wire::start(only(FaultKind::TokenExpiry)).await;
    let answer = wire
        .send(Method::GET, "/license", None)
        .await
        .expect("an answer");
    assert_eq!(answer.status(), StatusCode::UNAUTHORIZED);
    let keys = answer.headers()["x-redlock-status"]
        .to_str()
        .expect("text")
        .to_owned();
    assert!(keys.contains("auth_token_expired"), "{keys}");
    // Login carries no token: token expiry never applies to it.
    let login = wire
        .http
        .post(format!("{}/login", wire.sandbox.url()))
        .json(&json!({"username": "sandbox-access-key", "password": "sandbox-secret-key"}))
        .send()
        .await
        .expect("an answer");
    assert_eq!(login.status(), StatusCode::OK);
    assert_eq!(wire.sandbox.state().stats().faults_of("token_expiry"), 1);
}

#[tokio::test]
async fn the_control_endpoint_switches_faults_at_run_time_and_is_never_faulted() {
    let wire = Wire::start(FaultConfig::default()).await;
    let url = format!("{}/_sandbox/faults", wire.sandbox.url());
    let current: Value = wire
        .http
        .get(&url)
        .send()
        .await
        .expect("answer")
        .json()
        .await
        .expect("JSON");
    assert_eq!(current["rules"], json!([]));

    let config = json!({"seed": 9, "rules": [{"rate": 1.0, "weights": {"unavailable": 1},
        "routes": ["GET /license"]}]});
    let set = wire
        .http
        .put(&url)
        .json(&config)
        .send()
        .await
        .expect("answer");
    assert_eq!(set.status(), StatusCode::OK);
    let echoed: Value = set.json().await.expect("JSON");
    assert_eq!(echoed["seed"], 9);
    assert_eq!(echoed["retryAfterSecs"], 1);

    let faulted = wire
        .send(Method::GET, "/license", None)
        .await
        .expect("answer");
    assert_eq!(faulted.status(), StatusCode::SERVICE_UNAVAILABLE);
    let other = wire.send(Method::GET, V1, None).await.expect("answer");
    assert_eq!(
        other.status(),
        StatusCode::OK,
        "the rule is for GET /license only"
    );
    for _ in 0..5 {
        let stats = wire
            .http
            .get(format!("{}/_sandbox/stats", wire.sandbox.url()))
            .send()
            .await
            .expect("answer");
        assert_eq!(
            stats.status(),
            StatusCode::OK,
            "control endpoints are never faulted"
        );
    }
    let stats = wire.sandbox.state().stats();
    assert_eq!(stats.faults_by_route.get("GET /license"), Some(&1));

    let bad = wire
        .http
        .put(&url)
        .json(&json!({"rules": [{"rate": 2.0}]}))
        .send()
        .await
        .expect("answer");
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    let off = wire
        .http
        .put(&url)
        .json(&json!({"rules": []}))
        .send()
        .await
        .expect("answer");
    assert_eq!(off.status(), StatusCode::OK);
    let healed = wire
        .send(Method::GET, "/license", None)
        .await
        .expect("answer");
    assert_eq!(healed.status(), StatusCode::OK);
}

/// The statuses a fixed, sequential request sequence meets.
async fn run_sequence(seed: u64) -> (Vec<u16>, std::collections::BTreeMap<String, u64>) {
    let weights = FaultWeights(
        [
            (FaultKind::RateLimit, 1),
            (FaultKind::Unavailable, 1),
            (FaultKind::ServerError, 1),
            (FaultKind::BadGateway, 1),
        ]
        .into(),
    );
    let wire = Wire::start(FaultConfig::random(0.3, weights, seed)).await;
    let mut statuses = Vec::new();
    for i in 0..40 {
        let answer = wire
            .create(&format!("replayed {i}"))
            .await
            .expect("an answer");
        statuses.push(answer.status().as_u16());
    }
    (statuses, wire.sandbox.state().stats().faults)
}

#[tokio::test]
async fn the_same_seed_replays_a_sequential_run() {
    let (first, first_faults) = run_sequence(2024).await;
    let (again, again_faults) = run_sequence(2024).await;
    assert_eq!(first, again);
    assert_eq!(first_faults, again_faults);
    assert!(
        first.iter().any(|s| *s != 200),
        "rate 0.3 over 40 requests: {first:?}"
    );
    let (other, _) = run_sequence(7).await;
    assert_ne!(first, other);
}

#[tokio::test]
async fn a_request_repeated_before_its_retry_after_is_an_early_retry() {
    let config = FaultConfig::default().with_rule(
        FaultRule::everywhere(1.0, FaultWeights::only(FaultKind::RateLimit))
            .on(format!("POST {}", "/api/v1/tenant/{prisma_id}/integration"))
            .limited(1),
    );
    let wire = Wire::start(FaultConfig {
        retry_after_secs: 60,
        ..config
    })
    .await;
    let limited = wire.create("impatient").await.expect("an answer");
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    // Another request is not a retry of this one.
    let other = wire.create("someone else").await.expect("an answer");
    assert_eq!(other.status(), StatusCode::OK);
    assert_eq!(wire.sandbox.state().stats().early_retries, 0);
    // The same request at once is.
    let again = wire.create("impatient").await.expect("an answer");
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(wire.sandbox.state().stats().early_retries, 1);
}

#[tokio::test]
async fn rules_apply_in_order_with_their_budgets() {
    let route = format!("POST {}", "/api/v1/tenant/{prisma_id}/integration");
    let config = FaultConfig::default()
        .with_rule(
            FaultRule::everywhere(1.0, FaultWeights::only(FaultKind::Drop))
                .on(&route)
                .limited(1),
        )
        .with_rule(
            FaultRule::everywhere(1.0, FaultWeights::only(FaultKind::Unavailable))
                .on("GET /license"),
        );
    let wire = Wire::start(config).await;
    assert!(!wire.create_completes("first").await);
    let second = wire.create("second").await.expect("an answer");
    assert_eq!(
        second.status(),
        StatusCode::OK,
        "the drop rule's budget is spent"
    );
    let license = wire
        .send(Method::GET, "/license", None)
        .await
        .expect("answer");
    assert_eq!(license.status(), StatusCode::SERVICE_UNAVAILABLE);
    let stats = wire.sandbox.state().stats();
    assert_eq!(stats.faults_of("drop"), 1);
    assert_eq!(stats.faults_of("unavailable"), 1);
    assert_eq!(stats.total_faults(), 2);
}
