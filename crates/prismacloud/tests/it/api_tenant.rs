//! The tenant (v1) endpoints by default: without a configured prisma id the client learns it
//! once per run, from the login answer at no extra call, else from one `GET /license`, and
//! falls back to the classic endpoints only when neither names it.

#[allow(dead_code)] // shared by several test crates; each uses a part
use crate::api_fake;

use std::collections::BTreeMap;

use api_fake::{Fake, Family, PRISMA_ID, Route};
use prismacloud::api::{Client, IntegrationRequest};
use serde_json::{Map, json};

fn request(name: &str, integration_type: &str) -> IntegrationRequest {
    IntegrationRequest {
        name: name.into(),
        description: String::new(),
        enabled: true,
        integration_type: integration_type.into(),
        config: Map::from_iter([("channel".to_owned(), json!("#security"))]),
        secrets: BTreeMap::new(),
    }
}

/// A client with no prisma id configured.
fn unconfigured(fake: &Fake) -> Client {
    Client::new(fake.config()).expect("valid client configuration")
}

#[tokio::test]
async fn a_create_without_a_prisma_id_is_one_v1_post_with_the_id_named_at_login() {
    let fake = Fake::start().await;
    fake.name_tenants_at_login(&[("fake-customer", PRISMA_ID)]);
    let client = unconfigured(&fake);
    let created = client
        .create(&request("alerts", "slack"))
        .await
        .expect("created");
    assert_eq!(created.name, "alerts");
    let posts = fake.seen(Route::Create);
    assert_eq!(posts.len(), 1, "exactly one POST");
    assert_eq!(posts[0].family, Some(Family::Tenant));
    assert_eq!(fake.count(Route::Get), 0, "no GET afterwards");
    assert_eq!(fake.count(Route::List), 0, "no list afterwards");
    assert_eq!(fake.count(Route::License), 0, "the login answer said it");
    assert_eq!(fake.count(Route::Login), 1);

    // Okta is served by the classic endpoints only, whatever the tenant.
    client
        .create(&request("corp idp", "okta"))
        .await
        .expect("created");
    assert_eq!(fake.seen(Route::Create)[1].family, Some(Family::Classic));
}

#[tokio::test]
async fn without_it_in_the_login_answer_one_get_license_serves_the_whole_run() {
    let fake = Fake::start().await;
    fake.serve_license();
    let client = unconfigured(&fake);
    let clone = client.clone();
    let (first, second) = tokio::join!(client.list(Some("slack")), clone.list(Some("webhook")));
    first.expect("listed");
    second.expect("listed");
    client
        .create(&request("alerts", "slack"))
        .await
        .expect("created");
    assert_eq!(fake.count(Route::License), 1, "once per run");
    assert!(
        fake.seen(Route::List)
            .iter()
            .chain(&fake.seen(Route::Create))
            .all(|seen| seen.family == Some(Family::Tenant))
    );
}

#[tokio::test]
async fn of_several_tenants_the_one_of_the_configured_customer_name_is_used() {
    let fake = Fake::start().await;
    fake.name_tenants_at_login(&[("other-customer", "111111111111"), ("acme", PRISMA_ID)]);
    let mut config = fake.config();
    config.customer_name = Some("acme".into());
    let client = Client::new(config).expect("valid client configuration");
    client
        .create(&request("alerts", "slack"))
        .await
        .expect("created on the tenant of acme");
    assert_eq!(fake.seen(Route::Create)[0].family, Some(Family::Tenant));
    assert_eq!(fake.count(Route::License), 0);
}

#[tokio::test]
async fn a_configured_prisma_id_wins_and_costs_no_call() {
    let fake = Fake::start().await;
    fake.name_tenants_at_login(&[("elsewhere", "111111111111")]);
    fake.serve_license();
    let client = fake.tenant_client();
    client
        .create(&request("alerts", "slack"))
        .await
        .expect("created on the configured tenant");
    assert_eq!(fake.seen(Route::Create)[0].family, Some(Family::Tenant));
    assert_eq!(fake.count(Route::License), 0);
}

#[tokio::test]
async fn when_nothing_names_the_tenant_the_classic_endpoints_serve() {
    let fake = Fake::start().await;
    let client = unconfigured(&fake);
    client
        .create(&request("alerts", "slack"))
        .await
        .expect("created on the classic endpoints");
    client.list(Some("slack")).await.expect("listed");
    assert_eq!(fake.seen(Route::Create)[0].family, Some(Family::Classic));
    assert!(
        fake.seen(Route::List)
            .iter()
            .all(|seen| seen.family == Some(Family::Classic))
    );
    assert_eq!(fake.count(Route::License), 1, "asked once, not per call");
}
