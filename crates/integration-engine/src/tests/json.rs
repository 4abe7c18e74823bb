//! JSON text attributes: the same JSON written differently is no change.

use tfplugin::provider::PlanRequest;
use tfplugin::value::Value;

use super::{full, obj};
use crate::api::Integration;
use crate::plan::plan;
use crate::schema::resource_schema;
use crate::state::state_from_api;
use crate::testing::{CATALOG, HOOK};

fn request(prior: Value, config: Value) -> PlanRequest {
    PlanRequest {
        type_name: "demo_sync_hook".into(),
        prior_state: prior,
        proposed_new_state: config.clone(),
        config,
        prior_private: vec![],
        prior_identity: Value::Null,
    }
}

fn state(settings: &str) -> Value {
    full(
        &resource_schema(&CATALOG, &HOOK),
        &[
            ("id", Value::string("id-1")),
            ("name", Value::string("hook one")),
            ("enabled", Value::Bool(true)),
            ("settings", Value::string(settings)),
            ("url", Value::string("https://x")),
            ("timeout_seconds", Value::int(30)),
            ("state", Value::string("valid")),
        ],
    )
}

#[test]
fn reordered_or_reformatted_json_plans_no_change() {
    let prior = state(r#"{"a":1,"b":[true]}"#);
    let mut config = prior.as_object().unwrap().clone();
    config.insert(
        "settings".into(),
        Value::string("{ \"b\": [ true ], \"a\": 1 }"),
    );
    let planned = plan(
        &CATALOG,
        &HOOK,
        &request(prior.clone(), Value::Object(config)),
    );
    assert_eq!(planned.planned_state, prior, "no diff, no unknown status");

    let mut changed = prior.as_object().unwrap().clone();
    changed.insert("settings".into(), Value::string(r#"{"a":2,"b":[true]}"#));
    let planned = plan(
        &CATALOG,
        &HOOK,
        &request(prior.clone(), Value::Object(changed)),
    );
    assert_eq!(
        planned.planned_state.get("settings"),
        &Value::string(r#"{"a":2,"b":[true]}"#)
    );
    assert_eq!(planned.planned_state.get("state"), &Value::Unknown);
}

#[test]
fn state_keeps_the_configured_text_of_equal_json() {
    let prior = obj(&[("settings", Value::string("{ \"b\": 2, \"a\": 1 }"))]);
    let api = Integration {
        id: "id-1".into(),
        integration_type: "HOOK".into(),
        attributes: serde_json::from_value(serde_json::json!({
            "name": "hook one", "settings": {"a": 1, "b": 2}
        }))
        .unwrap(),
        config: Default::default(),
    };
    let state = state_from_api(&CATALOG, &HOOK, &api, &prior);
    assert_eq!(state.get("settings"), prior.get("settings"));

    let other = obj(&[("settings", Value::string(r#"{"a":1}"#))]);
    let drifted = state_from_api(&CATALOG, &HOOK, &api, &other);
    assert_eq!(drifted.get("settings"), &Value::string(r#"{"a":1,"b":2}"#));
    assert_eq!(
        drifted.get("enabled"),
        &Value::Bool(true),
        "the default fills it"
    );
}

#[test]
fn an_empty_json_object_the_user_never_set_stays_null() {
    let api = |settings: serde_json::Value| Integration {
        id: "id-1".into(),
        integration_type: "HOOK".into(),
        attributes: serde_json::from_value(serde_json::json!({
            "name": "hook one", "settings": settings
        }))
        .unwrap(),
        config: Default::default(),
    };
    let unset = obj(&[("settings", Value::Null)]);
    let state = state_from_api(&CATALOG, &HOOK, &api(serde_json::json!({})), &unset);
    assert_eq!(
        state.get("settings"),
        &Value::Null,
        "no diff against no settings"
    );
    let empty = obj(&[("settings", Value::string("{ }"))]);
    let state = state_from_api(&CATALOG, &HOOK, &api(serde_json::json!({})), &empty);
    assert_eq!(
        state.get("settings"),
        &Value::string("{ }"),
        "set to {{}}, kept"
    );
    let state = state_from_api(&CATALOG, &HOOK, &api(serde_json::json!({"a": 1})), &unset);
    assert_eq!(
        state.get("settings"),
        &Value::string(r#"{"a":1}"#),
        "drift shows"
    );
}
