//! Reads served from one shared list (`Client::get_coalesced`), and creates that find what they
//! posted through shared lists, against the fake API: how many calls, and that every answer is
//! still the right one (missing items, own writes, expiry, failed lists, both families).

#[allow(dead_code)] // shared by several test crates; each uses a part
use crate::api_fake;

use std::collections::BTreeMap;
use std::time::Duration;

use api_fake::{Fake, Family, Fault, Route};
use futures::future::join_all;
use prismacloud::api::{Client, Error, IntegrationRequest};
use serde_json::{Map, json};

fn request(name: &str, description: &str) -> IntegrationRequest {
    IntegrationRequest {
        name: name.into(),
        description: description.into(),
        enabled: true,
        integration_type: "slack".into(),
        config: Map::from_iter([("channel".to_owned(), json!("#security"))]),
        secrets: BTreeMap::new(),
    }
}

fn client_with_ttl(fake: &Fake, ttl: Duration) -> Client {
    let mut config = fake.config();
    config.list_snapshot_ttl = ttl;
    Client::new(config).expect("valid client configuration")
}

#[tokio::test]
async fn concurrent_reads_share_one_list() {
    let fake = Fake::start().await;
    let ids: Vec<String> = (0..40)
        .map(|i| fake.insert(&format!("alerts {i}"), "slack", true))
        .collect();
    let client = fake.classic_client();
    let reads = join_all(ids.iter().map(|id| client.get_coalesced(id, "slack"))).await;
    for (i, (id, read)) in ids.iter().zip(reads).enumerate() {
        let found = read.expect("read");
        assert_eq!(&found.id, id);
        assert_eq!(found.name, format!("alerts {i}"));
        assert_eq!(found.integration_type, "slack");
    }
    assert_eq!(fake.count(Route::List), 1);
    assert_eq!(fake.count(Route::Get), 0);
    let list = &fake.seen(Route::List)[0];
    assert_eq!(list.family, Some(Family::Classic));
    assert_eq!(
        list.query, "onlyEnabled=false",
        "one list of every type, disabled ones included"
    );

    // Later reads within the lifetime use the same list.
    client.get_coalesced(&ids[3], "slack").await.expect("read");
    assert_eq!(fake.count(Route::List), 1);
}

#[tokio::test]
async fn an_integration_missing_from_the_list_is_read_by_id() {
    let fake = Fake::start().await;
    let listed = fake.insert("listed", "slack", true);
    let client = fake.classic_client();
    client.get_coalesced(&listed, "slack").await.expect("read");

    // Stored but not (yet) in lists: found by id.
    fake.fault(Route::Create, Fault::status(200).after_handling().hidden());
    let _ = fake.classic_client().create(&request("lagging", "")).await;
    let hidden = fake
        .stored()
        .into_iter()
        .find(|s| s.name == "lagging")
        .expect("stored")
        .id;
    let lists = fake.count(Route::List);
    let found = client.get_coalesced(&hidden, "slack").await.expect("read");
    assert_eq!(found.name, "lagging");
    assert_eq!(fake.count(Route::Get), 1);

    // Gone: only the read by id may say so.
    let error = client
        .get_coalesced("00000000-0000-0000-0000-000000000000", "slack")
        .await
        .expect_err("no such integration");
    assert!(error.is_not_found(), "{error:?}");
    assert_eq!(fake.count(Route::Get), 2);
    assert_eq!(fake.count(Route::List), lists, "the list kept served both");
}

#[tokio::test]
async fn own_writes_make_the_list_stale() {
    let fake = Fake::start().await;
    let id = fake.insert("alerts", "slack", true);
    let other = fake.insert("other", "slack", true);
    let client = fake.classic_client();
    client.get_coalesced(&id, "slack").await.expect("read");

    client
        .update(&id, &request("alerts", "changed by this client"))
        .await
        .expect("updated");
    let read = client.get_coalesced(&id, "slack").await.expect("read");
    assert_eq!(read.description, "changed by this client");
    assert_eq!(
        fake.count(Route::List),
        2,
        "the update invalidated the list"
    );

    client.delete(&other, "slack").await.expect("deleted");
    let error = client
        .get_coalesced(&other, "slack")
        .await
        .expect_err("deleted");
    assert!(error.is_not_found(), "{error:?}");
    assert_eq!(
        fake.count(Route::List),
        3,
        "the delete invalidated the list"
    );
}

