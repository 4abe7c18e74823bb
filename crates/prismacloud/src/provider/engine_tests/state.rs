use super::prelude::*;
use secrecy::ExposeSecret;
use serde_json::json;

use crate::catalog::{self, CATALOG};
use crate::provider::fixtures::{integration as api, obj, s};
use integration_engine::state::*;

#[test]
fn secrets_come_from_prior_state_never_from_the_masked_api_value() {
    let ty = catalog::find("splunk").unwrap();
    let prior = obj(&[
        ("auth_token", s("tok")),
        ("auth_token_wo_version", Value::int(3)),
    ]);
    let found = api(
        "splunk",
        json!({"authToken": "**********", "url": "https://s", "sourceType": "_json"}),
    );
    let state = state_from_api(&CATALOG, ty, &found, &prior);
    assert_eq!(state.get("auth_token"), &s("tok"));
    assert_eq!(state.get("auth_token_wo_version"), &Value::int(3));
    assert_eq!(state.get("auth_token_wo"), &Value::Null);
    assert_eq!(state.get("url"), &s("https://s"));
    assert_eq!(state.get("created_ts"), &Value::int(10));
    assert_eq!(state.get("status"), &s("GREEN"));
    assert_eq!(state.get("reason"), &Value::Null);
    // After import there is no prior: the secret stays null (unknown to us).
    assert_eq!(
        state_from_api(&CATALOG, ty, &found, &Value::Null).get("auth_token"),
        &Value::Null
    );
}

#[test]
fn absent_defaults_are_assumed_and_unset_empty_values_stay_null() {
    let ty = catalog::find("snowflake").unwrap();
    let found = api(
        "snowflake",
        json!({"hostUrl": "h", "pipename": "p", "stagingIntegrationId": "s", "username": ""}),
    );
    let state = state_from_api(&CATALOG, ty, &found, &Value::Null);
    assert_eq!(state.get("roll_up_interval"), &Value::int(60));
    assert_eq!(state.get("username"), &Value::Null);
    // A value the user set and the API changed out of band is drift, and shows.
    let prior = obj(&[("username", s("svc"))]);
    assert_eq!(
        state_from_api(&CATALOG, ty, &found, &prior).get("username"),
        &s("")
    );
}

#[test]
fn write_only_secrets_are_sent_on_create_and_on_version_change_only() {
    let ty = catalog::find("slack").unwrap();
    let planned = obj(&[
        ("name", s("alerts")),
        ("enabled", Value::Bool(false)),
        ("webhook_url_wo_version", Value::int(1)),
    ]);
    let config = obj(&[("webhook_url_wo", s("https://hooks.slack.com/x"))]);
    let create = integration_request(&CATALOG, ty, &planned, &config, &Value::Null);
    assert_eq!(
        create.secrets["webhookUrl"].text.expose_secret(),
        "https://hooks.slack.com/x"
    );
    assert_eq!(create.attributes["enabled"], json!(false));
    assert_eq!(create.integration_type, "slack");

    let prior = obj(&[("id", s("i")), ("webhook_url_wo_version", Value::int(1))]);
    let same = integration_request(&CATALOG, ty, &planned, &config, &prior);
    assert!(
        same.secrets.is_empty(),
        "unchanged version must not resend the secret"
    );

    let bumped = obj(&[
        ("name", s("alerts")),
        ("webhook_url_wo_version", Value::int(2)),
    ]);
    let rotate = integration_request(&CATALOG, ty, &bumped, &config, &prior);
    assert!(rotate.secrets.contains_key("webhookUrl"));
}

#[test]
fn secrets_kept_in_state_are_always_sent_and_never_in_plain_config() {
    let ty = catalog::find("service_now").unwrap();
    let planned = obj(&[
        ("name", s("snow")),
        ("host_url", s("https://x")),
        ("login", s("l")),
        ("password", s("p")),
        ("tables", Value::Set(vec![s("incident")])),
    ]);
    let prior = obj(&[("id", s("i"))]);
    let req = integration_request(&CATALOG, ty, &planned, &Value::Null, &prior);
    assert_eq!(req.secrets["password"].text.expose_secret(), "p");
    assert!(!req.config.contains_key("password"));
    assert_eq!(
        req.config["tables"],
        json!([{"incident": true}, {"sn_si_incident": false}, {"em_event": false}])
    );
}

#[test]
fn fill_unknowns_keeps_known_planned_values() {
    let planned = obj(&[
        ("id", Value::Unknown),
        ("name", s("planned")),
        ("status", Value::Unknown),
    ]);
    let actual = obj(&[
        ("id", s("new")),
        ("name", s("other")),
        ("status", Value::Unknown),
    ]);
    let filled = fill_unknowns(&planned, &actual);
    assert_eq!(
        filled,
        obj(&[
            ("id", s("new")),
            ("name", s("planned")),
            ("status", Value::Null)
        ])
    );
}

#[test]
fn secret_values_collects_both_forms() {
    let ty = catalog::find("tenable").unwrap();
    let v = obj(&[("access_key", s("AK")), ("secret_key_wo", s("SK"))]);
    let found: Vec<String> = secret_values(ty, &[&v])
        .iter()
        .map(|s| secrecy::ExposeSecret::expose_secret(s).to_owned())
        .collect();
    assert_eq!(found, ["AK", "SK"]);
}
