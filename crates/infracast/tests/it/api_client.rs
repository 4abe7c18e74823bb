//! The client against the sandbox (and, where the sandbox cannot misbehave enough, a scripted
//! server): every page read, NotFound and deletes of what is gone, the error envelope kept in
//! messages with secrets masked, tenant scoping, and the session — one sign-in, renewal with
//! the refresh token shared by concurrent calls, a fresh sign-in when the refresh is refused.

use std::time::Duration;

use apiclient::Error;
use infracast::api::{Client, ClientConfig};
use infracast_sandbox::config::{DEFAULT_PASSWORD, DEFAULT_USERNAME, OTHER_TENANT};
use infracast_sandbox::{FaultConfig, FaultKind, FaultRule, FaultWeights, Sandbox, SandboxConfig};
use integration_engine::api::{IntegrationRequest, SecretValue};
use secrecy::SecretString;
use serde_json::{Map, json};

use crate::support::client;

async fn sandbox(config: SandboxConfig) -> Sandbox {
    Sandbox::start(config, "127.0.0.1:0".parse().unwrap())
        .await
        .expect("the sandbox starts")
}

fn webhook(name: &str, secret: &str) -> IntegrationRequest {
    let mut attributes = Map::new();
    attributes.insert("name".into(), json!(name));
    IntegrationRequest {
        integration_type: "webhook".into(),
        attributes,
        config: json!({"url": "https://hooks.example.com/x", "events": ["job.failed"]})
            .as_object()
            .unwrap()
            .clone(),
        secrets: [(
            "secret".to_string(),
            SecretValue {
                text: SecretString::from(secret),
                json: false,
            },
        )]
        .into(),
    }
}

#[tokio::test]
async fn lists_are_read_to_the_last_page_and_gone_integrations_are_not_found() {
    let sandbox = sandbox(SandboxConfig {
        default_per_page: 2,
        max_per_page: 3,
        ..SandboxConfig::default()
    })
    .await;
    let api = client(&sandbox.url());
    let mut ids = Vec::new();
    for i in 0..8 {
        ids.push(
            api.create(&webhook(&format!("hook {i}"), "s"))
                .await
                .unwrap()
                .id,
        );
    }
    let listed = api.list(None).await.unwrap();
    assert_eq!(listed.len(), 8);
    assert_eq!(api.list(Some("WEBHOOK")).await.unwrap().len(), 8);
    assert!(api.list(Some("slack")).await.unwrap().is_empty());
    let found = api
        .find_by_name("hook 7", "webhook")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.id, ids[7]);
    assert_eq!(found.attributes["status"], "active");
    assert!(found.config.get("secret").is_none());

    api.delete(&ids[0]).await.unwrap();
    api.delete(&ids[0])
        .await
        .expect("deleting what is gone succeeds");
    assert!(api.get(&ids[0]).await.unwrap_err().is_not_found());
    assert!(api.read(&ids[0]).await.unwrap_err().is_not_found());
    let err = api.update(&ids[0], &webhook("x", "s")).await.unwrap_err();
    assert!(err.is_not_found(), "{err}");
    assert_eq!(sandbox.state().logins(), 1, "one sign-in for the whole run");
}

#[tokio::test]
async fn the_error_envelope_is_kept_and_a_token_for_another_tenant_is_refused() {
    let sandbox = sandbox(SandboxConfig::default()).await;
    let api = client(&sandbox.url());
    let mut bad = webhook("bad", "s3cret-value");
    bad.config.insert("timeout_seconds".into(), json!(0));
    let err = api.create(&bad).await.unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("Infracast answered HTTP 400 to POST /api/v1/tenants/{tenant}/integrations")
            && text.contains("BAD_REQUEST")
            && text.contains("config.timeout_seconds"),
        "{text}"
    );

    let mut config = ClientConfig::new(
        url::Url::parse(&sandbox.url()).unwrap(),
        DEFAULT_USERNAME.into(),
        SecretString::from(DEFAULT_PASSWORD),
        OTHER_TENANT.into(),
    );
    config.max_retries = 0;
    let other = Client::new(config).unwrap();
    match other.list(None).await.unwrap_err() {
        Error::Api {
            status: 403,
            messages,
            ..
        } => {
            assert!(messages[0].code.starts_with("FORBIDDEN"), "{messages:?}")
        }
        e => panic!("{e}"),
    }
    let mut wrong = ClientConfig::new(
        url::Url::parse(&sandbox.url()).unwrap(),
        DEFAULT_USERNAME.into(),
        SecretString::from("wrong"),
        OTHER_TENANT.into(),
    );
    wrong.max_retries = 0;
    let err = Client::new(wrong).unwrap().list(None).await.unwrap_err();
    assert!(matches!(err, Error::Unauthorized { .. }), "{err}");
    assert!(err.to_string().contains("INFRACAST_PASSWORD"), "{err}");
}

