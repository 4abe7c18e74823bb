use super::prelude::*;
use serde_json::json;

use crate::provider::fixtures::{integration, obj};
use integration_engine::data_sources::lookup;
use tfplugin::value::Type;

fn errors(config: Value) -> Vec<(String, String)> {
    lookup::validate(&sources(), &config)
        .iter()
        .map(|d| {
            (
                d.summary.clone(),
                d.attribute
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn exactly_one_of_id_and_name() {
    assert_eq!(
        errors(obj(&[])),
        [("Missing id or name".to_string(), String::new())]
    );
    assert_eq!(
        errors(obj(&[("id", Value::string("a")), ("name", Value::Unknown)])),
        [("Conflicting id and name".to_string(), "name".to_string())]
    );
    assert!(errors(obj(&[("id", Value::Unknown)])).is_empty());
    assert!(errors(obj(&[("name", Value::string("Alerts"))])).is_empty());
    assert_eq!(
        errors(obj(&[("name", Value::string(" "))])),
        [("Empty name".to_string(), "name".to_string())]
    );
    assert_eq!(
        errors(obj(&[
            ("name", Value::string("Alerts")),
            ("integration_type", Value::string("slak"))
        ])),
        [(
            "Unknown integration type".to_string(),
            "integration_type".to_string()
        )]
    );
}

#[test]
fn schema_offers_lookup_and_reports_config_as_strings() {
    let schema = lookup::schema(&sources());
    let b = &schema.block;
    for name in ["id", "name", "integration_type"] {
        let a = b.attribute(name).unwrap();
        assert_eq!(a.presence, Presence::OptionalComputed, "{name}");
    }
    assert_eq!(
        b.attribute("config").unwrap().value_type(),
        Type::map(Type::String)
    );
    for name in crate::provider::data_sources::SPEC.reported {
        assert_eq!(b.attribute(name).unwrap().presence, Presence::Computed);
    }
}

#[test]
fn an_unknown_type_shows_no_configuration() {
    let mut jira = integration("jira", json!({"token": "t"}));
    jira.id = "i-1".into();
    let mut d = Diagnostics::new();
    let state = lookup::state(&sources(), &jira, &mut d);
    assert_eq!(state.get("config"), &Value::Map(BTreeMap::new()));
    assert_eq!(state.get("integration_type"), &Value::string("jira"));
    assert!(!d.has_errors() && d.0.len() == 1, "{d:?}");
}
