//! Building Terraform state from what the API reports, and API requests from planned state.
//!
//! The API never returns secrets (masked or absent), so their state is carried over from what
//! Terraform already holds; write-only values come only from configuration, and only when they
//! must be sent (the catalog's [`SecretsOnUpdate`] says when).

use std::collections::BTreeMap;

use secrecy::SecretString;
use serde_json::{Map, Value as Json};

use crate::api::{Integration, IntegrationRequest, SecretValue};
use crate::catalog::{
    Catalog, Computed, ComputedKind, Field, IntegrationType, Kind, SecretsOnUpdate,
};
use crate::convert::{from_wire, same_json, to_wire};
use crate::schema::{default_value, secret_names};
use tfplugin::value::{Number, Value};

/// Whether `v` says "nothing": an empty string or collection, or — for JSON text — an empty
/// object or list (an API may report unset settings as `{}`).
fn is_empty(field: &Field, v: &Value) -> bool {
    match (&field.kind, v) {
        (Kind::Json, Value::String(s)) => match serde_json::from_str::<Json>(s) {
            Ok(Json::Object(m)) => m.is_empty(),
            Ok(Json::Array(l)) => l.is_empty(),
            Ok(Json::Null) => true,
            _ => s.is_empty(),
        },
        (_, Value::String(s)) => s.is_empty(),
        (_, Value::Map(m) | Value::Object(m)) => m.is_empty(),
        (_, Value::List(l) | Value::Set(l)) => l.is_empty(),
        _ => false,
    }
}

/// A non-secret field's state value from the API's, reconciled with the prior state: an API
/// default fills an absent key; an empty value the user never set stays null; a value equal to
/// the prior one (for JSON text: the same JSON) keeps the prior representation (so no spurious
/// diff).
fn reconcile(field: &Field, api_value: Value, prior: &Value) -> Value {
    let value = match (api_value, field.default()) {
        (Value::Null, Some(d)) => default_value(d),
        (v, _) => v,
    };
    if prior.is_null() && field.default().is_none() && is_empty(field, &value) {
        return Value::Null;
    }
    let same = match (&field.kind, prior, &value) {
        (Kind::Json, Value::String(p), Value::String(v)) => same_json(p, v),
        _ => *prior == value,
    };
    if same { prior.clone() } else { value }
}

/// The value of a computed attribute from the API's JSON (lenient: numbers may come as text).
pub fn computed_value(c: &Computed, json: Option<&Json>) -> Value {
    let Some(json) = json.filter(|j| !j.is_null()) else {
        return Value::Null;
    };
    match (c.kind, json) {
        (ComputedKind::String, Json::String(s)) => Value::string(s.as_str()),
        (ComputedKind::String, Json::Number(n)) => Value::string(n.to_string()),
        (ComputedKind::String, Json::Bool(b)) => Value::string(b.to_string()),
        (ComputedKind::Number, Json::Number(n)) => n
            .as_i64()
            .map(Number::Int)
            .or_else(|| n.as_f64().map(Number::Float))
            .map(Value::Number)
            .unwrap_or(Value::Null),
        (ComputedKind::Number, Json::String(s)) => s
            .trim()
            .parse::<i64>()
            .map(Value::int)
            .unwrap_or(Value::Null),
        (ComputedKind::Bool, Json::Bool(b)) => Value::Bool(*b),
        _ => Value::Null,
    }
}

/// The state attributes of `fields` read from `wire`, secrets carried over from `prior`.
fn fields_from_wire(
    fields: &[Field],
    wire: &Map<String, Json>,
    prior: &Value,
    out: &mut BTreeMap<String, Value>,
) {
    for field in fields {
        if field.secret {
            let n = secret_names(field);
            out.insert(n.plain.clone(), prior.get(&n.plain).clone());
            out.insert(n.version.clone(), prior.get(&n.version).clone());
            out.insert(n.write_only, Value::Null);
        } else {
            let attr = field.attribute();
            let value = reconcile(
                field,
                from_wire(field, wire.get(field.key)),
                prior.get(&attr),
            );
            out.insert(attr, value);
        }
    }
}

/// The resource state for `api`, keeping from `prior` what the API cannot report.
pub fn state_from_api(
    catalog: &Catalog,
    ty: &IntegrationType,
    api: &Integration,
    prior: &Value,
) -> Value {
    let mut out: BTreeMap<String, Value> = BTreeMap::new();
    out.insert("id".into(), Value::string(&api.id));
    fields_from_wire(catalog.frame, &api.attributes, prior, &mut out);
    fields_from_wire(ty.fields, &api.config, prior, &mut out);
    for c in catalog.computed {
        out.insert(c.attribute(), computed_value(c, api.attributes.get(c.key)));
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

/// The secret to send for `field`, if any. `prior` is null on create.
fn secret_to_send(
    policy: SecretsOnUpdate,
    field: &Field,
    planned: &Value,
    config: &Value,
    prior: &Value,
) -> Option<String> {
    let n = secret_names(field);
    let creating = prior.is_null();
    let rotated = creating || planned.get(&n.version) != prior.get(&n.version);
    let plain = planned.get(&n.plain).as_str();
    let write_only = config.get(&n.write_only).as_str();
    let send_plain = match policy {
        SecretsOnUpdate::KeptAndRotated | SecretsOnUpdate::All => true,
        SecretsOnUpdate::Changed => creating || planned.get(&n.plain) != prior.get(&n.plain),
    };
    let send_write_only = match policy {
        SecretsOnUpdate::All => true,
        SecretsOnUpdate::KeptAndRotated | SecretsOnUpdate::Changed => rotated,
    };
    match plain {
        Some(s) => send_plain.then(|| s.to_string()),
        None => write_only.filter(|_| send_write_only).map(str::to_string),
    }
}

/// What to send for the integration in `planned`. `prior` is null on create. Which secrets are
/// sent follows the catalog's [`SecretsOnUpdate`]; a write-only secret comes from `config`, the
/// only place Terraform shows it.
pub fn integration_request(
    catalog: &Catalog,
    ty: &IntegrationType,
    planned: &Value,
    config: &Value,
    prior: &Value,
) -> IntegrationRequest {
    let mut attributes = Map::new();
    for field in catalog.frame {
        if let Some(json) = to_wire(field, planned.get(&field.attribute())) {
            attributes.insert(field.key.to_string(), json);
        }
    }
    let mut wire = Map::new();
    let mut secrets = BTreeMap::new();
    for field in ty.fields {
        if field.secret {
            let policy = catalog.secrets_on_update;
            if let Some(v) = secret_to_send(policy, field, planned, config, prior) {
                let value = SecretValue {
                    text: SecretString::from(v),
                    json: matches!(field.kind, Kind::Json),
                };
                secrets.insert(field.key.to_string(), value);
            }
        } else if let Some(json) = to_wire(field, planned.get(&field.attribute())) {
            wire.insert(field.key.to_string(), json);
        }
    }
    IntegrationRequest {
        integration_type: ty.wire_type.to_string(),
        attributes,
        config: wire,
        secrets,
    }
}

/// Every configured secret value (plain and write-only forms) in `values`, held as secrets, so
/// that error texts can be scrubbed of them.
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
