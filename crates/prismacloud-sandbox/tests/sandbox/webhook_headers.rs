//! Webhook `headers` (`[{key, value, secure, readOnly}]`): validated; a secure header's value is
//! a secret like any other (masked on v1 reads, absent on classic reads, never in a response,
//! refused when written back masked, kept when an update leaves it out).

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::support::{Client, Reply, V1};

const MASK: &str = "**********";
const SECRET: &str = "Bearer header-secret-0123";

fn webhook(headers: Value) -> Value {
    json!({"url": "https://hooks.example.com/prisma", "authToken": "webhook-token",
           "headers": headers})
}

fn two_headers() -> Value {
    json!([
        {"key": "X-Source", "value": "prisma", "secure": false, "readOnly": true},
        {"key": "Authorization", "value": SECRET, "secure": true},
    ])
}

fn update(name: &str, headers: Value) -> Value {
    json!({"name": name, "integrationType": "webhook", "integrationConfig": webhook(headers)})
}

/// The stored headers, secure values in clear text (in-process only).
fn stored_headers(client: &Client) -> Value {
    client.state.integrations()[0]["integrationConfig"]["headers"].clone()
}

fn assert_no_secret(reply: &Reply, context: &str) {
    assert!(
        !reply.text().contains(SECRET),
        "{context}: {}",
        reply.text()
    );
}

#[tokio::test]
async fn secure_values_are_masked_on_v1_absent_on_classic_and_stored_in_clear() {
    let client = Client::logged_in().await;
    let created = client
        .create_v1("Webhook with headers", "webhook", webhook(two_headers()))
        .await;
    let id = created["id"].as_str().expect("an id").to_owned();
    let masked = json!([
        {"key": "X-Source", "value": "prisma", "secure": false, "readOnly": true},
        {"key": "Authorization", "value": MASK, "secure": true, "readOnly": false},
    ]);
    assert_eq!(
        created["integrationConfig"]["headers"], masked,
        "defaults filled in"
    );
    let v1 = client.get(&format!("{V1}/{id}")).await;
    assert_eq!(v1.json()["integrationConfig"]["headers"], masked);
    let classic = client.get(&format!("/integration/{id}")).await;
    assert_eq!(
        classic.json()["integrationConfig"]["headers"],
        json!([
            {"key": "X-Source", "value": "prisma", "secure": false, "readOnly": true},
            {"key": "Authorization", "secure": true, "readOnly": false},
        ])
    );
    for reply in [
        &v1,
        &classic,
        &client.get("/integration").await,
        &client.get(V1).await,
    ] {
        assert_no_secret(reply, "a read");
    }
    assert_eq!(stored_headers(&client)[1]["value"], SECRET);
}

#[tokio::test]
async fn every_problem_of_every_header_is_reported_at_once() {
    let client = Client::logged_in().await;
    let headers = json!([
        {"key": "X Source", "value": "a"},
        {"value": "b"},
        {"key": "X-Empty", "value": ""},
        {"key": "X-Source", "value": "c", "secure": "yes"},
        {"key": "X-Line", "value": "one\r\ntwo", "readOnly": 1},
        {"key": "X-Extra", "value": "d", "name": "x"},
        "X-Plain: e",
    ]);
    let reply = client.post(V1, update("Broken headers", headers)).await;
    reply.expect(StatusCode::BAD_REQUEST);
    let path = "integrationConfig.headers";
    let expected: Vec<(String, String)> = [
        ("invalid_parameter_value", "[0].key"),
        ("missing_required_parameter", "[1].key"),
        ("missing_required_parameter", "[2].value"),
        ("invalid_parameter_value", "[3].secure"),
        ("invalid_parameter_value", "[4].readOnly"),
        ("invalid_parameter_value", "[4].value"),
        ("unknown_parameter", "[5].name"),
        ("invalid_parameter_value", "[6]"),
    ]
    .iter()
    .map(|(key, at)| ((*key).to_owned(), format!("{path}{at}")))
    .collect();
    let mut expected = expected;
    expected.sort();
    assert_eq!(reply.violations(), expected);
    // Names ignore case: "x-source" and "X-Source" clash once both are otherwise valid.
    let duplicate = json!([{"key": "X-Source", "value": "a"}, {"key": "x-source", "value": "b"}]);
    let reply = client.post(V1, update("Twice the same", duplicate)).await;
    reply.expect(StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.violations(),
        [(
            "invalid_parameter_value".to_owned(),
            format!("{path}[1].key")
        )]
    );
    for not_a_list in [json!({"X-Source": "a"}), json!("X-Source: a")] {
        let reply = client.post(V1, update("Not a list", not_a_list)).await;
        reply.expect(StatusCode::BAD_REQUEST);
        assert_eq!(
            reply.violations(),
            [("invalid_parameter_value".to_owned(), path.to_owned())]
        );
    }
    assert!(client.state.integrations().is_empty());
    // An empty list is no headers at all.
    client
        .create_v1("No headers", "webhook", webhook(json!([])))
        .await;
}

