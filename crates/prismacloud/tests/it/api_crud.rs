//! Create, read, update, delete and test against a fake API that enforces the wire contract
//! of both endpoint families.

#[allow(dead_code)] // shared by several test crates; each uses a part
use crate::api_fake;

use std::collections::BTreeMap;

use api_fake::{Fake, Family, Fault, MASK, Route};
use prismacloud::api::{Error, IntegrationRequest};
use secrecy::SecretString;
use serde_json::{Map, Value, json};

fn request(name: &str, integration_type: &str, enabled: bool) -> IntegrationRequest {
    IntegrationRequest {
        name: name.into(),
        description: "managed by terraform".into(),
        enabled,
        integration_type: integration_type.into(),
        config: Map::from_iter([("channel".to_owned(), json!("#security"))]),
        secrets: BTreeMap::new(),
    }
}

#[tokio::test]
async fn classic_create_with_an_empty_answer_finds_the_new_integration_by_name() {
    let fake = Fake::start().await;
    fake.insert("someone else's", "slack", true);
    let client = fake.classic_client();
    let created = client
        .create(&request("alerts", "slack", true))
        .await
        .expect("created");
    let stored = fake.stored();
    assert_eq!(stored.len(), 2);
    assert_eq!(created.id, stored[1].id);
    assert_eq!(created.name, "alerts");
    assert_eq!(
        created.integration_type, "slack",
        "classic UPPERCASE read back lowercase"
    );
    assert_eq!(created.status.as_deref(), Some("GREEN"));
    let post = &fake.seen(Route::Create)[0];
    assert_eq!(post.family, Some(Family::Classic));
    assert_eq!(
        post.body.as_ref().expect("JSON body")["enabled"],
        json!(true)
    );
    assert_eq!(fake.count(Route::List), 1);
}

#[tokio::test]
async fn v1_create_of_a_disabled_integration_posts_then_patches() {
    let fake = Fake::start().await;
    let client = fake.tenant_client();
    let created = client
        .create(&request("quiet", "slack", false))
        .await
        .expect("created");
    assert!(!created.enabled, "returned as read back after the PATCH");
    let post = fake.seen(Route::Create)[0].body.clone().expect("JSON body");
    assert!(
        post.get("enabled").is_none(),
        "v1 create bodies have no enabled: {post}"
    );
    let patch = fake.seen(Route::Patch);
    assert_eq!(patch.len(), 1);
    assert_eq!(patch[0].body, Some(json!({"enabled": false})));
    assert_eq!(patch[0].family, Some(Family::Tenant));
    assert!(!fake.stored()[0].enabled);
}

#[tokio::test]
async fn v1_create_of_an_enabled_integration_uses_the_answer_without_more_calls() {
    let fake = Fake::start().await;
    let client = fake.tenant_client();
    let created = client
        .create(&request("loud", "webhook", true))
        .await
        .expect("created");
    assert!(created.enabled);
    assert_eq!(created.created_by.as_deref(), Some("fake@example.com"));
    assert_eq!(fake.count(Route::Patch), 0);
    assert_eq!(fake.count(Route::List), 0);
    assert_eq!(fake.count(Route::Get), 0);
}

#[tokio::test]
async fn a_failed_patch_reports_the_created_id() {
    let fake = Fake::start().await;
    for _ in 0..4 {
        fake.fault(Route::Patch, Fault::status(500));
    }
    let client = fake.tenant_client();
    let error = client
        .create(&request("quiet", "slack", false))
        .await
        .expect_err("PATCH fails");
    let stored = fake.stored();
    match &error {
        Error::CreatedIncomplete { id, step, source } => {
            assert_eq!(id, &stored[0].id);
            assert_eq!(*step, "disabling it");
            assert_eq!(source.status(), Some(500));
        }
        other => panic!("expected CreatedIncomplete, got {other:?}"),
    }
}

#[tokio::test]
async fn a_classic_create_finds_the_disabled_integration_it_posted() {
    let fake = Fake::start().await;
    let client = fake.tenant_client();
    let mut okta = request("quiet okta", "okta", false);
    okta.secrets
        .insert("apiToken".into(), SecretString::from("okta-token-2"));
    let created = client.create(&okta).await.expect("found by its lookup");
    assert!(!created.enabled);
    for list in fake.seen(Route::List) {
        assert_eq!(list.family, Some(Family::Classic));
        assert!(list.query.contains("onlyEnabled=false"), "{list:?}");
    }
    let listed = client.list(Some("okta")).await.expect("listed");
    assert_eq!(listed.len(), 1);
    let found = client
        .find_by_name("quiet okta", "okta")
        .await
        .expect("found");
    assert_eq!(found.map(|i| i.id), Some(created.id));
}

