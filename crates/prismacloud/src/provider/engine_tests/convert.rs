use super::prelude::*;
use crate::catalog;
use integration_engine::convert::*;
use serde_json::json;

fn field(ty: &str, key: &str) -> &'static Field {
    catalog::find(ty).unwrap().field(key).unwrap()
}

#[test]
fn service_now_tables_are_a_set_of_names_and_flags_on_the_wire() {
    let tables = field("service_now", "tables");
    let chosen = Value::Set(vec![Value::string("em_event"), Value::string("incident")]);
    let wire = to_wire(tables, &chosen).unwrap();
    assert_eq!(
        wire,
        json!([{"incident": true}, {"sn_si_incident": false}, {"em_event": true}])
    );
    assert_eq!(from_wire(tables, Some(&wire)), chosen);
    assert_eq!(
        from_wire(tables, Some(&json!([{"incident": false}]))),
        Value::Set(vec![])
    );
}

#[test]
fn security_hub_regions_map_nested_keys() {
    let regions = field("aws_security_hub", "regions");
    let region = Value::Object(
        [
            ("name", Value::string("AWS Virginia")),
            ("api_identifier", Value::string("us-east-1")),
            ("cloud_type", Value::string("aws")),
            ("sdk_id", Value::string("us-east-1")),
            ("enabled", Value::Bool(true)),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect(),
    );
    let list = Value::List(vec![region]);
    let wire = to_wire(regions, &list).unwrap();
    assert_eq!(
        wire,
        json!([{"name": "AWS Virginia", "apiIdentifier": "us-east-1", "cloudType": "aws",
                "sdkId": "us-east-1", "enabled": true}])
    );
    assert_eq!(from_wire(regions, Some(&wire)), list);
}

#[test]
fn hcl_literals_tuples_and_objects_map_like_lists_and_maps() {
    // A dynamic value (the test data source's `config`) arrives as HCL wrote it: a list
    // literal is a tuple, a map literal an object.
    let tables = field("service_now", "tables");
    let tuple = Value::Tuple(vec![Value::string("incident")]);
    assert_eq!(
        to_wire(tables, &tuple),
        Some(json!([{"incident": true}, {"sn_si_incident": false}, {"em_event": false}]))
    );
    let payloads = field("webhook", "customPayloads");
    let object = Value::Object([("CS".to_string(), Value::string("[{}]"))].into());
    assert_eq!(to_wire(payloads, &object), Some(json!({"CS": "[{}]"})));
    let regions = field("aws_security_hub", "regions");
    let region = Value::Map(
        [("name", "Virginia"), ("sdk_id", "us-east-1")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), Value::string(v)))
            .collect(),
    );
    assert_eq!(
        to_wire(regions, &Value::Tuple(vec![region])),
        Some(json!([{"name": "Virginia", "sdkId": "us-east-1"}]))
    );
}

#[test]
fn reading_is_lenient_writing_is_exact() {
    let interval = field("aws_s3", "rollUpInterval");
    assert_eq!(from_wire(interval, Some(&json!("30"))), Value::int(30));
    assert_eq!(to_wire(interval, &Value::int(30)), Some(json!(30)));
    let payloads = field("webhook", "customPayloads");
    let v = from_wire(payloads, Some(&json!({"CS": "[{}]"})));
    assert_eq!(to_wire(payloads, &v), Some(json!({"CS": "[{}]"})));
    assert_eq!(to_wire(interval, &Value::Unknown), None);
    assert_eq!(to_wire(interval, &Value::Null), None);
    assert_eq!(from_wire(interval, None), Value::Null);
}
