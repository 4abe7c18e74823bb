use super::prelude::*;
use crate::catalog::{self, CATALOG};
use integration_engine::schema::*;

#[test]
fn slack_has_the_documented_attributes() {
    let schema = resource_schema(&CATALOG, catalog::find("slack").unwrap());
    let names: Vec<&str> = schema
        .block
        .attributes
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "id",
            "name",
            "description",
            "enabled",
            "webhook_url",
            "webhook_url_wo",
            "webhook_url_wo_version",
            "created_by",
            "created_ts",
            "last_modified_by",
            "last_modified_ts",
            "status",
            "valid",
            "reason"
        ]
    );
    let url = schema.block.attribute("webhook_url").unwrap();
    assert!(url.sensitive && !url.write_only && url.presence == Presence::Optional);
    let wo = schema.block.attribute("webhook_url_wo").unwrap();
    assert!(wo.sensitive && wo.write_only);
}

#[test]
fn every_attribute_is_described_and_defaults_are_computed() {
    for ty in catalog::ALL {
        let schema = resource_schema(&CATALOG, ty);
        for a in &schema.block.attributes {
            assert!(!a.description.is_empty(), "{}.{}", ty.name, a.name);
        }
        for f in ty.fields.iter().filter(|f| f.default().is_some()) {
            let a = schema.block.attribute(&f.attribute()).unwrap();
            assert_eq!(
                a.presence,
                Presence::OptionalComputed,
                "{}.{}",
                ty.name,
                f.key
            );
        }
    }
}

#[test]
fn shapes_users_expect() {
    let sn = resource_schema(&CATALOG, catalog::find("service_now").unwrap());
    assert_eq!(
        sn.block.attribute("tables").unwrap().value_type(),
        Type::set(Type::String)
    );
    let hub = resource_schema(&CATALOG, catalog::find("aws_security_hub").unwrap());
    let regions = hub.block.attribute("regions").unwrap().value_type();
    assert_eq!(
        regions.to_json().to_string(),
        r#"["list",["object",{"api_identifier":"string","cloud_type":"string","enabled":"bool","name":"string","sdk_id":"string"}]]"#
    );
    let wh = resource_schema(&CATALOG, catalog::find("webhook").unwrap());
    assert_eq!(
        wh.block.attribute("custom_payloads").unwrap().value_type(),
        Type::map(Type::String)
    );
}
