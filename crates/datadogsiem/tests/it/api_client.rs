//! The Datadog client against a scripted server: the keys on every call, the JSON:API
//! envelopes, the PATCH that disables a configuration just created (and what happens when it
//! fails), partial updates, `X-RateLimit-Reset`, `{"errors": [...]}` messages with secrets
//! masked, verdicts of the validations, not-found handling, the list shared by concurrent
//! reads, and a create whose answer was lost found again instead of repeated.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use datadogsiem::api::{CredentialsRequest, Error, SecretValue, SyncRequest};
use secrecy::SecretString;
use serde_json::json;

use crate::api_fake::{COLLECTION, Fake, Reply, item};

const ID: &str = "11111111-2222-3333-4444-555555555555";

fn request(enabled: bool, secret: &str) -> SyncRequest {
    SyncRequest {
        integration_type: "OKTA".into(),
        name: "Okta users".into(),
        domain: "example.okta.com".into(),
        enabled,
        settings: None,
        secrets: BTreeMap::from([(
            "api_token".to_string(),
            SecretValue {
                text: SecretString::from(secret),
                json: false,
            },
        )]),
    }
}

#[tokio::test]
async fn a_disabled_create_is_a_post_without_enabled_then_a_patch() {
    let fake = Fake::start(|seen, _| match seen.method.as_str() {
        "POST" => Reply::json(200, json!({"data": item(ID, "Okta users", "OKTA", true)})),
        _ => Reply::json(200, json!({"data": item(ID, "Okta users", "OKTA", false)})),
    })
    .await;
    let created = fake.client(0).create(&request(false, "tok")).await.unwrap();
    assert_eq!((created.id.as_str(), created.enabled()), (ID, Some(false)));
    let seen = fake.seen();
    assert_eq!(
        fake.lines(),
        [
            format!("POST {COLLECTION}"),
            format!("PATCH {COLLECTION}/{ID}")
        ]
    );
    for s in &seen {
        assert_eq!(s.header("dd-api-key"), Some("test-api-key"));
        assert_eq!(s.header("dd-application-key"), Some("test-app-key"));
    }
    let posted = &seen[0].body["data"];
    assert_eq!(posted["type"], "integration_config");
    assert_eq!(posted["attributes"].get("enabled"), None);
    assert_eq!(posted["attributes"]["secrets"], json!({"api_token": "tok"}));
    assert_eq!(
        seen[1].body,
        json!({"data": {"type": "integration_config",
                        "attributes": {"integration_type": "OKTA", "enabled": false}}})
    );
}

#[tokio::test]
async fn a_failing_disable_leaves_the_configuration_known_by_its_id() {
    let fake = Fake::start(|seen, _| match seen.method.as_str() {
        "POST" => Reply::json(200, json!({"data": item(ID, "Okta users", "OKTA", true)})),
        _ => Reply::errors(400, &["enabled cannot be changed now"]),
    })
    .await;
    let error = fake
        .client(0)
        .create(&request(false, "tok"))
        .await
        .unwrap_err();
    assert_eq!(error.created_id(), Some(ID), "{error:?}");
    assert!(
        error.to_string().contains("enabled cannot be changed now"),
        "{error}"
    );
}

#[tokio::test]
async fn a_create_whose_answer_was_lost_is_found_by_name_not_posted_again() {
    // The first POST is stored, then answered 500; the list shows it.
    let fake = Fake::start(|seen, _| match seen.method.as_str() {
        "POST" => Reply::errors(500, &["Internal Server Error"]),
        _ => Reply::json(
            200,
            json!({"data": [item("other", "Okta users", "SENTINELONE", true),
                            item(ID, "Okta users", "OKTA", true)]}),
        ),
    })
    .await;
    let created = fake.client(3).create(&request(true, "tok")).await.unwrap();
    assert_eq!(created.id, ID);
    let posts = fake
        .lines()
        .iter()
        .filter(|l| l.starts_with("POST"))
        .count();
    assert_eq!(posts, 1, "{:?}", fake.lines());
}

#[tokio::test]
async fn updates_are_partial_patches_and_errors_keep_the_apis_words_without_secrets() {
    let fake = Fake::start(|_, n| match n {
        0 => Reply::json(200, json!({"data": item(ID, "renamed", "OKTA", true)})),
        _ => Reply::errors(400, &["api_token tok-SECRET-9 is malformed"]),
    })
    .await;
    let client = fake.client(0);
    let mut update = request(true, "tok-SECRET-9");
    update.secrets.clear();
    update.name = "renamed".into();
    client.update(ID, &update).await.unwrap();
    let patched = &fake.seen()[0];
    assert_eq!(patched.line(), format!("PATCH {COLLECTION}/{ID}"));
    let attributes = &patched.body["data"]["attributes"];
    assert_eq!(attributes["integration_type"], "OKTA");
    assert_eq!(
        attributes["settings"],
        json!({}),
        "settings removed are cleared"
    );
    assert_eq!(
        attributes.get("secrets"),
        None,
        "unchanged secrets are not sent"
    );

    let error = client
        .update(ID, &request(true, "tok-SECRET-9"))
        .await
        .unwrap_err();
    let text = error.to_string();
    assert!(text.contains("HTTP 400"), "{text}");
    assert!(text.contains("api_token *** is malformed"), "{text}");
    assert!(!text.contains("tok-SECRET-9"), "{text}");
}

