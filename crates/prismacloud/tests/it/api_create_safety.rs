//! Create after failures: nothing lost, nothing duplicated. Each test scripts a failure after
//! which the server may or may not have stored the integration, then checks that exactly one
//! integration exists and that the client returned it.

#[allow(dead_code)] // shared by several test crates; each uses a part
use crate::api_fake;

use std::collections::BTreeMap;
use std::time::Duration;

use api_fake::{Fake, Fault, Route};
use prismacloud::api::{Client, Error, Integration, IntegrationRequest};
use serde_json::Map;

fn request(name: &str) -> IntegrationRequest {
    IntegrationRequest {
        name: name.into(),
        description: String::new(),
        enabled: true,
        integration_type: "slack".into(),
        config: Map::new(),
        secrets: BTreeMap::new(),
    }
}

/// Exactly one integration is stored, and it is the one returned.
fn assert_exactly_one(fake: &Fake, created: &Integration, name: &str) {
    let stored = fake.stored();
    assert_eq!(stored.len(), 1, "stored: {stored:?}");
    assert_eq!(stored[0].name, name);
    assert_eq!(created.id, stored[0].id);
    assert_eq!(created.name, name);
}

#[tokio::test]
async fn a_5xx_after_the_server_stored_it_adopts_instead_of_posting_again() {
    let fake = Fake::start().await;
    fake.fault(Route::Create, Fault::status(500).after_handling());
    let client = fake.tenant_client();
    let created = client
        .create(&request("stored then 500"))
        .await
        .expect("adopted");
    assert_exactly_one(&fake, &created, "stored then 500");
    assert_eq!(fake.count(Route::Create), 1, "no second POST");
    assert_eq!(fake.count(Route::List), 1, "looked up by name");
}

#[tokio::test]
async fn a_connection_dropped_after_the_request_was_read_adopts() {
    let fake = Fake::start().await;
    fake.fault(Route::Create, Fault::drop_after_handling());
    let client = fake.tenant_client();
    let created = client
        .create(&request("stored then dropped"))
        .await
        .expect("adopted");
    assert_exactly_one(&fake, &created, "stored then dropped");
    assert_eq!(fake.count(Route::Create), 1, "no second POST");
}

#[tokio::test]
async fn a_timeout_after_the_server_stored_it_adopts() {
    let fake = Fake::start().await;
    let mut config = fake.config();
    config.prisma_id = Some(api_fake::PRISMA_ID.into());
    config.request_timeout = Duration::from_millis(300);
    let client = Client::new(config).expect("valid configuration");
    fake.fault(Route::Create, Fault::hang_after_handling());
    let created = client
        .create(&request("stored then silent"))
        .await
        .expect("adopted");
    assert_exactly_one(&fake, &created, "stored then silent");
    assert_eq!(fake.count(Route::Create), 1, "no second POST");
}

#[tokio::test]
async fn a_5xx_before_storing_posts_again_after_checking() {
    let fake = Fake::start().await;
    fake.fault(Route::Create, Fault::status(502));
    let client = fake.tenant_client();
    let created = client
        .create(&request("not stored"))
        .await
        .expect("created on retry");
    assert_exactly_one(&fake, &created, "not stored");
    assert_eq!(fake.count(Route::Create), 2);
    assert_eq!(fake.count(Route::List), 1, "checked before posting again");
}

#[tokio::test]
async fn a_taken_name_on_the_retry_after_an_ambiguous_failure_adopts() {
    let fake = Fake::start().await;
    // Stored, but lists do not show it yet (an eventually consistent store): the lookup misses
    // it, the second POST meets the name, and the second lookup finds it.
    fake.fault(Route::Create, Fault::status(500).hidden());
    let client = fake.tenant_client();
    let created = client
        .create(&request("slow to appear"))
        .await
        .expect("adopted");
    assert_exactly_one(&fake, &created, "slow to appear");
    assert_eq!(fake.count(Route::Create), 2);
    assert_eq!(fake.count(Route::List), 2);
}

#[tokio::test]
async fn rate_limited_creates_are_retried_directly() {
    let fake = Fake::start().await;
    fake.fault(Route::Create, Fault::status(429));
    let client = fake.tenant_client();
    let created = client.create(&request("after 429")).await.expect("created");
    assert_exactly_one(&fake, &created, "after 429");
    assert_eq!(fake.count(Route::Create), 2);
    assert_eq!(
        fake.count(Route::List),
        0,
        "a 429 is unambiguous: no lookup"
    );
}

