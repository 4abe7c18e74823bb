use super::prelude::*;
use integration_engine::identity::*;

fn import(id: &str, identity: Value) -> ImportRequest {
    ImportRequest {
        type_name: "prismacloud_integration_slack".into(),
        id: id.into(),
        identity,
    }
}

#[test]
fn identity_follows_the_state_id() {
    let state = Value::Object([("id".to_string(), Value::string("abc"))].into());
    assert_eq!(identity_of(&state).get("id"), &Value::string("abc"));
    assert_eq!(identity_of(&Value::Null), Value::Null);
    let planned = Value::Object([("id".to_string(), Value::Unknown)].into());
    assert_eq!(identity_of(&planned), Value::Null);
    assert_eq!(
        identity_schema(CATALOG.identity_description)
            .value_type()
            .to_json()
            .to_string(),
        r#"["object",{"id":"string"}]"#
    );
}

#[test]
fn import_takes_the_id_or_the_identity() {
    let by_identity = Value::Object([("id".to_string(), Value::string(" u-1 "))].into());
    assert_eq!(import_id(&import("", by_identity)).unwrap(), "u-1");
    assert_eq!(import_id(&import("u-2", Value::Null)).unwrap(), "u-2");
    let err = import_id(&import(" ", Value::Null)).unwrap_err();
    assert!(err.iter().any(|d| d.detail.contains("identity = { id")));
}

#[test]
fn only_version_zero_identities_upgrade() {
    let ok = upgrade(UpgradeIdentityRequest {
        type_name: "t".into(),
        version: 0,
        raw_identity: serde_json::json!({"id": "x"}),
    });
    assert_eq!(ok.upgraded_identity.get("id"), &Value::string("x"));
    let newer = upgrade(UpgradeIdentityRequest {
        type_name: "t".into(),
        version: 3,
        raw_identity: serde_json::json!({"id": "x"}),
    });
    assert!(newer.diagnostics.has_errors());
}
