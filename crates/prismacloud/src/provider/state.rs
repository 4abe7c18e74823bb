//! Building Terraform state from what the API reports, and API requests from planned state.
//!
//! The API never returns secrets (masked or absent), so their state is carried over from what
//! Terraform already holds; write-only values come only from configuration, and only when they
//! must be sent.

use std::collections::BTreeMap;

use secrecy::SecretString;

use crate::api::{Integration, IntegrationRequest};
use crate::catalog::{Field, IntegrationType};
use tfplugin::value::Value;

use super::convert::{from_wire, to_wire};
use super::schema::{STATUS_ATTRIBUTES, default_value, secret_names};

fn is_empty(v: &Value) -> bool {
    match v {
        Value::String(s) => s.is_empty(),
        Value::Map(m) | Value::Object(m) => m.is_empty(),
        Value::List(l) | Value::Set(l) => l.is_empty(),
        _ => false,
    }
}

/// A non-secret field's state value from the API's, reconciled with the prior state: an API
/// default fills an absent key; an empty value the user never set stays null; a value equal to
/// the prior one keeps the prior representation (so no spurious diff).
fn reconcile(field: &Field, api_value: Value, prior: &Value) -> Value {
    let value = match (api_value, field.default()) {
        (Value::Null, Some(d)) => default_value(d),
        (v, _) => v,
    };
    if prior.is_null() && field.default().is_none() && is_empty(&value) {
        return Value::Null;
    }
    if *prior == value {
        prior.clone()
    } else {
        value
    }
}

/// The value of the read-only status attribute `name` (see [`STATUS_ATTRIBUTES`]).
pub fn status_value(api: &Integration, name: &str) -> Value {
    let opt_str = |s: &Option<String>| s.as_deref().map(Value::string).unwrap_or(Value::Null);
    let opt_int = |i: Option<i64>| i.map(Value::int).unwrap_or(Value::Null);
    match name {
        "created_by" => opt_str(&api.created_by),
        "created_ts" => opt_int(api.created_ts),
        "last_modified_by" => opt_str(&api.last_modified_by),
        "last_modified_ts" => opt_int(api.last_modified_ts),
        "status" => opt_str(&api.status),
        "valid" => api.valid.map(Value::Bool).unwrap_or(Value::Null),
        "reason" => opt_str(&api.reason),
        _ => Value::Null,
    }
}

/// The resource state for `api`, keeping from `prior` what the API cannot report.
pub fn state_from_api(ty: &IntegrationType, api: &Integration, prior: &Value) -> Value {
    let mut out: BTreeMap<String, Value> = BTreeMap::new();
    out.insert("id".into(), Value::string(&api.id));
    out.insert("name".into(), Value::string(&api.name));
    out.insert("description".into(), Value::string(&api.description));
    out.insert("enabled".into(), Value::Bool(api.enabled));
    for field in ty.fields {
        if field.secret {
            let n = secret_names(field);
            out.insert(n.plain.clone(), prior.get(&n.plain).clone());
            out.insert(n.version.clone(), prior.get(&n.version).clone());
            out.insert(n.write_only, Value::Null);
        } else {
            let attr = field.attribute();
            let value = reconcile(
                field,
                from_wire(field, api.config.get(field.key)),
                prior.get(&attr),
            );
            out.insert(attr, value);
        }
    }
    for (name, _, _) in STATUS_ATTRIBUTES {
        out.insert(name.to_string(), status_value(api, name));
    }
    Value::Object(out)
}

/// Fill every unknown top-level value of `planned` from `actual` (computed values the API
/// assigned); known planned values are kept exactly, as Terraform requires after apply.
pub fn fill_unknowns(planned: &Value, actual: &Value) -> Value {
    let Some(map) = planned.as_object() else {
        return planned.clone();
    };
    Value::Object(
        map.iter()
            .map(|(k, v)| {
                let filled = match v {
                    Value::Unknown => match actual.get(k) {
                        Value::Unknown => Value::Null,
                        other => other.clone(),
                    },
                    other => other.clone(),
                };
                (k.clone(), filled)
            })
            .collect(),
    )
}

/// What to send for the integration in `planned`. `prior` is null on create. A write-only secret
/// is sent on create and when its version changes, never otherwise; a secret kept in state is
/// always sent (the API keeps the stored one when a key is absent).
pub fn integration_request(
    ty: &IntegrationType,
    planned: &Value,
    config: &Value,
    prior: &Value,
) -> IntegrationRequest {
    let mut wire = serde_json::Map::new();
    let mut secrets = BTreeMap::new();
    for field in ty.fields {
        if field.secret {
            let n = secret_names(field);
            let send_write_only =
                prior.is_null() || planned.get(&n.version) != prior.get(&n.version);
            let value = match planned.get(&n.plain) {
                Value::String(s) => Some(s.clone()),
                _ if send_write_only => config.get(&n.write_only).as_str().map(str::to_string),
                _ => None,
            };
            if let Some(v) = value {
                secrets.insert(field.key.to_string(), SecretString::from(v));
            }
        } else if let Some(json) = to_wire(field, planned.get(&field.attribute())) {
            wire.insert(field.key.to_string(), json);
        }
    }
    IntegrationRequest {
        name: planned.get("name").as_str().unwrap_or_default().to_string(),
        description: planned
            .get("description")
            .as_str()
            .unwrap_or_default()
            .to_string(),
        enabled: planned.get("enabled").as_bool().unwrap_or(true),
        integration_type: ty.name.to_string(),
        config: wire,
        secrets,
    }
}

/// Every secret value in `state` and `config`, so error texts can be scrubbed of them.
/// Every configured secret value (plain and write-only forms) in `values`, held as secrets.
pub fn secret_values(ty: &IntegrationType, values: &[&Value]) -> Vec<SecretString> {
    let mut out = Vec::new();
    for field in ty.fields.iter().filter(|f| f.secret) {
        let n = secret_names(field);
        for v in values {
            for name in [&n.plain, &n.write_only] {
                if let Some(s) = v.get(name).as_str().filter(|s| !s.is_empty()) {
                    out.push(SecretString::from(s));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