#[tokio::test]
async fn a_masked_secure_value_sent_back_is_refused_everywhere() {
    let client = Client::logged_in().await;
    let created = client
        .create_v1("Masked back", "webhook", webhook(two_headers()))
        .await;
    let id = created["id"].as_str().expect("an id").to_owned();
    // What a careless client does: PUT back what it read.
    let read_back = created["integrationConfig"]["headers"].clone();
    let at = [(
        "masked_secret_not_allowed".to_owned(),
        "integrationConfig.headers[1].value".to_owned(),
    )];
    for (family, path) in [
        ("v1", format!("{V1}/{id}")),
        ("classic", format!("/integration/{id}")),
    ] {
        let reply = client
            .put(&path, update("Masked back", read_back.clone()))
            .await;
        reply.expect(StatusCode::BAD_REQUEST);
        assert_eq!(reply.violations(), at, "{family}");
    }
    let reply = client
        .post(V1, update("Masked create", read_back.clone()))
        .await;
    assert_eq!(reply.violations(), at, "create");
    let reply = client
        .post(
            &format!("{V1}/test"),
            update("Masked test", read_back.clone()),
        )
        .await;
    assert_eq!(reply.violations(), at, "test");
    // PATCH takes `enabled` only: a config in it is refused before any masking question.
    let reply = client
        .patch(
            &format!("{V1}/{id}"),
            json!({"enabled": true, "integrationConfig": webhook(read_back)}),
        )
        .await;
    reply.expect(StatusCode::BAD_REQUEST);
    assert_eq!(reply.status_keys(), ["unknown_parameter"]);
    assert_eq!(
        stored_headers(&client)[1]["value"],
        SECRET,
        "nothing changed"
    );
    // Asterisks in a header that is not secure are just its value.
    let plain = json!([{"key": "X-Stars", "value": "****"}]);
    client
        .put(&format!("{V1}/{id}"), update("Masked back", plain))
        .await
        .expect(StatusCode::OK);
}

#[tokio::test]
async fn an_update_without_a_secure_value_keeps_it_and_a_new_value_replaces_it() {
    let client = Client::logged_in().await;
    let created = client
        .create_v1("Kept header", "webhook", webhook(two_headers()))
        .await;
    let id = created["id"].as_str().expect("an id").to_owned();
    let one = format!("{V1}/{id}");
    // Left out (or null), matched by name whatever its case: kept.
    let without = json!([
        {"key": "X-Source", "value": "prisma", "readOnly": true},
        {"key": "authorization", "secure": true},
    ]);
    let reply = client.put(&one, update("Kept header", without)).await;
    reply.expect(StatusCode::OK);
    assert_no_secret(&reply, "PUT answer");
    assert_eq!(stored_headers(&client)[1]["value"], SECRET);
    assert_eq!(stored_headers(&client)[1]["key"], "authorization");
    let null = json!([{"key": "Authorization", "value": null, "secure": true}]);
    client
        .put(&format!("/integration/{id}"), update("Kept header", null))
        .await
        .expect(StatusCode::OK);
    assert_eq!(stored_headers(&client)[0]["value"], SECRET);
    // A new value replaces it.
    let new = json!([{"key": "Authorization", "value": "Bearer rotated", "secure": true}]);
    client
        .put(&one, update("Kept header", new))
        .await
        .expect(StatusCode::OK);
    assert_eq!(stored_headers(&client)[0]["value"], "Bearer rotated");
    // Without a stored secure value there is nothing to keep: a value is required.
    for headers in [
        json!([{"key": "X-New", "secure": true}]),
        json!([{"key": "Authorization"}]),
    ] {
        let reply = client.put(&one, update("Kept header", headers)).await;
        reply.expect(StatusCode::BAD_REQUEST);
        assert_eq!(reply.status_keys(), ["missing_required_parameter"]);
    }
    // Leaving a header out of the list removes it, as PUT replaces the integration.
    client
        .put(&one, update("Kept header", json!([])))
        .await
        .expect(StatusCode::OK);
    assert_eq!(stored_headers(&client), json!([]));
}