#[tokio::test]
async fn a_secret_echoed_in_an_error_is_masked() {
    use axum::routing::{post, put};
    // A server that echoes what it was sent in its error message.
    let app = axum::Router::new()
        .route(
            "/api/v1/auth/token",
            post(|| async {
                axum::Json(json!({"token": "t", "refresh_token": "r",
                    "expires_at": "2999-01-01T00:00:00Z"}))
            }),
        )
        .route(
            "/api/v1/tenants/{tenant}/integrations/{id}",
            put(|body: String| async move {
                let message = format!("cannot store {body}");
                (
                    axum::http::StatusCode::BAD_REQUEST,
                    axum::Json(json!({"error": {"code": "BAD_REQUEST", "message": message,
                        "details": [{"field": "config.secret", "issue": body}]}})),
                )
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    let api = client(&url);
    // A replacement sends the same body as a create, without the create's list first.
    let err = api
        .update("intg-1", &webhook("echo", "very-secret-signing"))
        .await;
    let text = match err {
        Err(e) => e.to_string(),
        Ok(_) => panic!("the fake refuses"),
    };
    assert!(!text.contains("very-secret-signing"), "{text}");
    assert!(text.contains("***"), "{text}");
}

#[tokio::test]
async fn the_token_is_refreshed_once_for_concurrent_calls_before_it_expires() {
    let sandbox = sandbox(SandboxConfig {
        access_ttl: Duration::from_millis(1200),
        ..SandboxConfig::default()
    })
    .await;
    let api = client(&sandbox.url());
    api.list(None).await.unwrap();
    let state = sandbox.state();
    // Past half the token's lifetime: the next calls renew it, once, with the refresh token.
    tokio::time::sleep(Duration::from_millis(700)).await;
    let calls: Vec<_> = (0..8)
        .map(|_| {
            let api = api.clone();
            tokio::spawn(async move { api.list(None).await.map(|l| l.len()) })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    assert_eq!((state.logins(), state.refreshes()), (1, 1));
    // Past the first token's expiry: still no second sign-in.
    tokio::time::sleep(Duration::from_millis(700)).await;
    api.list(None).await.unwrap();
    assert_eq!(state.logins(), 1);
}

#[tokio::test]
async fn a_refused_refresh_means_signing_in_again() {
    let sandbox = sandbox(SandboxConfig {
        access_ttl: Duration::from_millis(600),
        refresh_ttl: Duration::from_millis(100),
        ..SandboxConfig::default()
    })
    .await;
    let api = client(&sandbox.url());
    api.list(None).await.unwrap();
    tokio::time::sleep(Duration::from_millis(700)).await;
    api.list(None).await.unwrap();
    let state = sandbox.state();
    assert_eq!((state.logins(), state.refreshes()), (2, 0));
}

/// One fault of `kind` on `route`, then none.
fn one_fault(kind: FaultKind, route: &str) -> FaultConfig {
    FaultConfig::default().with_rule(
        FaultRule::everywhere(1.0, FaultWeights::only(kind))
            .on(route)
            .limited(1),
    )
}

#[tokio::test]
async fn a_create_whose_answer_is_lost_is_found_not_repeated() {
    let sandbox = sandbox(SandboxConfig::default()).await;
    let api = client(&sandbox.url());
    // A colleague's integration of the same name and type exists already: it is not adopted.
    let theirs = api.create(&webhook("Twin", "s")).await.unwrap();
    for kind in [FaultKind::ServerError, FaultKind::Drop] {
        let post = "POST /api/v1/tenants/{tenant}/integrations";
        sandbox.state().set_faults(one_fault(kind, post)).unwrap();
        let created = api.create(&webhook("Twin", "s")).await.unwrap();
        assert_ne!(created.id, theirs.id, "{kind}");
        let stored = sandbox.state().integration(&created.id).unwrap();
        assert_eq!(stored["stored_config"]["secret"], "s");
    }
    assert_eq!(
        sandbox.state().integrations().len(),
        3,
        "nothing duplicated"
    );
}

#[tokio::test]
async fn a_token_refused_early_is_replaced_through_the_refresh_token() {
    let sandbox = sandbox(SandboxConfig::default()).await;
    let api = client(&sandbox.url());
    api.list(None).await.unwrap();
    let get = "GET /api/v1/tenants/{tenant}/integrations";
    sandbox
        .state()
        .set_faults(one_fault(FaultKind::TokenExpiry, get))
        .unwrap();
    api.list(None)
        .await
        .expect("a 401 is followed by a new token");
    let state = sandbox.state();
    assert_eq!(state.stats().unauthorized, 1);
    assert_eq!((state.logins(), state.refreshes()), (1, 1));
}

#[tokio::test]
async fn a_list_sent_while_a_create_waits_to_post_again_does_not_hide_what_it_stored() {
    let sandbox = sandbox(SandboxConfig::default()).await;
    let api = client(&sandbox.url());
    let existing = api.create(&webhook("Already there", "s")).await.unwrap();
    // The first POST is refused before processing and told to come back in a second; the
    // second is stored, then answered 500: the create must look for it.
    let post = "POST /api/v1/tenants/{tenant}/integrations";
    let faults = FaultConfig {
        retry_after_secs: 1,
        ..FaultConfig::default()
    }
    .with_rule(
        FaultRule::everywhere(1.0, FaultWeights::only(FaultKind::Unavailable))
            .on(post)
            .limited(1),
    )
    .with_rule(
        FaultRule::everywhere(1.0, FaultWeights::only(FaultKind::ServerError))
            .on(post)
            .limited(1),
    );
    sandbox.state().set_faults(faults).unwrap();
    // Meanwhile a refresh reads through the shared list: sent after the create began, but
    // before its second POST reached Infracast.
    let refresh = async {
        tokio::time::sleep(Duration::from_millis(300)).await;
        api.read(&existing.id).await.unwrap()
    };
    let waited = webhook("Waited", "s");
    let (created, read) = tokio::join!(api.create(&waited), refresh);
    assert_eq!(read.id, existing.id);
    let created = created.unwrap();
    let stored = sandbox.state().integrations();
    let names: Vec<String> = stored
        .iter()
        .map(|i| i["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names.len(), 2, "nothing duplicated: {names:?}");
    assert!(sandbox.state().integration(&created.id).is_some());
    let stats = sandbox.state().stats();
    assert_eq!(stats.total_faults(), 2, "{stats:?}");
}
