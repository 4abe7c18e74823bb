//! Create, read, update, delete on both families, and the store they share.

use crate::support as sandbox_support;

use axum::http::StatusCode;
use sandbox_support::{Client, EXTERNAL_ID, ROLE_ARN, V1, snowflake_config, valid_configs};
use serde_json::{Value, json};

/// The names a list answered, in order.
fn names(reply: sandbox_support::Reply) -> Vec<String> {
    reply.expect(StatusCode::OK);
    reply
        .json()
        .as_array()
        .expect("list")
        .iter()
        .map(|i| i["name"].as_str().unwrap_or_default().to_owned())
        .collect()
}

fn slack() -> Value {
    json!({"webhookUrl": "https://hooks.slack.com/services/T000/B000/slack-secret"})
}

#[tokio::test]
async fn classic_crud_with_empty_post_body_and_upper_case_types() {
    let client = Client::logged_in().await;
    let created = client
        .post(
            "/integration",
            json!({"name": "Okta users", "description": "d", "integrationType": "okta",
                   "integrationConfig": {"domain": "example.okta.com", "apiToken": "tok"}}),
        )
        .await;
    created.expect(StatusCode::OK);
    assert!(
        created.body.is_empty(),
        "classic POST answers an empty body"
    );

    let id = client.id_by_name("Okta users").await;
    let read = client.get(&format!("/integration/{id}")).await;
    read.expect(StatusCode::OK);
    let read = read.json();
    assert_eq!(read["integrationType"], "OKTA");
    assert_eq!(read["status"], "GREEN");
    assert_eq!(read["valid"], true);
    assert_eq!(read["reason"], Value::Null);
    assert_eq!(read["enabled"], true);
    assert_eq!(read["createdBy"], "sandbox-access-key");
    assert!(
        read["createdTs"]
            .as_i64()
            .is_some_and(|ts| ts > 1_600_000_000_000)
    );

    let updated = client
        .put(
            &format!("/integration/{id}"),
            json!({"name": "Okta users 2", "integrationType": "okta", "enabled": false,
                   "integrationConfig": {"domain": "other.okta.com"}}),
        )
        .await;
    updated.expect(StatusCode::OK);
    let read = client.get(&format!("/integration/{id}")).await.json();
    assert_eq!(read["name"], "Okta users 2");
    assert_eq!(
        read["description"], "",
        "PUT replaces: an omitted description is cleared"
    );
    assert_eq!(read["enabled"], false);
    assert_eq!(read["status"], "NA");
    assert_eq!(
        read["integrationConfig"],
        json!({"domain": "other.okta.com"})
    );

    client
        .delete(&format!("/integration/{id}"))
        .await
        .expect(StatusCode::OK);
    let gone = client.get(&format!("/integration/{id}")).await;
    gone.expect(StatusCode::NOT_FOUND);
    assert_eq!(gone.status_keys(), ["not_found"]);
    let again = client.delete(&format!("/integration/{id}")).await;
    again.expect(StatusCode::NOT_FOUND);
    assert_eq!(again.status_keys(), ["not_found"]);
}

