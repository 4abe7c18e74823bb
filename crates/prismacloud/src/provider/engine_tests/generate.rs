use super::prelude::*;
use crate::api::Integration;
use crate::catalog::{self, CATALOG};
use crate::provider::fixtures;
use integration_engine::generate::*;
use integration_engine::state::state_from_api;

fn slack_state(enabled: bool, description: &str) -> Value {
    let api = Integration {
        name: "Alerts to secops".into(),
        description: description.into(),
        enabled,
        ..fixtures::api_integration("slack", serde_json::json!({"webhookUrl": "**********"}))
    };
    let api = crate::provider::client::integration(api);
    state_from_api(
        &CATALOG,
        catalog::find("slack").unwrap(),
        &api,
        &Value::Null,
    )
}

#[test]
fn status_defaults_and_secrets_are_left_out() {
    let ty = catalog::find("slack").unwrap();
    let out = generate(
        &CATALOG,
        ty,
        "prismacloud_integration_slack",
        &slack_state(true, ""),
    );
    let c = &out.config;
    assert_eq!(c.get("name"), &Value::string("Alerts to secops"));
    for gone in [
        "id",
        "created_by",
        "created_ts",
        "description",
        "enabled",
        "webhook_url",
        "webhook_url_wo",
        "webhook_url_wo_version",
    ] {
        assert_eq!(c.get(gone), &Value::Null, "{gone}");
    }
    let warning = out.diagnostics.iter().next().expect("a warning");
    assert!(
        warning
            .detail
            .contains("`webhook_url` (or `webhook_url_wo`)")
    );
    assert!(!out.diagnostics.has_errors());
}

#[test]
fn values_other_than_defaults_stay() {
    let ty = catalog::find("slack").unwrap();
    let out = generate(
        &CATALOG,
        ty,
        "t",
        &slack_state(false, "routed by the platform team"),
    );
    assert_eq!(out.config.get("enabled"), &Value::Bool(false));
    assert_eq!(
        out.config.get("description"),
        &Value::string("routed by the platform team")
    );
}
