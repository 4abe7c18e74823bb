//! Values the data source tests build again and again.

use serde_json::Value as Json;

use crate::api::Integration;
use crate::provider::client;
use tfplugin::value::Value;

pub fn obj(pairs: &[(&str, Value)]) -> Value {
    Value::Object(
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
    )
}

pub fn s(v: &str) -> Value {
    Value::string(v)
}

/// An integration as the engine sees it, with status fields set.
pub fn integration(ty: &str, config: Json) -> integration_engine::api::Integration {
    client::integration(api_integration(ty, config))
}

/// An integration as the client reads it, with status fields set.
pub fn api_integration(ty: &str, config: Json) -> Integration {
    Integration {
        id: "4f1c".into(),
        name: "Alerts".into(),
        description: "d".into(),
        enabled: false,
        integration_type: ty.into(),
        config: config.as_object().cloned().unwrap_or_default(),
        created_by: Some("me".into()),
        created_ts: Some(10),
        last_modified_by: None,
        last_modified_ts: Some(20),
        status: Some("GREEN".into()),
        valid: Some(true),
        reason: None,
    }
}
