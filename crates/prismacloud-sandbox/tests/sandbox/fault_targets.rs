//! Fault rules aimed at one method, one route, or one method on one route, set through the
//! control endpoint and through the binary's flags: a client's create can be failed on the
//! list that follows its POST only, or on every write only.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::support::{Client, V1};

fn unavailable_on(targets: &[&str]) -> Value {
    json!({"seed": 1, "rules": [{"rate": 1.0, "weights": {"unavailable": 1}, "routes": targets}]})
}

async fn set_faults(client: &Client, config: Value) {
    client
        .put("/_sandbox/faults", config)
        .await
        .expect(StatusCode::OK);
}

fn pager_duty(name: &str) -> Value {
    json!({"name": name, "integrationType": "pager_duty",
           "integrationConfig": {"integrationKey": "pd-key"}})
}

#[tokio::test]
async fn a_rule_on_one_method_and_route_spares_the_others() {
    let client = Client::logged_in().await;
    set_faults(&client, unavailable_on(&["GET /integration"])).await;
    // The classic create succeeds, the list that would find its id does not.
    client
        .post("/integration", pager_duty("Created unseen"))
        .await
        .expect(StatusCode::OK);
    client
        .get("/integration")
        .await
        .expect(StatusCode::SERVICE_UNAVAILABLE);
    let created = client.get(&format!("{V1}?onlyEnabled=false")).await;
    created.expect(StatusCode::OK);
    let id = created.json()[0]["id"].as_str().expect("an id").to_owned();
    client
        .get(&format!("/integration/{id}"))
        .await
        .expect(StatusCode::OK);
    let stats = client.state.stats();
    assert_eq!(stats.faults_by_route.get("GET /integration"), Some(&1));
    assert_eq!(stats.total_faults(), 1);
}

#[tokio::test]
async fn a_rule_on_a_method_alone_hits_it_on_every_route() {
    let client = Client::logged_in().await;
    set_faults(&client, unavailable_on(&["POST"])).await;
    client
        .post(V1, pager_duty("Never stored"))
        .await
        .expect(StatusCode::SERVICE_UNAVAILABLE);
    client
        .post("/integration", pager_duty("Never stored"))
        .await
        .expect(StatusCode::SERVICE_UNAVAILABLE);
    client.get(V1).await.expect(StatusCode::OK);
    client.get("/license").await.expect(StatusCode::OK);
    assert!(client.state.integrations().is_empty());
}

#[tokio::test]
async fn a_rule_on_a_route_alone_hits_every_method_of_it() {
    let client = Client::logged_in().await;
    let created = client
        .create_v1("Target", "pager_duty", json!({"integrationKey": "k"}))
        .await;
    let id = created["id"].as_str().expect("an id");
    let route = "/api/v1/tenant/{prisma_id}/integration/{id}";
    set_faults(&client, unavailable_on(&[route])).await;
    let one = format!("{V1}/{id}");
    client
        .get(&one)
        .await
        .expect(StatusCode::SERVICE_UNAVAILABLE);
    client
        .put(&one, pager_duty("Target renamed"))
        .await
        .expect(StatusCode::SERVICE_UNAVAILABLE);
    client
        .delete(&one)
        .await
        .expect(StatusCode::SERVICE_UNAVAILABLE);
    client.get(V1).await.expect(StatusCode::OK);
    // "* /route" and "/route" are the same target, as GET /_sandbox/faults shows back.
    set_faults(&client, unavailable_on(&[&format!("* {route}")])).await;
    client
        .get(&one)
        .await
        .expect(StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test]
async fn a_malformed_target_is_refused_and_the_faults_in_force_stay() {
    let client = Client::logged_in().await;
    set_faults(&client, unavailable_on(&["GET /license"])).await;
    for bad in ["get /integration", "GET integration", "GET /a /b"] {
        let reply = client.put("/_sandbox/faults", unavailable_on(&[bad])).await;
        reply.expect(StatusCode::BAD_REQUEST);
        assert_eq!(reply.status_keys(), ["invalid_parameter_value"]);
        assert!(reply.text().contains("fault target"), "{}", reply.text());
    }
    let in_force = client.get("/_sandbox/faults").await.json();
    assert_eq!(in_force["rules"][0]["routes"], json!(["GET /license"]));
}

#[cfg(unix)]
#[tokio::test]
async fn the_binary_takes_targets_and_a_limit_from_its_flags() {
    use crate::process::{Process, Wire};

    let sandbox = Process::start(&[
        "--fault-rate",
        "1",
        "--fault-weights",
        "unavailable",
        "--fault-route",
        "GET /license",
        "--fault-limit",
        "1",
        "--fault-seed",
        "3",
    ])
    .await;
    assert!(
        sandbox.banner.iter().any(|l| l
            == "# fault injection: rate 1 on GET /license, seed 3 (replay with --fault-seed 3)"),
        "{:?}",
        sandbox.banner
    );
    let wire = Wire::login(&sandbox.url).await;
    assert_eq!(wire.get("/license").await.status(), 503);
    assert_eq!(wire.get("/license").await.status(), 200, "limit 1");
    sandbox.stop().await;
}
