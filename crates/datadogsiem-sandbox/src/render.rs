//! How a configuration reads: `{"id", "type": "integration_config", "attributes": {...}}`, the
//! id on the item, never the secrets.

use serde_json::{Value, json};

use crate::request::RESOURCE_TYPE;
use crate::store::StoredConfig;

/// The item as every read returns it.
pub fn item(c: &StoredConfig) -> Value {
    json!({
        "id": c.id,
        "type": RESOURCE_TYPE,
        "attributes": {
            "name": c.name,
            "domain": c.domain,
            "integration_type": c.ty.as_str(),
            "enabled": c.enabled,
            "settings": c.settings.clone().unwrap_or_default(),
            "state": c.state.as_str(),
            "created_at": c.created_at,
            "modified_at": c.modified_at,
        }
    })
}

/// `{"data": item}`.
pub fn one(c: &StoredConfig) -> Value {
    json!({ "data": item(c) })
}

/// The item with its secrets in clear text, for tests in-process. Never served over HTTP.
pub fn inspect(c: &StoredConfig) -> Value {
    let mut value = item(c);
    value["attributes"]["secrets"] = Value::Object(c.secrets.clone());
    value
}