#[tokio::test]
async fn a_list_serves_reads_only_for_its_lifetime() {
    let fake = Fake::start().await;
    let id = fake.insert("alerts", "slack", true);
    let client = client_with_ttl(&fake, Duration::from_millis(20));
    client.get_coalesced(&id, "slack").await.expect("read");
    tokio::time::sleep(Duration::from_millis(40)).await;
    client.get_coalesced(&id, "slack").await.expect("read");
    assert_eq!(fake.count(Route::List), 2);
}

#[tokio::test]
async fn a_zero_lifetime_reads_every_integration_by_id() {
    let fake = Fake::start().await;
    let ids: Vec<String> = (0..3)
        .map(|i| fake.insert(&format!("alerts {i}"), "slack", true))
        .collect();
    let client = client_with_ttl(&fake, Duration::ZERO);
    for id in &ids {
        client.get_coalesced(id, "slack").await.expect("read");
    }
    assert_eq!(fake.count(Route::List), 0);
    assert_eq!(fake.count(Route::Get), 3);
}

#[tokio::test]
async fn when_the_list_fails_every_read_falls_back_to_its_id_once() {
    let fake = Fake::start().await;
    let ids: Vec<String> = (0..8)
        .map(|i| fake.insert(&format!("alerts {i}"), "slack", true))
        .collect();
    fake.fault(Route::List, Fault::status(403));
    let client = fake.classic_client();
    let reads = join_all(ids.iter().map(|id| client.get_coalesced(id, "slack"))).await;
    for (id, read) in ids.iter().zip(reads) {
        assert_eq!(&read.expect("read by id").id, id);
    }
    assert_eq!(
        fake.count(Route::List),
        1,
        "waiters take the failure, not a retry"
    );
    assert_eq!(fake.count(Route::Get), 8);

    // A later read lists again.
    client.get_coalesced(&ids[0], "slack").await.expect("read");
    assert_eq!(fake.count(Route::List), 2);
    assert_eq!(fake.count(Route::Get), 8);
}

#[tokio::test]
async fn tenant_reads_use_the_tenant_list_with_disabled_integrations() {
    let fake = Fake::start().await;
    let quiet = fake.insert("quiet", "slack", false);
    let okta = fake.insert("corporate okta", "okta", true);
    let client = fake.tenant_client();
    let found = client.get_coalesced(&quiet, "slack").await.expect("read");
    assert!(!found.enabled);
    let found = client.get_coalesced(&okta, "okta").await.expect("read");
    assert_eq!(found.integration_type, "okta");
    let lists = fake.seen(Route::List);
    assert_eq!(lists.len(), 2, "{lists:?}");
    assert_eq!(lists[0].family, Some(Family::Tenant));
    assert_eq!(lists[0].query, "onlyEnabled=false");
    assert_eq!(
        lists[1].family,
        Some(Family::Classic),
        "okta is classic-only"
    );
    assert_eq!(lists[1].query, "onlyEnabled=false");
    assert_eq!(fake.count(Route::Get), 0);
}

#[tokio::test]
async fn concurrent_classic_creates_each_find_their_own_integration() {
    let fake = Fake::start().await;
    let client = fake.classic_client();
    let requests: Vec<IntegrationRequest> =
        (0..12).map(|i| request(&format!("new {i}"), "")).collect();
    let created = join_all(requests.iter().map(|r| client.create(r))).await;
    let stored = fake.stored();
    for (i, created) in created.into_iter().enumerate() {
        let created = created.expect("created");
        let name = format!("new {i}");
        assert_eq!(created.name, name);
        let stored_id = &stored.iter().find(|s| s.name == name).expect("stored").id;
        assert_eq!(&created.id, stored_id);
    }
    assert_eq!(fake.count(Route::Create), 12);
    assert!(fake.count(Route::List) <= 12, "at most one list per create");
}

#[tokio::test]
async fn a_stopped_client_does_not_wait_for_a_list_in_flight() {
    let fake = Fake::start().await;
    let id = fake.insert("alerts", "slack", true);
    fake.fault(Route::List, Fault::hang());
    let client = fake.classic_client();
    let read = |client: &Client| {
        let (client, id) = (client.clone(), id.clone());
        tokio::spawn(async move { client.get_coalesced(&id, "slack").await })
    };
    let fetching = read(&client);
    fake.wait_until("the list was sent", |f| f.count(Route::List) == 1)
        .await;
    let waiting = read(&client);
    client.stop();
    let result = tokio::time::timeout(api_fake::PATIENCE, waiting)
        .await
        .expect("stops without waiting for the list")
        .expect("task");
    assert!(matches!(result, Err(Error::Stopped { .. })), "{result:?}");
    fetching.abort();
}
