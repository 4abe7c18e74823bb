use super::prelude::*;
use integration_engine::list::*;

fn integration(name: &str) -> integration_engine::api::Integration {
    let mut i = crate::provider::fixtures::integration("slack", serde_json::json!({}));
    i.attributes.insert("name".into(), serde_json::json!(name));
    i
}

fn filter(name: Option<&str>) -> Value {
    Value::Object(
        [(
            "name".to_string(),
            name.map(Value::string).unwrap_or(Value::Null),
        )]
        .into(),
    )
}

#[test]
fn the_name_filter_is_a_case_insensitive_substring() {
    let i = integration("SecOps alerts (prod)");
    assert!(matches(&filter(Some("secops")), &i));
    assert!(matches(&filter(Some("SecOps alerts (prod)")), &i));
    assert!(matches(&filter(None), &i));
    assert!(!matches(&filter(Some("staging")), &i));
}

#[test]
fn an_empty_filter_is_an_error_naming_the_attribute() {
    let d = validate(&filter(Some("  ")));
    assert!(d.has_errors());
    assert_eq!(
        d.iter().next().unwrap().attribute,
        Some(AttributePath::root("name"))
    );
    assert!(validate(&filter(None)).is_empty());
}
