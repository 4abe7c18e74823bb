//! Moving states in the official provider's layout (hand-written, as Plugin SDK v2 stores them:
//! every `integration_config` key present, "" where unused).

use serde_json::{Value as Json, json};

use super::*;

const SLACK_URL: &str = "https://hooks.slack.com/services/T0/B0/moved-secret";

/// An `integration_config` as Plugin SDK v2 stores unused keys (a sample of the official
/// provider's keys: "" for strings, false, 0, null, empty lists).
fn empty_config() -> Map<String, Json> {
    let mut m = Map::new();
    for key in [
        "queue_url",
        "password",
        "webhook_url",
        "url",
        "auth_token",
        "host_url",
    ] {
        m.insert(key.into(), json!(""));
    }
    m.insert("more_info".into(), json!(false));
    m.insert("roll_up_interval".into(), json!(0));
    m.insert("tables".into(), Json::Null);
    m.insert("headers".into(), json!([]));
    m.insert("regions".into(), json!([]));
    m
}

fn official(integration_type: &str, config: &[(&str, Json)]) -> Json {
    let mut ic = empty_config();
    for (k, v) in config {
        ic.insert((*k).into(), v.clone());
    }
    json!({
        "id": "5a1f3c52-0000-4000-8000-000000000001",
        "integration_id": "5a1f3c52-0000-4000-8000-000000000001",
        "name": "Alerts to secops",
        "description": "made with the official provider",
        "integration_type": integration_type,
        "enabled": true,
        "created_by": "someone@example.com",
        "created_ts": 1700000000000_i64,
        "last_modified_by": "someone@example.com",
        "last_modified_ts": 1700000000001_i64,
        "status": "",
        "valid": false,
        "reason": [{"last_updated": 0, "error_type": "", "message": "", "details": []}],
        "integration_config": [ic],
    })
}

fn request(state: Json, target: &str) -> MoveRequest {
    MoveRequest {
        source_provider_address: "registry.terraform.io/paloaltonetworks/prismacloud".into(),
        source_type_name: "prismacloud_integration".into(),
        source_schema_version: 0,
        source_state: state,
        source_private: Vec::new(),
        source_identity: None,
        source_identity_schema_version: 0,
        target_type_name: target.into(),
    }
}

fn slack() -> &'static IntegrationType {
    catalog::find("slack").unwrap()
}

#[test]
fn slack_moves_with_its_secret_and_identity() {
    let state = official("slack", &[("webhook_url", json!(SLACK_URL))]);
    let out = move_state(
        slack(),
        "prismacloud_integration_slack",
        &request(state, "prismacloud_integration_slack"),
    );
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    let s = &out.target_state;
    assert_eq!(
        s.get("id"),
        &Value::string("5a1f3c52-0000-4000-8000-000000000001")
    );
    assert_eq!(s.get("name"), &Value::string("Alerts to secops"));
    assert_eq!(
        s.get("description"),
        &Value::string("made with the official provider")
    );
    assert_eq!(s.get("enabled"), &Value::Bool(true));
    assert_eq!(s.get("webhook_url"), &Value::string(SLACK_URL));
    assert_eq!(s.get("webhook_url_wo"), &Value::Null);
    assert_eq!(s.get("created_ts"), &Value::int(1700000000000));
    assert_eq!(s.get("reason"), &Value::Null);
    assert_eq!(out.target_identity, identity_of(s));
}

#[test]
fn masked_secrets_are_dropped_with_a_warning() {
    let state = official("slack", &[("webhook_url", json!("**********"))]);
    let out = move_state(
        slack(),
        "prismacloud_integration_slack",
        &request(state, "x"),
    );
    assert!(!out.diagnostics.has_errors());
    let w = out.diagnostics.iter().next().expect("a warning");
    assert!(w.detail.contains("webhook_url"), "{}", w.detail);
    assert_eq!(out.target_state.get("webhook_url"), &Value::Null);
}