#[tokio::test]
async fn v1_list_asks_for_disabled_integrations_too() {
    let fake = Fake::start().await;
    fake.insert("on", "slack", true);
    fake.insert("off", "slack", false);
    fake.insert("other type", "webhook", false);
    let client = fake.tenant_client();
    let listed = client.list(Some("slack")).await.expect("listed");
    let names: Vec<_> = listed.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["on", "off"]);
    let query = &fake.seen(Route::List)[0].query;
    assert!(query.contains("onlyEnabled=false"), "{query}");
    assert!(query.contains("type=slack"), "{query}");
    assert_eq!(fake.seen(Route::List)[0].family, Some(Family::Tenant));
}

#[tokio::test]
async fn okta_uses_the_classic_endpoints_and_reads_back_as_okta() {
    let fake = Fake::start().await;
    let client = fake.tenant_client();
    let mut okta = request("corporate okta", "okta", true);
    okta.secrets
        .insert("apiToken".into(), SecretString::from("okta-token-1"));
    let created = client.create(&okta).await.expect("created");
    assert_eq!(
        created.integration_type, "okta",
        "OKTA_IDP is read back as okta"
    );
    assert_eq!(fake.seen(Route::Create)[0].family, Some(Family::Classic));
    assert_eq!(
        fake.seen(Route::Create)[0].body.as_ref().expect("body")["integrationType"],
        "okta"
    );
    let found = client
        .find_by_name("corporate okta", "okta")
        .await
        .expect("listed")
        .expect("found");
    assert_eq!(found.id, created.id);
    let got = client.get(&created.id, Some("okta")).await.expect("read");
    assert_eq!(got.integration_type, "okta");
    assert!(
        fake.seen(Route::Get)
            .iter()
            .all(|s| s.family == Some(Family::Classic))
    );
}

#[tokio::test]
async fn get_of_a_missing_id_is_not_found_in_both_families() {
    let fake = Fake::start().await;
    let classic = fake.classic_client();
    let error = classic.get("nope", None).await.expect_err("missing");
    assert!(error.is_not_found(), "classic 400 invalid_id: {error:?}");
    assert!(error.request_id().is_some());
    let tenant = fake.tenant_client();
    let error = tenant
        .get("nope", Some("slack"))
        .await
        .expect_err("missing");
    assert!(error.is_not_found(), "v1 404: {error:?}");
    assert_eq!(
        error.to_string(),
        format!(
            "integration nope does not exist in Prisma Cloud [request id {}]",
            error.request_id().expect("request id")
        )
    );
}

#[tokio::test]
async fn delete_of_a_missing_id_is_ok_and_delete_removes() {
    let fake = Fake::start().await;
    let id = fake.insert("doomed", "slack", true);
    let tenant = fake.tenant_client();
    tenant.delete(&id, "slack").await.expect("deleted");
    assert!(fake.stored().is_empty());
    tenant
        .delete(&id, "slack")
        .await
        .expect("v1 404 counts as deleted");
    fake.classic_client()
        .delete(&id, "slack")
        .await
        .expect("classic invalid_id counts as deleted");
    fake.fault(
        Route::Delete,
        Fault::status(409).header(
            "x-redlock-status",
            r#"[{"i18nKey":"conflict_deleting_integration"}]"#,
        ),
    );
    let error = tenant
        .delete("in-use", "slack")
        .await
        .expect_err("conflict");
    assert!(error.has_message("conflict_deleting_integration"));
}

#[tokio::test]
async fn v1_update_sends_no_type_and_uses_the_answer() {
    let fake = Fake::start().await;
    let client = fake.tenant_client();
    let created = client
        .create(&request("before", "slack", true))
        .await
        .expect("created");
    let mut changed = request("after", "slack", false);
    changed.description = "new".into();
    let updated = client.update(&created.id, &changed).await.expect("updated");
    assert_eq!(
        (
            updated.name.as_str(),
            updated.description.as_str(),
            updated.enabled
        ),
        ("after", "new", false)
    );
    let body = fake.seen(Route::Update)[0].body.clone().expect("body");
    assert!(body.get("integrationType").is_none(), "{body}");
    assert_eq!(body["enabled"], json!(false));
    assert_eq!(fake.count(Route::Get), 0, "the PUT answer was the object");
}

