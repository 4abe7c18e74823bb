//! Write-only secrets: masked on v1 reads, absent on classic reads, never in any response;
//! masked values refused on write; omitted secrets kept on update. And immutable keys.

use crate::support as sandbox_support;

use axum::http::StatusCode;
use sandbox_support::{
    Client, EXTERNAL_ID, FIXTURE_SECRETS, ROLE_ARN, Reply, V1, snowflake_config, valid_configs,
};
use serde_json::{Value, json};

const MASK: &str = "**********";

/// Secret keys per type, as the API documentation lists them.
fn secret_keys(ty: &str) -> &'static [&'static str] {
    match ty {
        "slack" => &["webhookUrl"],
        "microsoft_teams" => &["url"],
        "splunk" | "webhook" => &["authToken"],
        "pager_duty" => &["integrationKey"],
        "okta" => &["apiToken"],
        "qualys" | "service_now" => &["password"],
        "demisto" => &["apiKey"],
        "snowflake" => &["privateKey", "passphrase"],
        "tenable" | "amazon_sqs" => &["accessKey", "secretKey"],
        "azure_service_bus_queue" => &["connectionString"],
        _ => &[],
    }
}

fn assert_no_secret(reply: &Reply, context: &str) {
    let mut seen = reply.text();
    for (name, value) in &reply.headers {
        seen.push_str(&format!("\n{name}: {}", value.to_str().unwrap_or_default()));
    }
    for secret in FIXTURE_SECRETS {
        assert!(
            !seen.contains(secret),
            "{context}: a response contains {secret}: {seen}"
        );
    }
}

#[tokio::test]
async fn secrets_are_masked_on_v1_absent_on_classic_and_never_in_a_response() {
    let client = Client::logged_in().await;
    let s3 = client
        .create_v1("Staging bucket", "aws_s3", valid_configs()[2].1.clone())
        .await;
    let mut configs = valid_configs();
    configs.push((
        "snowflake",
        snowflake_config(s3["id"].as_str().expect("id")),
    ));
    // SQS and Azure fixtures carry no secret: give them one.
    for (ty, config) in &mut configs {
        match *ty {
            "amazon_sqs" => {
                config["accessKey"] = json!("tenable-access-key");
                config["secretKey"] = json!("tenable-secret-key");
            }
            "azure_service_bus_queue" => {
                config.as_object_mut().map(|c| c.remove("accountId"));
                config["connectionString"] = json!("Endpoint=sb://x/;webhook-token");
            }
            _ => {}
        }
    }
    for (ty, config) in configs {
        let name = format!("Secrets of {ty}");
        let classic_only = matches!(ty, "okta" | "qualys" | "tenable");
        let base = if classic_only { "/integration" } else { V1 };
        let created = client
            .post(
                base,
                json!({"name": name, "integrationType": ty, "integrationConfig": config}),
            )
            .await;
        created.expect(StatusCode::OK);
        assert_no_secret(&created, ty);
        let id = client.id_by_name(&name).await;

        let v1 = client.get(&format!("{V1}/{id}")).await;
        assert_no_secret(&v1, ty);
        let classic = client.get(&format!("/integration/{id}")).await;
        assert_no_secret(&classic, ty);
        for key in secret_keys(ty) {
            assert_eq!(
                v1.json()["integrationConfig"][key],
                MASK,
                "{ty}.{key} on v1"
            );
            assert!(
                classic.json()["integrationConfig"].get(key).is_none(),
                "{ty}.{key} on classic"
            );
        }
        // What the client sent is really stored.
        let stored = client.state.integrations();
        let stored = stored
            .iter()
            .find(|i| i["id"] == id.as_str())
            .expect("stored");
        for key in secret_keys(ty) {
            assert_eq!(
                stored["integrationConfig"][key], config[key],
                "{ty}.{key} stored"
            );
        }
    }
    for path in ["/integration", &format!("{V1}?onlyEnabled=false")] {
        assert_no_secret(&client.get(path).await, path);
    }
}

#[tokio::test]
async fn error_messages_name_keys_never_values() {
    let client = Client::logged_in().await;
    let reply = client
        .post(
            V1,
            json!({"name": "Leaky", "integrationType": "slack",
                   "integrationConfig": {"webhookUrl": "https://example.com/slack-secret"}}),
        )
        .await;
    reply.expect(StatusCode::BAD_REQUEST);
    assert_no_secret(&reply, "invalid slack url");
    assert!(reply.text().contains("integrationConfig.webhookUrl"));
}

#[tokio::test]
async fn sending_a_masked_value_back_is_refused() {
    let client = Client::logged_in().await;
    let (_, splunk) = valid_configs()
        .into_iter()
        .find(|(t, _)| *t == "splunk")
        .expect("splunk");
    let created = client.create_v1("Splunk sink", "splunk", splunk).await;
    let path = format!("{V1}/{}", created["id"].as_str().expect("id"));
    // Read-modify-write of the whole object, as a naive client would.
    let read = client.get(&path).await.json();
    let body = json!({"name": read["name"], "description": "changed",
                      "integrationConfig": read["integrationConfig"]});
    for target in [
        path.clone(),
        format!("/integration/{}", created["id"].as_str().expect("id")),
    ] {
        let reply = client.put(&target, body.clone()).await;
        reply.expect(StatusCode::BAD_REQUEST);
        assert_eq!(
            reply.violations(),
            [(
                "masked_secret_not_allowed".to_owned(),
                "integrationConfig.authToken".to_owned()
            )]
        );
    }
    // On create too: a masked value is never a real secret.
    let reply = client
        .post(
            V1,
            json!({"name": "Pager", "integrationType": "pager_duty",
                         "integrationConfig": {"integrationKey": "***"}}),
        )
        .await;
    assert_eq!(reply.status_keys(), ["masked_secret_not_allowed"]);
}

