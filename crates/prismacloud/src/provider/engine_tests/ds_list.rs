use super::prelude::*;
use integration_engine::data_sources::list;

#[test]
fn filter_is_a_known_type() {
    let config = |t: Value| Value::Object(BTreeMap::from([("integration_type".to_string(), t)]));
    assert!(list::validate(&sources(), &config(Value::Null)).is_empty());
    assert!(list::validate(&sources(), &config(Value::Unknown)).is_empty());
    assert!(list::validate(&sources(), &config(Value::string("pager_duty"))).is_empty());
    let d = list::validate(&sources(), &config(Value::string("pagerduty")));
    assert!(d.has_errors());
    assert!(
        d.0[0].detail.contains("Did you mean \"pager_duty\"?"),
        "{}",
        d.0[0].detail
    );
}

#[test]
fn each_listed_integration_has_frame_and_status() {
    let schema = list::schema(&sources());
    let ty = schema.block.attribute("integrations").unwrap().value_type();
    let Type::List(elem) = ty else {
        panic!("integrations is a list: {ty:?}")
    };
    let Type::Object(attrs) = *elem else {
        panic!("of objects")
    };
    let mut names: Vec<&str> = attrs.keys().map(String::as_str).collect();
    let mut expected = crate::provider::data_sources::SPEC.listed.to_vec();
    names.sort_unstable();
    expected.sort_unstable();
    assert_eq!(names, expected);
}
