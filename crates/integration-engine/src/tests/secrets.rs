//! Which secrets an update sends, per [`SecretsOnUpdate`].

use secrecy::ExposeSecret;
use tfplugin::value::Value;

use super::obj;
use crate::catalog::{Catalog, SecretsOnUpdate};
use crate::state::integration_request;
use crate::testing::{DEMO, HOOK};

static CHANGED: Catalog = Catalog {
    secrets_on_update: SecretsOnUpdate::Changed,
    ..DEMO
};
static ALL: Catalog = Catalog {
    secrets_on_update: SecretsOnUpdate::All,
    ..DEMO
};
static KEPT: Catalog = Catalog {
    secrets_on_update: SecretsOnUpdate::KeptAndRotated,
    ..DEMO
};

/// The token an update would send under `catalog`'s policy.
fn sent(catalog: &Catalog, prior: &Value, planned: &Value, config: &Value) -> Option<String> {
    integration_request(catalog, &HOOK, planned, config, prior)
        .secrets
        .get("token")
        .map(|s| s.text.expose_secret().to_owned())
}

fn token(plain: Option<&str>, version: Option<i64>) -> Value {
    obj(&[
        ("name", Value::string("hook one")),
        ("token", plain.map(Value::string).unwrap_or(Value::Null)),
        (
            "token_wo_version",
            version.map(Value::int).unwrap_or(Value::Null),
        ),
    ])
}

fn write_only(value: &str) -> Value {
    obj(&[("token_wo", Value::string(value))])
}

#[test]
fn a_plain_secret_is_sent_unless_the_policy_wants_only_changes() {
    let prior = token(Some("t1"), None);
    let same = token(Some("t1"), None);
    let new = token(Some("t2"), None);
    let none = Value::Null;
    assert_eq!(sent(&KEPT, &prior, &same, &none).as_deref(), Some("t1"));
    assert_eq!(sent(&ALL, &prior, &same, &none).as_deref(), Some("t1"));
    assert_eq!(sent(&CHANGED, &prior, &same, &none), None);
    assert_eq!(sent(&CHANGED, &prior, &new, &none).as_deref(), Some("t2"));
    // A create sends it whatever the policy.
    assert_eq!(
        sent(&CHANGED, &Value::Null, &same, &none).as_deref(),
        Some("t1")
    );
}

#[test]
fn a_write_only_secret_is_sent_on_rotation_or_always_for_full_replacement() {
    let prior = token(None, Some(1));
    let same = token(None, Some(1));
    let rotated = token(None, Some(2));
    let config = write_only("w");
    for catalog in [&KEPT, &CHANGED] {
        assert_eq!(sent(catalog, &prior, &same, &config), None);
        assert_eq!(
            sent(catalog, &prior, &rotated, &config).as_deref(),
            Some("w")
        );
        assert_eq!(
            sent(catalog, &Value::Null, &same, &config).as_deref(),
            Some("w")
        );
    }
    assert_eq!(sent(&ALL, &prior, &same, &config).as_deref(), Some("w"));
    assert_eq!(
        sent(&ALL, &prior, &same, &Value::Null),
        None,
        "nothing to send"
    );
}

#[test]
fn json_secrets_go_out_as_json() {
    let planned = obj(&[
        ("name", Value::string("key one")),
        (
            "key_json",
            Value::string(r#"{"client_email":"a@b.c","private_key":"k"}"#),
        ),
    ]);
    let request = integration_request(
        &KEPT,
        &crate::testing::KEYFILE,
        &planned,
        &Value::Null,
        &Value::Null,
    );
    assert_eq!(
        request.secrets["key_json"].expose(),
        serde_json::json!({"client_email": "a@b.c", "private_key": "k"})
    );
    assert_eq!(request.integration_type, "KEYFILE");
    assert_eq!(request.attributes["name"], "key one");
}