#[tokio::test]
async fn classic_update_carries_id_and_type_and_reads_back_after_an_empty_answer() {
    let fake = Fake::start().await;
    let id = fake.insert("qualys prod", "qualys", true);
    let client = fake.tenant_client();
    let updated = client
        .update(&id, &request("qualys renamed", "qualys", true))
        .await
        .expect("updated");
    assert_eq!(updated.name, "qualys renamed");
    assert_eq!(updated.integration_type, "qualys");
    let put = &fake.seen(Route::Update)[0];
    assert_eq!(put.family, Some(Family::Classic));
    let body = put.body.as_ref().expect("body");
    assert_eq!(body["id"], json!(id));
    assert_eq!(body["integrationType"], json!("qualys"));
    assert_eq!(
        fake.count(Route::Get),
        1,
        "read back after the empty answer"
    );
    let error = client
        .update("nope", &request("x", "qualys", true))
        .await
        .expect_err("missing");
    assert!(error.is_not_found(), "{error:?}");
}

#[tokio::test]
async fn secrets_are_sent_merged_and_come_back_masked() {
    let fake = Fake::start().await;
    let client = fake.tenant_client();
    let hook = "https://hooks.slack.com/services/T1/B1/s3cr3t";
    let mut slack = request("with secret", "slack", true);
    slack
        .secrets
        .insert("webhookUrl".into(), SecretString::from(hook));
    let created = client.create(&slack).await.expect("created");
    let sent = fake.seen(Route::Create)[0].body.clone().expect("body");
    assert_eq!(
        sent["integrationConfig"],
        json!({"channel": "#security", "webhookUrl": hook})
    );
    assert_eq!(created.config["webhookUrl"], Value::String(MASK.into()));
    assert_eq!(created.config["channel"], json!("#security"));
    assert!(!format!("{created:?} {slack:?}").contains("s3cr3t"));
}

#[tokio::test]
async fn test_call_reports_success_failure_and_errors() {
    let fake = Fake::start().await;
    let client = fake.tenant_client();
    let mut good = request("probe", "webhook", true);
    good.secrets.insert(
        "url".into(),
        SecretString::from("https://example.com/hook-token-1"),
    );
    let outcome = client.test(&good).await.expect("answered");
    assert!(outcome.success && outcome.status_code == 200, "{outcome:?}");
    assert!(
        fake.seen(Route::Test)[0]
            .body
            .as_ref()
            .expect("body")
            .get("enabled")
            .is_none()
    );

    let mut bad = request("probe", "webhook", true);
    bad.secrets.insert(
        "url".into(),
        SecretString::from("https://bad.example.com/hook-token-2"),
    );
    let outcome = client.test(&bad).await.expect("answered");
    assert!(!outcome.success);
    assert_eq!(outcome.status_code, 400);
    assert_eq!(
        outcome.message,
        "integration_test_failed (***); Reach the endpoint: connection refused by ***"
    );
    assert!(fake.stored().is_empty(), "a test saves nothing");

    for _ in 0..4 {
        fake.fault(Route::Test, Fault::status(429));
    }
    let error = client.test(&good).await.expect_err("rate limited");
    assert!(matches!(error, Error::RateLimited { .. }), "{error:?}");
    fake.fault(Route::Test, Fault::status(403));
    assert_eq!(
        client.test(&good).await.expect_err("forbidden").status(),
        Some(403)
    );
}

#[tokio::test]
async fn a_taken_name_on_a_first_create_is_an_error_not_an_adoption() {
    let fake = Fake::start().await;
    let existing = fake.insert("taken", "slack", true);
    let client = fake.tenant_client();
    let error = client
        .create(&request("taken", "slack", true))
        .await
        .expect_err("name taken");
    assert!(
        error.has_message("integration_name_already_exists"),
        "{error:?}"
    );
    assert_eq!(error.status(), Some(400));
    assert_eq!(fake.stored().len(), 1);
    assert_eq!(fake.stored()[0].id, existing);
    assert_eq!(fake.count(Route::List), 0);
}

#[tokio::test]
async fn invalid_requests_are_refused_before_any_call() {
    let fake = Fake::start().await;
    let client = fake.tenant_client();
    let mut conflicting = request("x", "slack", true);
    conflicting
        .secrets
        .insert("channel".into(), SecretString::from("hidden"));
    let error = client
        .create(&conflicting)
        .await
        .expect_err("key in both maps");
    assert!(matches!(error, Error::InvalidRequest { .. }), "{error:?}");
    assert!(matches!(
        client.get(" ", None).await,
        Err(Error::InvalidRequest { .. })
    ));
    assert_eq!(fake.count(Route::Login), 0);
}