#[tokio::test]
async fn v1_crud_returns_objects_with_lower_case_types() {
    let client = Client::logged_in().await;
    let created = client.create_v1("Slack alerts", "slack", slack()).await;
    assert_eq!(created["integrationType"], "slack");
    assert_eq!(created["enabled"], true);
    for key in [
        "id",
        "createdBy",
        "createdTs",
        "lastModifiedBy",
        "lastModifiedTs",
    ] {
        assert!(!created[key].is_null(), "v1 object lacks {key}");
    }
    let id = created["id"].as_str().expect("id");
    let path = format!("{V1}/{id}");
    assert_eq!(client.get(&path).await.json()["name"], "Slack alerts");

    let updated = client
        .put(
            &path,
            json!({"name": "Slack alerts 2", "description": "x", "integrationConfig": {}}),
        )
        .await;
    updated.expect(StatusCode::OK);
    let updated = updated.json();
    assert_eq!(updated["name"], "Slack alerts 2");
    assert_eq!(updated["id"], id);
    assert_eq!(updated["createdTs"], created["createdTs"]);

    client.delete(&path).await.expect(StatusCode::OK);
    client.get(&path).await.expect(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn malformed_ids_are_invalid_and_unknown_ids_not_found() {
    let client = Client::logged_in().await;
    let unknown = "2f1b4c1e-9a76-4c8e-8f39-8f5a1d2e3b4c";
    for base in ["/integration", V1] {
        let reply = client.get(&format!("{base}/not-a-uuid")).await;
        reply.expect(StatusCode::BAD_REQUEST);
        assert_eq!(reply.status_keys(), ["invalid_id"]);
        let reply = client.get(&format!("{base}/{unknown}")).await;
        reply.expect(StatusCode::NOT_FOUND);
        assert_eq!(reply.status_keys(), ["not_found"]);
        let reply = client.delete(&format!("{base}/{unknown}")).await;
        reply.expect(StatusCode::NOT_FOUND);
        let reply = client.put(&format!("{base}/{unknown}"), json!({})).await;
        reply.expect(StatusCode::NOT_FOUND);
    }
    let reply = client
        .patch(&format!("{V1}/{unknown}"), json!({"enabled": true}))
        .await;
    reply.expect(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn both_families_share_one_store() {
    let client = Client::logged_in().await;
    let classic_id = client
        .create_classic("Made on classic", "slack", slack())
        .await;
    let v1 = client.get(&format!("{V1}/{classic_id}")).await;
    v1.expect(StatusCode::OK);
    assert_eq!(v1.json()["integrationType"], "slack");

    let v1_id = client
        .create_v1("Made on v1", "pager_duty", json!({"integrationKey": "k"}))
        .await;
    let v1_id = v1_id["id"].as_str().expect("id");
    let classic = client.get(&format!("/integration/{v1_id}")).await;
    classic.expect(StatusCode::OK);
    assert_eq!(classic.json()["integrationType"], "PAGER_DUTY");
    assert_eq!(
        client
            .get("/integration")
            .await
            .json()
            .as_array()
            .map(Vec::len),
        Some(2)
    );
}

#[tokio::test]
async fn classic_list_hides_disabled_integrations_unless_asked() {
    let client = Client::logged_in().await;
    // Created disabled on the classic family, the way a client that finds its new
    // integration by listing must cope with (the POST answers no body).
    client
        .post(
            "/integration",
            json!({"name": "Disabled Okta", "integrationType": "okta", "enabled": false,
                   "integrationConfig": {"domain": "example.okta.com", "apiToken": "tok"}}),
        )
        .await
        .expect(StatusCode::OK);
    client.create_v1("Enabled Slack", "slack", slack()).await;
    assert_eq!(names(client.get("/integration").await), ["Enabled Slack"]);
    assert_eq!(
        names(client.get("/integration?onlyEnabled=true").await),
        ["Enabled Slack"]
    );
    assert_eq!(
        names(client.get("/integration?onlyEnabled=false").await),
        ["Disabled Okta", "Enabled Slack"]
    );
    assert_eq!(
        names(
            client
                .get("/integration?onlyEnabled=false&type=okta_idp")
                .await
        ),
        ["Disabled Okta"]
    );
    assert!(names(client.get("/integration?type=okta").await).is_empty());
    // The one integration is still there by id, with status NA.
    let id = client
        .get("/integration?onlyEnabled=false&type=okta")
        .await
        .json()[0]["id"]
        .as_str()
        .expect("an id")
        .to_owned();
    let read = client.get(&format!("/integration/{id}")).await;
    read.expect(StatusCode::OK);
    assert_eq!(read.json()["status"], "NA");
    for bad in ["onlyEnabled=maybe", "onlyEnabled=", "ids=x", "limit=3"] {
        let reply = client.get(&format!("/integration?{bad}")).await;
        reply.expect(StatusCode::BAD_REQUEST);
        assert!(
            reply.status_keys() == ["invalid_parameter_value"]
                || reply.status_keys() == ["unknown_parameter"],
            "{bad}: {:?}",
            reply.status_keys()
        );
    }
}

#[tokio::test]
async fn v1_list_hides_disabled_integrations_unless_asked() {
    let client = Client::logged_in().await;
    let a = client.create_v1("Integration A", "slack", slack()).await;
    let b = client
        .create_v1(
            "Integration B",
            "pager_duty",
            json!({"integrationKey": "k"}),
        )
        .await;
    let b_id = b["id"].as_str().expect("id");
    let patched = client
        .patch(&format!("{V1}/{b_id}"), json!({"enabled": false}))
        .await;
    patched.expect(StatusCode::OK);
    assert!(patched.body.is_empty(), "PATCH answers no body");

    assert_eq!(names(client.get(V1).await), ["Integration A"]);
    assert_eq!(
        names(client.get(&format!("{V1}?onlyEnabled=true")).await),
        ["Integration A"]
    );
    assert_eq!(
        names(client.get(&format!("{V1}?onlyEnabled=false")).await),
        ["Integration A", "Integration B"]
    );
    // The classic list hides them too (see classic_list_hides_disabled_integrations_unless_asked).
    assert_eq!(
        names(client.get("/integration?onlyEnabled=false").await),
        ["Integration A", "Integration B"]
    );
    // Filters.
    let a_id = a["id"].as_str().expect("id");
    assert_eq!(
        names(
            client
                .get(&format!("{V1}?onlyEnabled=false&ids={a_id},{b_id}"))
                .await
        )
        .len(),
        2
    );
    assert_eq!(
        names(
            client
                .get(&format!("{V1}?onlyEnabled=false&type=pager_duty"))
                .await
        ),
        ["Integration B"]
    );
    assert_eq!(
        names(client.get("/integration?type=slack").await),
        ["Integration A"]
    );
    for bad in ["onlyEnabled=maybe", "type=jira", "ids=nope", "limit=3"] {
        client
            .get(&format!("{V1}?{bad}"))
            .await
            .expect(StatusCode::BAD_REQUEST);
    }
    // Re-enable.
    client
        .patch(&format!("{V1}/{b_id}"), json!({"enabled": true}))
        .await
        .expect(StatusCode::OK);
    assert_eq!(names(client.get(V1).await).len(), 2);
    for bad in [
        json!({}),
        json!({"enabled": "no"}),
        json!({"enabled": true, "name": "x"}),
    ] {
        client
            .patch(&format!("{V1}/{b_id}"), bad)
            .await
            .expect(StatusCode::BAD_REQUEST);
    }
}

#[tokio::test]
async fn v1_create_is_born_enabled_and_refuses_enabled_false() {
    let client = Client::logged_in().await;
    let body = |enabled: bool| {
        json!({"name": "Slack alerts", "integrationType": "slack", "enabled": enabled,
               "integrationConfig": slack()})
    };
    let refused = client.post(V1, body(false)).await;
    refused.expect(StatusCode::BAD_REQUEST);
    assert_eq!(
        refused.violations(),
        [("invalid_parameter_value".into(), "enabled".into())]
    );
    client.post(V1, body(true)).await.expect(StatusCode::OK);
}

#[tokio::test]
async fn the_type_of_an_integration_never_changes() {
    let client = Client::logged_in().await;
    let created = client.create_v1("Slack alerts", "slack", slack()).await;
    let id = created["id"].as_str().expect("id");
    for (path, body) in [
        (
            format!("{V1}/{id}"),
            json!({"name": "Slack alerts", "integrationType": "pager_duty",
                   "integrationConfig": {"integrationKey": "k"}}),
        ),
        (
            format!("/integration/{id}"),
            json!({"name": "Slack alerts", "integrationType": "pager_duty",
                   "integrationConfig": {"integrationKey": "k"}}),
        ),
    ] {
        let reply = client.put(&path, body).await;
        reply.expect(StatusCode::BAD_REQUEST);
        assert!(
            reply
                .status_keys()
                .contains(&"integration_type_not_mutable".to_owned()),
            "{}",
            reply.text()
        );
    }
    // Sending the same type is fine.
    client
        .put(
            &format!("{V1}/{id}"),
            json!({"name": "Slack alerts", "integrationType": "slack", "integrationConfig": {}}),
        )
        .await
        .expect(StatusCode::OK);
}

#[tokio::test]
async fn classic_only_types_are_refused_on_v1_and_okta_idp_is_okta() {
    let client = Client::logged_in().await;
    for (ty, config) in valid_configs() {
        if !matches!(ty, "okta" | "qualys" | "tenable") {
            continue;
        }
        let reply = client
            .post(
                V1,
                json!({"name": "Inbound one", "integrationType": ty, "integrationConfig": config}),
            )
            .await;
        reply.expect(StatusCode::BAD_REQUEST);
        assert_eq!(
            reply.violations(),
            [(
                "integration_type_requires_classic_api".into(),
                "integrationType".into()
            )]
        );
    }
    let id = client
        .create_classic(
            "Okta by alias",
            "okta_idp",
            json!({"domain": "example.okta.com", "apiToken": "t"}),
        )
        .await;
    assert_eq!(
        client.get(&format!("/integration/{id}")).await.json()["integrationType"],
        "OKTA"
    );
    assert_eq!(
        client
            .get("/integration?type=okta_idp")
            .await
            .json()
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    // v1 reads it but will not write it.
    client
        .get(&format!("{V1}/{id}"))
        .await
        .expect(StatusCode::OK);
    client
        .delete(&format!("{V1}/{id}"))
        .await
        .expect(StatusCode::BAD_REQUEST);
    client
        .delete(&format!("/integration/{id}"))
        .await
        .expect(StatusCode::OK);
}

#[tokio::test]
async fn a_wrong_prisma_id_in_a_v1_path_is_forbidden() {
    let client = Client::logged_in().await;
    let reply = client.get("/api/v1/tenant/111111111111/integration").await;
    reply.expect(StatusCode::FORBIDDEN);
    assert_eq!(
        reply.violations(),
        [("invalid_tenant".into(), "prisma_id".into())]
    );
    assert_eq!(reply.json()["status"], "FORBIDDEN");
}

#[tokio::test]
async fn names_are_unique_per_customer_whatever_the_case() {
    let client = Client::logged_in().await;
    client.create_v1("Slack alerts", "slack", slack()).await;
    let reply = client
        .post(
            "/integration",
            json!({"name": "SLACK ALERTS", "integrationType": "pager_duty",
                   "integrationConfig": {"integrationKey": "k"}}),
        )
        .await;
    reply.expect(StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.violations(),
        [("integration_name_already_exists".into(), "name".into())]
    );
    // Renaming onto a taken name is refused too; keeping one's own name is fine.
    let other = client
        .create_v1("Pager alerts", "pager_duty", json!({"integrationKey": "k"}))
        .await;
    let path = format!("{V1}/{}", other["id"].as_str().expect("id"));
    let reply = client
        .put(
            &path,
            json!({"name": "Slack alerts", "integrationConfig": {}}),
        )
        .await;
    assert_eq!(reply.status_keys(), ["integration_name_already_exists"]);
    client
        .put(
            &path,
            json!({"name": "Pager alerts", "integrationConfig": {}}),
        )
        .await
        .expect(StatusCode::OK);
}

#[tokio::test]
async fn only_one_amazon_security_lake_per_customer() {
    let client = Client::logged_in().await;
    let lake = json!({"s3Uri": "s3://lake-bucket/", "region": "us-east-1",
                      "roleArn": ROLE_ARN, "externalId": EXTERNAL_ID});
    let first = client
        .create_v1("Security lake", "aws_sdl", lake.clone())
        .await;
    let second = client
        .post(V1, json!({"name": "Security lake 2", "integrationType": "aws_sdl", "integrationConfig": lake.clone()}))
        .await;
    second.expect(StatusCode::BAD_REQUEST);
    assert_eq!(
        second.violations(),
        [(
            "aws_sdl_integration_already_exists".into(),
            "integrationType".into()
        )]
    );
    // Once the first is gone, another may be created.
    client
        .delete(&format!("{V1}/{}", first["id"].as_str().expect("id")))
        .await
        .expect(StatusCode::OK);
    client.create_v1("Security lake 2", "aws_sdl", lake).await;
}

#[tokio::test]
async fn snowflake_stages_through_an_existing_aws_s3_integration() {
    let client = Client::logged_in().await;
    let (_, s3) = valid_configs()
        .into_iter()
        .find(|(t, _)| *t == "aws_s3")
        .expect("aws_s3");
    let staging = client.create_v1("Staging bucket", "aws_s3", s3).await;
    let staging_id = staging["id"].as_str().expect("id");
    let slack_id = client.create_v1("Slack alerts", "slack", slack()).await["id"].clone();

    for (id, accepted) in [
        ("2f1b4c1e-9a76-4c8e-8f39-8f5a1d2e3b4c", false),
        (slack_id.as_str().expect("id"), false),
        ("not-even-a-uuid", false),
        (staging_id, true),
    ] {
        let reply = client
            .post(
                V1,
                json!({"name": "Snowflake sink", "integrationType": "snowflake",
                       "integrationConfig": snowflake_config(id)}),
            )
            .await;
        if accepted {
            reply.expect(StatusCode::OK);
            assert_eq!(reply.json()["integrationConfig"]["rollUpInterval"], 60);
        } else {
            reply.expect(StatusCode::BAD_REQUEST);
            assert_eq!(
                reply.violations(),
                [(
                    "invalid_staging_integration_id".into(),
                    "integrationConfig.stagingIntegrationId".into()
                )]
            );
        }
    }
    // The staging integration cannot be deleted while the Snowflake one uses it.
    let reply = client.delete(&format!("{V1}/{staging_id}")).await;
    reply.expect(StatusCode::CONFLICT);
    assert_eq!(reply.status_keys(), ["conflict_deleting_integration"]);
}

#[tokio::test]
async fn channels_list_the_v1_types() {
    let client = Client::logged_in().await;
    let channels = client.get(&format!("{V1}/channels")).await;
    channels.expect(StatusCode::OK);
    let types: Vec<String> = channels
        .json()
        .as_array()
        .expect("list")
        .iter()
        .map(|c| c["integrationType"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(types.len(), 14);
    assert!(types.contains(&"slack".to_owned()));
    assert!(!types.contains(&"okta".to_owned()));
}

#[tokio::test]
async fn state_integrations_shows_what_was_sent_including_secrets() {
    let client = Client::logged_in().await;
    client.create_v1("Slack alerts", "slack", slack()).await;
    let stored = client.state.integrations();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0]["integrationConfig"], slack());
    client.state.reset();
    assert!(client.state.integrations().is_empty());
}

#[tokio::test]
async fn an_oversized_body_is_refused_in_the_api_shape() {
    let client = Client::logged_in().await;
    let huge = vec![b' '; 3 * 1024 * 1024];
    let reply = client.send_raw(axum::http::Method::POST, V1, huge).await;
    reply.expect(StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(reply.status_keys(), ["request_body_too_large"]);
}