#[test]
fn webhook_headers_move_as_a_list_and_their_secure_values_when_in_clear() {
    let webhook = catalog::find("webhook").unwrap();
    let state = official(
        "webhook",
        &[
            ("url", json!("https://example.com/hook")),
            ("auth_token", json!("t-1")),
            (
                "headers",
                json!([
                    {"key": "X-Source", "value": "prisma", "secure": false, "read_only": true},
                    {"key": "Authorization", "value": "Bearer in-clear", "secure": true,
                     "read_only": false},
                    {"key": "X-Api-Key", "value": "**********", "secure": true, "read_only": false},
                ]),
            ),
        ],
    );
    let out = move_state(webhook, "t", &request(state, "t"));
    let s = &out.target_state;
    let entry = |key: &str, value: Value, secure: bool, read_only: bool| {
        Value::Object(
            [
                ("key", Value::string(key)),
                ("value", value),
                ("secure", Value::Bool(secure)),
                ("read_only", Value::Bool(read_only)),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
        )
    };
    // The list as it is, no secure value in it (masked or not).
    assert_eq!(
        s.get("headers"),
        &Value::List(vec![
            entry("X-Source", Value::string("prisma"), false, true),
            entry("Authorization", Value::Null, true, false),
            entry("X-Api-Key", Value::Null, true, false),
        ])
    );
    // The value held in clear moves; the masked one is named in the warning.
    assert_eq!(
        s.get("secure_header_values"),
        &Value::Map(
            [(
                "Authorization".to_string(),
                Value::string("Bearer in-clear")
            )]
            .into()
        )
    );
    assert_eq!(s.get("auth_token"), &Value::string("t-1"));
    assert!(!out.diagnostics.has_errors());
    let w = out.diagnostics.iter().next().expect("a warning");
    assert!(
        w.detail.contains("secure_header_values[\"X-Api-Key\"]"),
        "{}",
        w.detail
    );
    assert!(!w.detail.contains("in-clear"), "{}", w.detail);
}

#[test]
fn a_type_mismatch_names_both_types_and_the_right_target() {
    let state = official(
        "webhook",
        &[
            ("url", json!("https://example.com/hook")),
            ("auth_token", json!("t")),
        ],
    );
    let out = move_state(
        slack(),
        "prismacloud_integration_slack",
        &request(state, "x"),
    );
    let d = out.diagnostics.iter().next().expect("an error");
    assert!(out.diagnostics.has_errors());
    assert!(d.summary.contains("\"webhook\""), "{}", d.summary);
    assert!(d.summary.contains("prismacloud_integration_slack"));
    assert!(
        d.detail.contains("prismacloud_integration_webhook"),
        "{}",
        d.detail
    );
    assert!(!d.detail.contains("https://example.com/hook"));
    assert_eq!(out.target_state, Value::Null);
}

#[test]
fn other_sources_are_refused() {
    let mut r = request(official("slack", &[]), "prismacloud_integration_slack");
    r.source_provider_address = "registry.terraform.io/hashicorp/null".into();
    r.source_type_name = "null_resource".into();
    let out = move_state(slack(), "prismacloud_integration_slack", &r);
    assert!(out.diagnostics.has_errors());
    let mirrored = MoveRequest {
        source_provider_address: "mirror.example.com/PaloAltoNetworks/prismacloud".into(),
        ..request(official("slack", &[]), "x")
    };
    let out = move_state(slack(), "prismacloud_integration_slack", &mirrored);
    assert!(!out.diagnostics.has_errors(), "{:?}", out.diagnostics);
}

#[test]
fn keys_spelled_differently_and_nested_blocks_are_matched() {
    let snowflake = catalog::find("snowflake").unwrap();
    let state = official(
        "snowflake",
        &[
            ("host_url", json!("acme.snowflakecomputing.com")),
            ("user_name", json!("PRISMA")),
            ("pipe_name", json!("db.schema.pipe")),
            ("staging_integration_id", json!("s3-id")),
            ("private_key", json!("-----BEGIN PRIVATE KEY-----x")),
            ("pass_phrase", json!("open sesame")),
            ("roll_up_interval", json!(30)),
        ],
    );
    let out = move_state(snowflake, "t", &request(state, "t"));
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    let s = &out.target_state;
    assert_eq!(s.get("username"), &Value::string("PRISMA"));
    assert_eq!(s.get("pipename"), &Value::string("db.schema.pipe"));
    assert_eq!(s.get("passphrase"), &Value::string("open sesame"));
    assert_eq!(s.get("roll_up_interval"), &Value::int(30));

    let service_now = catalog::find("service_now").unwrap();
    let state = official(
        "service_now",
        &[
            ("host_url", json!("acme.service-now.com")),
            ("login", json!("prisma")),
            (
                "tables",
                json!({"incident": true, "sn_si_incident": false, "em_event": true}),
            ),
        ],
    );
    let out = move_state(service_now, "t", &request(state, "t"));
    assert_eq!(
        out.target_state.get("tables"),
        &Value::Set(vec![Value::string("incident"), Value::string("em_event")])
    );
}

#[test]
fn an_unreadable_state_says_what_is_missing() {
    let out = move_state(
        slack(),
        "prismacloud_integration_slack",
        &request(json!({"integration_type": "slack"}), "x"),
    );
    assert!(out.diagnostics.has_errors());
    let d = out.diagnostics.iter().next().unwrap();
    assert!(d.detail.contains("no id"), "{}", d.detail);
}
