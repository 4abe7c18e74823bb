//! Every validation rule, through HTTP: at least one accepted and one rejected config per rule,
//! every violation of a request in one answer, and defaults stored so reads return them.

use crate::support as sandbox_support;

use axum::http::StatusCode;
use sandbox_support::{Client, Reply, V1, snowflake_config, valid_configs};
use serde_json::{Value, json};

fn base(ty: &str) -> Value {
    valid_configs()
        .into_iter()
        .find(|(t, _)| *t == ty)
        .map(|(_, c)| c)
        .unwrap_or_else(|| panic!("no fixture for {ty}"))
}

/// `base(ty)` with `changes` applied: a `null` value removes the key.
fn edit(ty: &str, changes: Value) -> Value {
    let mut config = base(ty);
    if let (Value::Object(config), Value::Object(changes)) = (&mut config, changes) {
        for (key, value) in changes {
            if value.is_null() {
                config.remove(&key);
            } else {
                config.insert(key, value);
            }
        }
    }
    config
}

fn family_path(ty: &str) -> &'static str {
    if matches!(ty, "okta" | "okta_idp" | "qualys" | "tenable") {
        "/integration"
    } else {
        V1
    }
}

async fn attempt(client: &Client, ty: &str, config: Value) -> Reply {
    client
        .post(
            family_path(ty),
            json!({"name": "Validation case", "integrationType": ty, "integrationConfig": config}),
        )
        .await
}

fn region(name: &str) -> Value {
    json!({"name": name, "apiIdentifier": name, "cloudType": "aws", "sdkId": name, "enabled": true})
}