#[tokio::test]
async fn an_update_that_omits_a_secret_keeps_it_and_a_new_value_replaces_it() {
    let client = Client::logged_in().await;
    let created = client
        .create_v1(
            "Webhook sink",
            "webhook",
            json!({"url": "https://hooks.example.com/a", "authToken": "first-token"}),
        )
        .await;
    let id = created["id"].as_str().expect("id");
    let stored_token =
        |client: &Client| client.state.integrations()[0]["integrationConfig"]["authToken"].clone();
    client
        .put(
            &format!("{V1}/{id}"),
            json!({"name": "Webhook sink", "integrationConfig": {"url": "https://hooks.example.com/b"}}),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(stored_token(&client), "first-token");
    assert_eq!(
        client.state.integrations()[0]["integrationConfig"]["url"],
        "https://hooks.example.com/b"
    );
    client
        .put(
            &format!("/integration/{id}"),
            json!({"name": "Webhook sink", "integrationType": "webhook",
                   "integrationConfig": {"url": "https://hooks.example.com/b", "authToken": "second-token"}}),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(stored_token(&client), "second-token");
}

#[tokio::test]
async fn immutable_keys_refuse_a_change_but_accept_the_same_value() {
    let client = Client::logged_in().await;
    let snow = client
        .create_v1(
            "ServiceNow tickets",
            "service_now",
            json!({"hostUrl": "dev1.service-now.com", "login": "admin", "password": "p",
                   "tables": [{"incident": true}]}),
        )
        .await;
    let sqs = client
        .create_v1(
            "SQS queue",
            "amazon_sqs",
            json!({"queueUrl": "https://sqs.us-east-1.amazonaws.com/1/a",
                   "roleArn": ROLE_ARN, "externalId": EXTERNAL_ID}),
        )
        .await;
    let bus = client
        .create_v1(
            "Service bus",
            "azure_service_bus_queue",
            json!({"queueUrl": "https://ns.servicebus.windows.net/a",
                   "connectionString": "Endpoint=sb://ns/;key=1"}),
        )
        .await;
    let cases = [
        (
            &snow,
            json!({"hostUrl": "dev2.service-now.com", "login": "admin", "tables": [{"incident": true}]}),
            Some("integrationConfig.hostUrl"),
        ),
        (
            &snow,
            json!({"hostUrl": "dev1.service-now.com", "login": "root", "tables": [{"em_event": true}]}),
            None,
        ),
        (
            &sqs,
            json!({"queueUrl": "https://sqs.us-east-1.amazonaws.com/1/b", "roleArn": ROLE_ARN, "externalId": EXTERNAL_ID}),
            None,
        ),
        (
            &sqs,
            json!({"queueUrl": "https://sqs.us-east-1.amazonaws.com/1/b", "roleArn": "arn:aws:iam::123456789012:role/other", "externalId": EXTERNAL_ID}),
            Some("integrationConfig.roleArn"),
        ),
        (
            &sqs,
            json!({"queueUrl": "https://sqs.us-east-1.amazonaws.com/1/b", "roleArn": ROLE_ARN, "externalId": EXTERNAL_ID, "moreInfo": true}),
            Some("integrationConfig.moreInfo"),
        ),
        (
            &bus,
            json!({"queueUrl": "https://ns.servicebus.windows.net/b"}),
            None,
        ),
        (
            &bus,
            json!({"queueUrl": "https://ns.servicebus.windows.net/b", "connectionString": "Endpoint=sb://ns/;key=2"}),
            Some("integrationConfig.connectionString"),
        ),
        (
            &bus,
            json!({"queueUrl": "https://ns.servicebus.windows.net/b", "connectionString": "Endpoint=sb://ns/;key=1"}),
            None,
        ),
    ];
    for (integration, config, refused) in cases {
        let path = format!("{V1}/{}", integration["id"].as_str().expect("id"));
        let reply = client
            .put(
                &path,
                json!({"name": integration["name"], "integrationConfig": config}),
            )
            .await;
        match refused {
            None => assert_eq!(reply.status, StatusCode::OK, "{config}: {}", reply.text()),
            Some(subject) => {
                reply.expect(StatusCode::BAD_REQUEST);
                assert_eq!(
                    reply.violations(),
                    [(
                        "integration_config_key_not_mutable".to_owned(),
                        subject.to_owned()
                    )],
                    "{config}"
                );
            }
        }
    }
    // name, description and enabled are always mutable.
    let path = format!("{V1}/{}", sqs["id"].as_str().expect("id"));
    let reply = client
        .put(&path, json!({"name": "SQS queue renamed", "description": "d", "enabled": false,
                           "integrationConfig": {"queueUrl": "https://sqs.us-east-1.amazonaws.com/1/b",
                                                 "roleArn": ROLE_ARN, "externalId": EXTERNAL_ID}}))
        .await;
    reply.expect(StatusCode::OK);
    assert_eq!(reply.json()["enabled"], Value::Bool(false));
}
