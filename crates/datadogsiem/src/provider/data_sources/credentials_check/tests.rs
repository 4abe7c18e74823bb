use std::collections::BTreeMap;

use super::*;

fn config(ty: &str, secrets: &[(&str, Value)]) -> Value {
    let map: BTreeMap<String, Value> = secrets
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    Value::Object(BTreeMap::from([
        ("integration_type".into(), Value::string(ty)),
        ("domain".into(), Value::string("example.com")),
        ("secrets".into(), Value::Map(map)),
        ("valid".into(), Value::Null),
        ("message".into(), Value::Null),
    ]))
}

fn problems(config: &Value) -> Vec<(String, String)> {
    validate(config)
        .iter()
        .map(|d| {
            let at = d
                .attribute
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default();
            (at, d.detail.clone())
        })
        .collect()
}

#[test]
fn required_secrets_unknown_keys_and_a_key_file_without_its_keys() {
    assert!(problems(&config("okta", &[("api_token", Value::string("t"))])).is_empty());
    let missing = problems(&config("crowdstrike", &[("client_id", Value::string("c"))]));
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert_eq!(missing[0].0, "secrets[\"client_secret\"]");

    let typo = problems(&config("okta", &[("api_tokn", Value::string("t"))]));
    assert!(
        typo.iter()
            .any(|(_, d)| d.contains("Did you mean \"api_token\"?")),
        "{typo:?}"
    );

    let key_file = r#"{"type":"service_account","private_key":"PRIVATEKEYMATERIAL"}"#;
    let gws = problems(&config(
        "google_workspace",
        &[("service_account_json", Value::string(key_file))],
    ));
    let texts: Vec<&str> = gws.iter().map(|(_, d)| d.as_str()).collect();
    assert_eq!(gws.len(), 2, "{gws:?}");
    assert!(texts[0].contains("\"client_email\"") && texts[1].contains("\"project_id\""));
    assert!(gws.iter().all(|(_, d)| !d.contains("PRIVATEKEYMATERIAL")));

    assert!(problems(&config("entra_id", &[])).is_empty());
    let none = problems(&config("entra_id", &[("api_token", Value::string("t"))]));
    assert!(none[0].1.contains("takes: none"), "{none:?}");
    let unknown_type = problems(&config("octa", &[]));
    assert!(
        unknown_type[0].1.contains("Did you mean \"okta\"?"),
        "{unknown_type:?}"
    );
}

#[test]
fn unknown_values_wait_for_apply() {
    let c = config("okta", &[("api_token", Value::Unknown)]);
    assert!(problems(&c).is_empty());
    assert!(prepare(&c, &mut Diagnostics::new()).is_none());
    let mut whole = c.as_object().unwrap().clone();
    whole.insert("secrets".into(), Value::Unknown);
    assert!(problems(&Value::Object(whole)).is_empty());
}

#[test]
fn json_secrets_are_sent_as_json_by_wire_key() {
    let key_file =
        r#"{"type":"service_account","private_key":"k","client_email":"a@b.c","project_id":"p"}"#;
    let c = config(
        "google_workspace",
        &[("service_account_json", Value::string(key_file))],
    );
    let prepared = prepare(&c, &mut Diagnostics::new()).unwrap();
    assert_eq!(prepared.ty.wire_type, "GOOGLE_WORKSPACE");
    assert!(prepared.secrets["service_account_json"].json);
    assert!(!prepared.secrets.contains_key("admin_email"));
}
