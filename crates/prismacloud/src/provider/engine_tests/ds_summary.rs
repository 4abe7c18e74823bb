use super::prelude::*;
use serde_json::json;

use crate::provider::fixtures::integration as api;
use integration_engine::data_sources::summary::*;

#[test]
fn config_is_text_and_sorted_json_without_secrets() {
    let sn = api(
        "service_now",
        json!({"hostUrl": "snow.example.com", "login": "svc", "password": "********",
               "tables": [{"incident": true}, {"sn_si_incident": false}, {"em_event": true}]}),
    );
    let config = config_strings(&CATALOG, &sn).unwrap();
    assert_eq!(config.get("host_url"), &Value::string("snow.example.com"));
    assert_eq!(config.get("login"), &Value::string("svc"));
    assert_eq!(config.get("password"), &Value::Null);
    assert_eq!(
        config.get("tables"),
        &Value::string(r#"["incident","em_event"]"#)
    );

    let hub = api(
        "aws_security_hub",
        json!({"accountId": "123", "regions": [{"sdkId": "us-east-1", "name": "Virginia",
               "apiIdentifier": "us-east-1", "cloudType": "aws", "enabled": true}]}),
    );
    assert_eq!(
        config_strings(&CATALOG, &hub).unwrap().get("regions"),
        &Value::string(
            r#"[{"api_identifier":"us-east-1","cloud_type":"aws","enabled":true,"name":"Virginia","sdk_id":"us-east-1"}]"#
        )
    );

    let s3 = api("aws_s3", json!({"rollUpInterval": 30}));
    assert_eq!(
        config_strings(&CATALOG, &s3)
            .unwrap()
            .as_object()
            .unwrap()
            .len(),
        1,
        "absent keys are left out"
    );
    assert_eq!(
        config_strings(&CATALOG, &s3)
            .unwrap()
            .get("roll_up_interval"),
        &Value::string("30")
    );

    let slack = api("slack", json!({"webhookUrl": "**********"}));
    assert_eq!(
        config_strings(&CATALOG, &slack),
        Some(Value::Map(BTreeMap::new()))
    );
    assert_eq!(
        config_strings(&CATALOG, &api("jira", json!({"token": "x"}))),
        None
    );
}

#[test]
fn frame_and_status_values() {
    let i = api("slack", json!({}));
    let v = values(
        &CATALOG,
        &i,
        &["id", "enabled", "status", "reason", "created_ts"],
    );
    assert_eq!(v["id"], Value::string("4f1c"));
    assert_eq!(v["enabled"], Value::Bool(false));
    assert_eq!(v["status"], Value::string("GREEN"));
    assert_eq!(v["reason"], Value::Null);
    assert_eq!(v["created_ts"], Value::int(10));
    for (name, _, _) in crate::provider::data_sources::SPEC.attributes {
        let a = attribute(&sources(), name, Presence::Computed);
        assert!(!a.description.is_empty(), "{name}");
    }
}