/// (type, config, expected `(i18nKey, subject)` violations; none means accepted)
type Case = (&'static str, Value, Vec<(&'static str, &'static str)>);

const MISSING: &str = "missing_required_parameter";
const INVALID: &str = "invalid_parameter_value";
const UNKNOWN: &str = "unknown_parameter";
const CONFLICT: &str = "conflicting_parameters";

#[tokio::test]
async fn every_type_accepts_its_documented_config() {
    let client = Client::logged_in().await;
    for (ty, config) in valid_configs() {
        let reply = attempt(&client, ty, config).await;
        assert_eq!(reply.status, StatusCode::OK, "{ty}: {}", reply.text());
        client.state.reset();
    }
    let s3 = client
        .create_v1("Staging bucket", "aws_s3", base("aws_s3"))
        .await;
    let reply = attempt(
        &client,
        "snowflake",
        snowflake_config(s3["id"].as_str().expect("id")),
    )
    .await;
    reply.expect(StatusCode::OK);
}

#[tokio::test]
async fn each_rule_rejects_what_it_should_and_accepts_the_rest() {
    let client = Client::logged_in().await;
    let cs = json!({"CS": "[{\"resourceId\":\"${ResourceId}\"}]"});
    let cases: Vec<Case> = vec![
        // Required keys, present and non-empty.
        (
            "slack",
            json!({}),
            vec![(MISSING, "integrationConfig.webhookUrl")],
        ),
        (
            "google_cscc",
            edit("google_cscc", json!({"orgId": ""})),
            vec![(MISSING, "integrationConfig.orgId")],
        ),
        (
            "aws_security_hub",
            edit("aws_security_hub", json!({"accountId": null})),
            vec![(MISSING, "integrationConfig.accountId")],
        ),
        // JSON types.
        (
            "pager_duty",
            json!({"integrationKey": 5}),
            vec![(INVALID, "integrationConfig.integrationKey")],
        ),
        (
            "amazon_sqs",
            edit("amazon_sqs", json!({"moreInfo": "false"})),
            vec![(INVALID, "integrationConfig.moreInfo")],
        ),
        (
            "amazon_sqs",
            edit("amazon_sqs", json!({"moreInfo": true})),
            vec![],
        ),
        // Unknown keys, named.
        (
            "splunk",
            edit("splunk", json!({"index": "main"})),
            vec![(UNKNOWN, "integrationConfig.index")],
        ),
        (
            "aws_security_hub",
            edit("aws_security_hub", json!({"region": [region("us-east-1")]})),
            vec![(UNKNOWN, "integrationConfig.region")],
        ),
        // Enums.
        (
            "demisto",
            edit("demisto", json!({"demistoVersion": "7.0"})),
            vec![(INVALID, "integrationConfig.demistoVersion")],
        ),
        (
            "demisto",
            edit("demisto", json!({"demistoVersion": 6.0})),
            vec![(INVALID, "integrationConfig.demistoVersion")],
        ),
        (
            "aws_s3",
            edit("aws_s3", json!({"rollUpInterval": 45})),
            vec![(INVALID, "integrationConfig.rollUpInterval")],
        ),
        (
            "aws_s3",
            edit("aws_s3", json!({"rollUpInterval": "soon"})),
            vec![(INVALID, "integrationConfig.rollUpInterval")],
        ),
        (
            "aws_s3",
            edit("aws_s3", json!({"rollUpInterval": "30"})),
            vec![],
        ),
        (
            "aws_s3",
            edit("aws_s3", json!({"rollUpInterval": 180})),
            vec![],
        ),
        // Formats.
        (
            "aws_s3",
            edit("aws_s3", json!({"externalId": "external"})),
            vec![(INVALID, "integrationConfig.externalId")],
        ),
        (
            "aws_sdl",
            edit("aws_sdl", json!({"roleArn": "arn:aws:iam::123:role/x"})),
            vec![(INVALID, "integrationConfig.roleArn")],
        ),
        (
            "aws_sdl",
            edit("aws_sdl", json!({"s3Uri": "s3://lake-bucket/folder"})),
            vec![(INVALID, "integrationConfig.s3Uri")],
        ),
        (
            "aws_sdl",
            edit("aws_sdl", json!({"s3Uri": "s3://lake-bucket/folder/"})),
            vec![],
        ),
        (
            "slack",
            json!({"webhookUrl": "https://example.com/hook"}),
            vec![("invalid_slack_webhook_url", "integrationConfig.webhookUrl")],
        ),
        (
            "qualys",
            edit("qualys", json!({"baseUrl": "https://qualysapi.qualys.com"})),
            vec![(INVALID, "integrationConfig.baseUrl")],
        ),
        (
            "splunk",
            edit("splunk", json!({"url": "splunk.example.com"})),
            vec![(INVALID, "integrationConfig.url")],
        ),
        // Addresses: queue URLs are URLs, hosts are hosts, regions are region codes.
        (
            "amazon_sqs",
            edit("amazon_sqs", json!({"queueUrl": "not a url at all"})),
            vec![(INVALID, "integrationConfig.queueUrl")],
        ),
        (
            "azure_service_bus_queue",
            edit(
                "azure_service_bus_queue",
                json!({"queueUrl": "not a url at all"}),
            ),
            vec![(INVALID, "integrationConfig.queueUrl")],
        ),
        (
            "qualys",
            edit("qualys", json!({"baseUrl": "not a url at all"})),
            vec![(INVALID, "integrationConfig.baseUrl")],
        ),
        (
            "okta",
            edit("okta", json!({"domain": "https://example.okta.com"})),
            vec![(INVALID, "integrationConfig.domain")],
        ),
        (
            "okta",
            edit("okta", json!({"domain": "not a url at all"})),
            vec![(INVALID, "integrationConfig.domain")],
        ),
        (
            "service_now",
            edit("service_now", json!({"hostUrl": "not a url at all"})),
            vec![(INVALID, "integrationConfig.hostUrl")],
        ),
        (
            "service_now",
            edit(
                "service_now",
                json!({"hostUrl": "https://dev1.service-now.com"}),
            ),
            vec![],
        ),
        (
            "demisto",
            edit("demisto", json!({"hostUrl": "xsoar host"})),
            vec![(INVALID, "integrationConfig.hostUrl")],
        ),
        (
            "demisto",
            edit("demisto", json!({"hostUrl": "10.0.0.5:8443"})),
            vec![],
        ),
        (
            "aws_s3",
            edit("aws_s3", json!({"region": "us-east-1a"})),
            vec![(INVALID, "integrationConfig.region")],
        ),
        (
            "aws_sdl",
            edit("aws_sdl", json!({"region": "US East (N. Virginia)"})),
            vec![(INVALID, "integrationConfig.region")],
        ),
        // Cortex XSOAR 8.0 needs apiKeyID.
        (
            "demisto",
            edit("demisto", json!({"demistoVersion": "8.0"})),
            vec![(MISSING, "integrationConfig.apiKeyID")],
        ),
        (
            "demisto",
            edit("demisto", json!({"demistoVersion": "8.0", "apiKeyID": "7"})),
            vec![],
        ),
        // Webhook custom payloads.
        (
            "webhook",
            edit("webhook", json!({"isCustomPayloadEnabled": true})),
            vec![(MISSING, "integrationConfig.customPayloads")],
        ),
        (
            "webhook",
            edit(
                "webhook",
                json!({"isCustomPayloadEnabled": true, "customPayloads": cs}),
            ),
            vec![],
        ),
        (
            "webhook",
            edit(
                "webhook",
                json!({"isCustomPayloadEnabled": true, "customPayloads": {"CS": 1}}),
            ),
            vec![(INVALID, "integrationConfig.customPayloads.CS")],
        ),
        (
            "webhook",
            edit("webhook", json!({"authToken": null})),
            vec![(MISSING, "integrationConfig.authToken")],
        ),
        // Amazon SQS credentials: a pair, the other pair, or neither; never both.
        (
            "amazon_sqs",
            edit("amazon_sqs", json!({"accessKey": "AKIA"})),
            vec![(MISSING, "integrationConfig.secretKey")],
        ),
        (
            "amazon_sqs",
            edit(
                "amazon_sqs",
                json!({"externalId": sandbox_support::EXTERNAL_ID}),
            ),
            vec![(MISSING, "integrationConfig.roleArn")],
        ),
        (
            "amazon_sqs",
            edit("amazon_sqs", json!({"accessKey": "AKIA", "secretKey": "s"})),
            vec![],
        ),
        (
            "amazon_sqs",
            edit(
                "amazon_sqs",
                json!({"roleArn": sandbox_support::ROLE_ARN, "externalId": sandbox_support::EXTERNAL_ID}),
            ),
            vec![],
        ),
        (
            "amazon_sqs",
            edit(
                "amazon_sqs",
                json!({"accessKey": "AKIA", "secretKey": "s", "roleArn": sandbox_support::ROLE_ARN, "externalId": sandbox_support::EXTERNAL_ID}),
            ),
            vec![(CONFLICT, "integrationConfig.roleArn")],
        ),
        // Azure Service Bus: exactly one of accountId or connectionString.
        (
            "azure_service_bus_queue",
            edit("azure_service_bus_queue", json!({"accountId": null})),
            vec![(MISSING, "integrationConfig.accountId")],
        ),
        (
            "azure_service_bus_queue",
            edit(
                "azure_service_bus_queue",
                json!({"connectionString": "Endpoint=sb://x/"}),
            ),
            vec![(CONFLICT, "integrationConfig.connectionString")],
        ),
        (
            "azure_service_bus_queue",
            edit(
                "azure_service_bus_queue",
                json!({"accountId": null, "connectionString": "Endpoint=sb://x/"}),
            ),
            vec![],
        ),
        // ServiceNow tables.
        (
            "service_now",
            edit("service_now", json!({"tables": []})),
            vec![(MISSING, "integrationConfig.tables")],
        ),
        (
            "service_now",
            edit(
                "service_now",
                json!({"tables": [{"incident": true, "em_event": false}]}),
            ),
            vec![(INVALID, "integrationConfig.tables[0]")],
        ),
        (
            "service_now",
            edit("service_now", json!({"tables": [{"problem": true}]})),
            vec![(INVALID, "integrationConfig.tables[0].problem")],
        ),
        (
            "service_now",
            edit(
                "service_now",
                json!({"tables": [{"incident": true}, {"incident": false}]}),
            ),
            vec![(INVALID, "integrationConfig.tables[1].incident")],
        ),
        (
            "service_now",
            edit("service_now", json!({"tables": [{"incident": "yes"}]})),
            vec![(INVALID, "integrationConfig.tables[0].incident")],
        ),
        (
            "service_now",
            edit(
                "service_now",
                json!({"tables": [{"incident": false}, {"sn_si_incident": true}, {"em_event": false}]}),
            ),
            vec![],
        ),
        // AWS Security Hub regions.
        (
            "aws_security_hub",
            edit("aws_security_hub", json!({"regions": []})),
            vec![(MISSING, "integrationConfig.regions")],
        ),
        (
            "aws_security_hub",
            edit(
                "aws_security_hub",
                json!({"regions": [{"name": "a", "apiIdentifier": "a", "cloudType": "aws", "enabled": true, "zone": 1}]}),
            ),
            vec![
                (INVALID, "integrationConfig.regions[0].apiIdentifier"),
                (MISSING, "integrationConfig.regions[0].sdkId"),
                (UNKNOWN, "integrationConfig.regions[0].zone"),
            ],
        ),
        (
            "aws_security_hub",
            edit(
                "aws_security_hub",
                json!({"regions": [{"name": "AWS Virginia", "apiIdentifier": "us-east-1a", "cloudType": "azure", "sdkId": "US East", "enabled": true}]}),
            ),
            vec![
                (INVALID, "integrationConfig.regions[0].apiIdentifier"),
                (INVALID, "integrationConfig.regions[0].cloudType"),
                (INVALID, "integrationConfig.regions[0].sdkId"),
            ],
        ),
        (
            "aws_security_hub",
            edit("aws_security_hub", json!({"defaultRegion": "us-east-1"})),
            vec![(INVALID, "integrationConfig.defaultRegion")],
        ),
        (
            "aws_security_hub",
            edit(
                "aws_security_hub",
                json!({"defaultRegion": region("us-east-1"), "regions": [region("us-east-1"), region("eu-west-1")]}),
            ),
            vec![],
        ),
        // Snowflake needs its staging integration (checked in sandbox_crud) and its own keys.
        (
            "snowflake",
            json!({"hostUrl": "h"}),
            vec![
                (MISSING, "integrationConfig.pipename"),
                (MISSING, "integrationConfig.privateKey"),
                (MISSING, "integrationConfig.stagingIntegrationId"),
            ],
        ),
    ];
    for (ty, config, expected) in cases {
        let reply = attempt(&client, ty, config.clone()).await;
        let mut expected: Vec<(String, String)> = expected
            .iter()
            .map(|(k, s)| ((*k).to_owned(), (*s).to_owned()))
            .collect();
        expected.sort();
        if expected.is_empty() {
            assert_eq!(
                reply.status,
                StatusCode::OK,
                "{ty} {config}: {}",
                reply.text()
            );
        } else {
            assert_eq!(
                reply.status,
                StatusCode::BAD_REQUEST,
                "{ty} {config} was accepted"
            );
            assert_eq!(reply.violations(), expected, "{ty} {config}");
        }
        client.state.reset();
    }
}

#[tokio::test]
async fn top_level_rules_cover_name_type_and_description() {
    let client = Client::logged_in().await;
    let slack = base("slack");
    let cases = [
        (json!({"name": "four"}), vec![(INVALID, "name")]),
        (json!({"name": "_underscore"}), vec![(INVALID, "name")]),
        (json!({"name": "x".repeat(101)}), vec![(INVALID, "name")]),
        (json!({"name": "x".repeat(100)}), vec![]),
        (json!({"name": "5 digits first"}), vec![]),
        (json!({"name": null}), vec![(MISSING, "name")]),
        (
            json!({"integrationType": "jira"}),
            vec![("unsupported_integration_type", "integrationType")],
        ),
        (
            json!({"integrationType": null}),
            vec![(MISSING, "integrationType")],
        ),
        (
            json!({"integrationType": "SLACK"}),
            vec![("unsupported_integration_type", "integrationType")],
        ),
        (json!({"description": 3}), vec![(INVALID, "description")]),
        (
            json!({"integrationConfig": "{}"}),
            vec![(INVALID, "integrationConfig")],
        ),
        (
            json!({"id": "2f1b4c1e-9a76-4c8e-8f39-8f5a1d2e3b4c"}),
            vec![(INVALID, "id")],
        ),
        (json!({"id": ""}), vec![]),
        (json!({"status": "GREEN"}), vec![(UNKNOWN, "status")]),
    ];
    for (changes, expected) in cases {
        let mut body = json!({"name": "Top level case", "integrationType": "slack",
                              "integrationConfig": slack});
        if let (Value::Object(body), Value::Object(changes)) = (&mut body, changes.clone()) {
            for (key, value) in changes {
                if value.is_null() {
                    body.remove(&key);
                } else {
                    body.insert(key, value);
                }
            }
        }
        let reply = client.post(V1, body).await;
        let mut expected: Vec<(String, String)> = expected
            .iter()
            .map(|(k, s)| ((*k).to_owned(), (*s).to_owned()))
            .collect();
        expected.sort();
        if expected.is_empty() {
            assert_eq!(reply.status, StatusCode::OK, "{changes}: {}", reply.text());
        } else {
            assert_eq!(reply.violations(), expected, "{changes}");
        }
        client.state.reset();
    }
    for body in ["", "[]", "{not json", "\"string\""] {
        let reply = client
            .send_raw(axum::http::Method::POST, V1, body.as_bytes().to_vec())
            .await;
        reply.expect(StatusCode::BAD_REQUEST);
        assert_eq!(reply.status_keys(), ["invalid_request_body"], "{body:?}");
    }
}

#[tokio::test]
async fn every_violation_comes_in_one_answer_in_both_shapes() {
    let client = Client::logged_in().await;
    let body = json!({"name": "bad", "integrationType": "slack",
                      "integrationConfig": {"channel": "#alerts"}});
    let expected = vec![
        (INVALID.to_owned(), "name".to_owned()),
        (
            MISSING.to_owned(),
            "integrationConfig.webhookUrl".to_owned(),
        ),
        (UNKNOWN.to_owned(), "integrationConfig.channel".to_owned()),
    ];
    let mut expected_sorted = expected.clone();
    expected_sorted.sort();

    let v1 = client.post(V1, body.clone()).await;
    v1.expect(StatusCode::BAD_REQUEST);
    assert_eq!(v1.violations(), expected_sorted);
    let v1_body = v1.json();
    assert_eq!(v1_body["status"], "BAD_REQUEST");
    assert_eq!(v1_body["subErrors"].as_array().map(Vec::len), Some(3));
    assert!(
        v1_body["message"]
            .as_str()
            .is_some_and(|m| m.contains("webhookUrl"))
    );

    let classic = client.post("/integration", body).await;
    classic.expect(StatusCode::BAD_REQUEST);
    assert_eq!(classic.violations(), expected_sorted);
    let list = classic.json();
    let list = list.as_array().expect("classic errors are a list");
    assert_eq!(list.len(), 3);
    assert!(
        list.iter()
            .all(|e| e["severity"] == "error" && e["message"].is_string())
    );
}

#[tokio::test]
async fn defaults_are_stored_so_reads_return_them_and_updates_reapply_them() {
    let client = Client::logged_in().await;
    let defaults = [
        ("aws_s3", "rollUpInterval", json!(60)),
        ("splunk", "sourceType", json!("_json")),
        ("amazon_sqs", "moreInfo", json!(false)),
        ("webhook", "isCustomPayloadEnabled", json!(false)),
    ];
    for (ty, key, value) in defaults {
        let created = client
            .create_v1(&format!("Defaults {ty}"), ty, base(ty))
            .await;
        assert_eq!(created["integrationConfig"][key], value, "{ty}");
        let id = created["id"].as_str().expect("id");
        let classic = client.get(&format!("/integration/{id}")).await.json();
        assert_eq!(classic["integrationConfig"][key], value, "{ty} (classic)");
    }
    // A PUT without the defaulted key stores the default again.
    let created = client
        .create_v1(
            "Custom source",
            "splunk",
            edit("splunk", json!({"sourceType": "custom"})),
        )
        .await;
    assert_eq!(created["integrationConfig"]["sourceType"], "custom");
    let path = format!("{V1}/{}", created["id"].as_str().expect("id"));
    let updated = client
        .put(&path, json!({"name": "Custom source", "integrationConfig": {"url": "https://splunk.example.com/x"}}))
        .await;
    updated.expect(StatusCode::OK);
    assert_eq!(updated.json()["integrationConfig"]["sourceType"], "_json");
    // A numeric-string interval is stored as a number.
    let created = client
        .create_v1(
            "Interval as text",
            "aws_s3",
            edit("aws_s3", json!({"rollUpInterval": "15"})),
        )
        .await;
    assert_eq!(created["integrationConfig"]["rollUpInterval"], json!(15));
}

#[tokio::test]
async fn updates_are_validated_like_creates() {
    let client = Client::logged_in().await;
    let created = client
        .create_v1("Splunk sink", "splunk", base("splunk"))
        .await;
    let path = format!("{V1}/{}", created["id"].as_str().expect("id"));
    let reply = client
        .put(
            &path,
            json!({"name": "Splunk sink", "integrationConfig": {"url": "nope", "index": 1}}),
        )
        .await;
    reply.expect(StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.violations(),
        [
            (INVALID.to_owned(), "integrationConfig.url".to_owned()),
            (UNKNOWN.to_owned(), "integrationConfig.index".to_owned()),
        ]
    );
    // PUT replaces integrationConfig: a required key it omits is missing (secrets excepted).
    let reply = client.put(&path, json!({"integrationConfig": {}})).await;
    assert_eq!(
        reply.violations(),
        [
            (MISSING.to_owned(), "integrationConfig.url".to_owned()),
            (MISSING.to_owned(), "name".to_owned()),
        ]
    );
    let reply = client.put(&path, json!({"name": "Splunk sink"})).await;
    assert_eq!(
        reply.violations(),
        [(MISSING.to_owned(), "integrationConfig".to_owned())]
    );
}