#[tokio::test]
async fn a_401_on_create_logs_in_again_and_posts_once_more() {
    let fake = Fake::start().await;
    let client = fake.tenant_client();
    client.list(None).await.expect("log in");
    fake.revoke_tokens();
    let created = client.create(&request("after 401")).await.expect("created");
    assert_exactly_one(&fake, &created, "after 401");
    assert_eq!(fake.count(Route::Login), 2);
    assert_eq!(fake.count(Route::Create), 2);
}

#[tokio::test]
async fn an_ambiguous_failure_on_the_last_attempt_still_adopts() {
    let fake = Fake::start().await;
    let mut config = fake.config();
    config.prisma_id = Some(api_fake::PRISMA_ID.into());
    config.max_retries = 0;
    let client = Client::new(config).expect("valid configuration");
    fake.fault(Route::Create, Fault::status(503).after_handling());
    let created = client
        .create(&request("last chance"))
        .await
        .expect("adopted");
    assert_exactly_one(&fake, &created, "last chance");
}

#[tokio::test]
async fn exhausted_retries_without_a_stored_integration_are_an_error() {
    let fake = Fake::start().await;
    for _ in 0..4 {
        fake.fault(Route::Create, Fault::status(500));
    }
    let client = fake.tenant_client();
    let error = client
        .create(&request("never stored"))
        .await
        .expect_err("always 500");
    assert!(
        matches!(
            error,
            Error::Api {
                status: 500,
                attempts: 4,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(fake.stored().is_empty());
    assert_eq!(fake.count(Route::Create), 4);
}

#[tokio::test]
async fn adopting_a_disabled_request_still_disables_it() {
    let fake = Fake::start().await;
    fake.fault(Route::Create, Fault::drop_after_handling());
    let client = fake.tenant_client();
    let mut quiet = request("adopted quiet");
    quiet.enabled = false;
    let created = client.create(&quiet).await.expect("adopted");
    assert!(!created.enabled);
    assert!(!fake.stored()[0].enabled);
    assert_eq!(fake.count(Route::Patch), 1);
}

#[tokio::test]
async fn a_list_that_lags_behind_a_bodiless_create_is_asked_again() {
    let fake = Fake::start().await;
    // Classic create answers without a body; the first list does not show the new one yet.
    fake.fault(Route::List, Fault::status(200).body("[]"));
    let client = fake.classic_client();
    let created = client
        .create(&request("lagging list"))
        .await
        .expect("found on the second list");
    assert_exactly_one(&fake, &created, "lagging list");
    assert_eq!(fake.count(Route::List), 2);
    assert_eq!(fake.count(Route::Create), 1);
}

#[tokio::test]
async fn a_bodiless_create_that_never_shows_up_is_reported_by_name() {
    let fake = Fake::start().await;
    for _ in 0..4 {
        fake.fault(Route::List, Fault::status(200).body("[]"));
    }
    let client = fake.classic_client();
    let error = client
        .create(&request("invisible"))
        .await
        .expect_err("never listed");
    assert!(
        matches!(&error, Error::CreatedButNotFound { name, .. } if name == "invisible"),
        "{error:?}"
    );
    assert_eq!(fake.count(Route::List), 4, "one lookup plus three retries");
    assert_eq!(fake.count(Route::Create), 1, "never posted twice");
}

#[tokio::test]
async fn a_bodiless_create_whose_lookups_all_fail_has_an_unknown_outcome() {
    // The POST went through (200, no body); every list after it fails, 503 then a dropped
    // connection: the client cannot tell the id, and must not say "nothing was created".
    for fault in [Fault::status(503), Fault::drop_after_handling()] {
        let fake = Fake::start().await;
        for _ in 0..10 {
            fake.fault(Route::List, fault.clone());
        }
        let client = fake.classic_client();
        let error = client
            .create(&request("lookups fail"))
            .await
            .expect_err("no lookup answered");
        assert!(
            matches!(&error, Error::CreateOutcomeUnknown { name, .. } if name == "lookups fail"),
            "{error:?}"
        );
        assert!(error.may_have_created(), "{error:?}");
        assert_eq!(fake.stored().len(), 1, "it was stored");
        assert_eq!(fake.count(Route::Create), 1, "never posted twice");
    }
}