#[tokio::test]
async fn a_429_waits_as_long_as_x_ratelimit_reset_says() {
    let fake = Fake::start(|_, n| match n {
        0 => Reply::errors(429, &["Too many requests"]).with_header("x-ratelimit-reset", "1"),
        _ => Reply::json(200, json!({"data": []})),
    })
    .await;
    let started = Instant::now();
    let listed = fake.client(2).list(Some("OKTA")).await.unwrap();
    assert!(listed.is_empty());
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    let seen = fake.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[1].query, "filter%5Bintegration_type%5D=OKTA");

    let always = Fake::start(|_, _| {
        Reply::errors(429, &["Too many requests"]).with_header("x-ratelimit-reset", "0")
    })
    .await;
    let error = always.client(1).list(None).await.unwrap_err();
    assert!(
        matches!(error, Error::RateLimited { attempts: 2, .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn gone_is_not_found_for_reads_and_done_for_deletes() {
    let fake = Fake::start(|_, _| Reply::errors(404, &["Not found"])).await;
    let client = fake.client(0);
    assert!(client.get(ID).await.unwrap_err().is_not_found());
    client.delete(ID).await.unwrap();
    assert!(client.validate_stored(ID).await.unwrap_err().is_not_found());
    assert_eq!(
        fake.lines(),
        [
            format!("GET {COLLECTION}/{ID}"),
            format!("DELETE {COLLECTION}/{ID}"),
            format!("POST {COLLECTION}/{ID}/validate"),
        ]
    );
}

#[tokio::test]
async fn validations_answer_verdicts_and_only_refusals_of_the_call_are_errors() {
    let fake = Fake::start(|seen, n| match (seen.path.ends_with("/validate"), n) {
        (true, 0) => Reply::empty(200),
        (true, 1) => Reply::errors(400, &["Invalid credentials: tok-BAD-1 was refused"]),
        (true, _) => Reply::errors(403, &["Forbidden"]),
        (false, _) => Reply::empty(500),
    })
    .await;
    let client = fake.client(0);
    let check = CredentialsRequest {
        integration_type: "OKTA".into(),
        domain: "example.okta.com".into(),
        secrets: request(true, "tok-BAD-1").secrets,
    };
    let ok = client.validate_credentials(&check).await.unwrap();
    assert_eq!((ok.valid, ok.message.as_str()), (true, ""));
    let bad = client.validate_credentials(&check).await.unwrap();
    assert!(!bad.valid);
    assert_eq!(bad.message, "Invalid credentials: *** was refused");
    let refused = client.validate_credentials(&check).await.unwrap_err();
    assert_eq!(refused.status(), Some(403), "{refused:?}");
    let sent = &fake.seen()[0].body["data"]["attributes"];
    assert_eq!(
        sent,
        &json!({"integration_type": "OKTA", "domain": "example.okta.com",
                "secrets": {"api_token": "tok-BAD-1"}})
    );
}

#[tokio::test]
async fn concurrent_reads_share_one_list_and_a_missing_one_is_read_by_id() {
    let fake = Fake::start(|seen, _| {
        if seen.path == COLLECTION {
            let items: Vec<_> = (0..5)
                .map(|i| item(&format!("id-{i}"), &format!("c{i}"), "OKTA", true))
                .collect();
            Reply::json(200, json!({ "data": items }))
        } else {
            Reply::json(200, json!({"data": item("id-new", "new", "OKTA", true)}))
        }
    })
    .await;
    let client = fake.client(0);
    let reads = (0..5).map(|i| {
        let client = client.clone();
        tokio::spawn(async move { client.get_coalesced(&format!("id-{i}")).await })
    });
    for read in joined(reads).await {
        read.unwrap();
    }
    assert_eq!(fake.lines(), [format!("GET {COLLECTION}")]);
    let newer = client.get_coalesced("id-new").await.unwrap();
    assert_eq!(newer.name(), "new");
    assert_eq!(fake.lines().len(), 2, "{:?}", fake.lines());
}

async fn joined<T>(handles: impl Iterator<Item = tokio::task::JoinHandle<T>>) -> Vec<T> {
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.unwrap());
    }
    out
}

#[tokio::test]
async fn the_entra_id_prerequisite_is_read() {
    let fake = Fake::start(|_, _| {
        Reply::json(
            200,
            json!({"data": {"id": "org", "type": "entra_id_azure_app_registrations",
            "attributes": {"has_valid_prerequisite": false, "azure_app_registrations": []}}}),
        )
    })
    .await;
    let found = fake.client(0).azure_app_registrations().await.unwrap();
    assert!(!found.has_valid_prerequisite && found.registrations.is_empty());
    assert_eq!(
        fake.lines(),
        [format!("GET {COLLECTION}/entra_id/azure_app_registrations")]
    );
}
