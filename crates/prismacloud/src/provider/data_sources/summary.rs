//! What the lookup (`prismacloud_integration`) and the list (`prismacloud_integrations`) report
//! about one integration: the frame every resource has, the read-only status, and — for the
//! lookup — the non-secret configuration as a map of strings.
//!
//! `config` is a map of strings rather than one JSON string because it reads best in HCL:
//! `data.prismacloud_integration.x.config.host_url` needs no decoding, and the few structured
//! values decode with `jsondecode(...config.tables)`. Keys are the resource's attribute names;
//! structured values are JSON of the resource attribute's shape, with sorted keys. Secrets are
//! left out entirely (the API only ever returns them masked, if at all), and so are keys the
//! catalog does not know, since the provider cannot tell whether they are secret.

use std::collections::BTreeMap;

use crate::api::Integration;
use crate::catalog;
use crate::provider::convert::from_wire;
use crate::provider::schema::{STATUS_ATTRIBUTES, StatusKind};
use crate::provider::state::status_value;
use tfplugin::schema::{Attribute, Presence};
use tfplugin::value::{Type, Value};

/// The frame every integration has, besides the status attributes.
const FRAME: &[(&str, StatusKind, &str)] = &[
    ("id", StatusKind::String, "The integration's ID."),
    ("name", StatusKind::String, "The integration's name."),
    (
        "integration_type",
        StatusKind::String,
        "The integration's type, e.g. `slack` or `service_now`; its resource type is \
         `prismacloud_integration_<integration_type>`.",
    ),
    (
        "description",
        StatusKind::String,
        "The integration's description (empty when it has none).",
    ),
    (
        "enabled",
        StatusKind::Bool,
        "Whether Prisma Cloud sends alerts through the integration.",
    ),
];

/// The attribute `name` (a frame or status attribute) with its type and description.
///
/// # Panics
/// When `name` is neither: the data source schemas name only these (unit-tested).
pub fn attribute(name: &str, presence: Presence) -> Attribute {
    let (_, kind, text) = FRAME
        .iter()
        .chain(STATUS_ATTRIBUTES)
        .find(|(n, _, _)| *n == name)
        .unwrap_or_else(|| panic!("{name} is not a frame or status attribute"));
    Attribute::new(name, kind.value_type(), presence).description(*text)
}

/// The value of the frame or status attribute `name` for `api`.
pub fn value(api: &Integration, name: &str) -> Value {
    match name {
        "id" => Value::string(&api.id),
        "name" => Value::string(&api.name),
        "integration_type" => Value::string(&api.integration_type),
        "description" => Value::string(&api.description),
        "enabled" => Value::Bool(api.enabled),
        _ => status_value(api, name),
    }
}

/// The values of `names` for `api`.
pub fn values(api: &Integration, names: &[&str]) -> BTreeMap<String, Value> {
    names
        .iter()
        .map(|n| (n.to_string(), value(api, n)))
        .collect()
}

/// The `config` attribute's type.
pub fn config_type() -> Type {
    Type::map(Type::String)
}

/// The non-secret configuration of `api` as a map of strings; `None` when its type is not in
/// the catalog (nothing can be shown safely).
pub fn config_strings(api: &Integration) -> Option<Value> {
    let ty = catalog::find(&api.integration_type)?;
    Some(Value::Map(
        ty.fields
            .iter()
            .filter(|f| !f.secret)
            .filter_map(|f| {
                let text = as_text(&from_wire(f, api.config.get(f.key)))?;
                Some((f.attribute(), Value::String(text)))
            })
            .collect(),
    ))
}

/// A scalar as its text, anything structured as JSON (objects keep their sorted keys).
fn as_text(value: &Value) -> Option<String> {
    match value {
        Value::Null | Value::Unknown => None,
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        structured => Some(structured.to_json().to_string()),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::provider::fixtures::integration as api;

    #[test]
    fn config_is_text_and_sorted_json_without_secrets() {
        let sn = api(
            "service_now",
            json!({"hostUrl": "snow.example.com", "login": "svc", "password": "********",
                   "tables": [{"incident": true}, {"sn_si_incident": false}, {"em_event": true}]}),
        );
        let config = config_strings(&sn).unwrap();
        assert_eq!(config.get("host_url"), &Value::string("snow.example.com"));
        assert_eq!(config.get("login"), &Value::string("svc"));
        assert_eq!(config.get("password"), &Value::Null);
        assert_eq!(
            config.get("tables"),
            &Value::string(r#"["incident","em_event"]"#)
        );

        let hub = api(
            "aws_security_hub",
            json!({"accountId": "123", "regions": [{"sdkId": "us-east-1", "name": "Virginia",
                   "apiIdentifier": "us-east-1", "cloudType": "aws", "enabled": true}]}),
        );
        assert_eq!(
            config_strings(&hub).unwrap().get("regions"),
            &Value::string(
                r#"[{"api_identifier":"us-east-1","cloud_type":"aws","enabled":true,"name":"Virginia","sdk_id":"us-east-1"}]"#
            )
        );

        let s3 = api("aws_s3", json!({"rollUpInterval": 30}));
        assert_eq!(
            config_strings(&s3).unwrap().as_object().unwrap().len(),
            1,
            "absent keys are left out"
        );
        assert_eq!(
            config_strings(&s3).unwrap().get("roll_up_interval"),
            &Value::string("30")
        );

        let slack = api("slack", json!({"webhookUrl": "**********"}));
        assert_eq!(config_strings(&slack), Some(Value::Map(BTreeMap::new())));
        assert_eq!(config_strings(&api("jira", json!({"token": "x"}))), None);
    }

    #[test]
    fn frame_and_status_values() {
        let i = api("slack", json!({}));
        let v = values(&i, &["id", "enabled", "status", "reason", "created_ts"]);
        assert_eq!(v["id"], Value::string("4f1c"));
        assert_eq!(v["enabled"], Value::Bool(false));
        assert_eq!(v["status"], Value::string("GREEN"));
        assert_eq!(v["reason"], Value::Null);
        assert_eq!(v["created_ts"], Value::int(10));
        for (name, _, _) in FRAME.iter().chain(STATUS_ATTRIBUTES) {
            let a = attribute(name, Presence::Computed);
            assert!(!a.description.is_empty(), "{name}");
        }
    }
}
