//! Building Terraform state from what the API reports, and API requests from planned state.
//!
//! The API never returns secrets (masked or absent), so their state is carried over from what
//! Terraform already holds; write-only values come only from configuration, and only when they
//! must be sent (the catalog's [`SecretsOnUpdate`] says when). The same holds for the values of
//! secret entries ([`crate::catalog::Entries`]), whose list itself is read from the API.

use std::collections::BTreeMap;

use secrecy::SecretString;
use serde_json::{Map, Value as Json};

use crate::api::{Integration, IntegrationRequest, SecretValue};
use crate::catalog::{
    Catalog, Computed, ComputedKind, Entries, Field, IntegrationType, Kind, SecretsOnUpdate,
};
use crate::convert::{
    entry_name, from_wire, is_secret_entry, same_json, secret_entry_names, to_wire,
};
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
        if field.holds_secrets() {
            let n = secret_names(field);
            out.insert(n.plain.clone(), prior.get(&n.plain).clone());
            out.insert(n.version.clone(), prior.get(&n.version).clone());
            out.insert(n.write_only, Value::Null);
        }
        if !field.secret {
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

/// The secret values to send for the secret entries of `field` (a [`Kind::Entries`] list in
/// `planned`), by index in the list. A value is sent as [`secret_to_send`] sends a secret, and
/// also whenever the entry is new to the integration (`prior` holds no secret entry of that
/// name: the API has no value to keep). An entry whose value is not sent keeps the stored one.
fn entry_secrets_to_send(
    policy: SecretsOnUpdate,
    field: &Field,
    entries: &Entries,
    planned: &Value,
    config: &Value,
    prior: &Value,
) -> Vec<(usize, String)> {
    let n = secret_names(field);
    let attr = field.attribute();
    let rotated = prior.is_null() || planned.get(&n.version) != prior.get(&n.version);
    let held = secret_entry_names(entries, prior.get(&attr));
    let plain = planned.get(&n.plain);
    let write_only = config.get(&n.write_only);
    let mut out = Vec::new();
    let list = planned.get(&attr).as_elements().unwrap_or_default();
    for (i, entry) in list.iter().enumerate() {
        let Some(name) = entry_name(entries, entry).filter(|_| is_secret_entry(entries, entry))
        else {
            continue;
        };
        let new = !held.iter().any(|h| entries.same_name(h, name));
        let value = match (plain.get(name).as_str(), write_only.get(name).as_str()) {
            (Some(v), _) => {
                let send = match policy {
                    SecretsOnUpdate::KeptAndRotated | SecretsOnUpdate::All => true,
                    SecretsOnUpdate::Changed => {
                        new || prior.get(&n.plain).get(name) != plain.get(name)
                    }
                };
                send.then_some(v)
            }
            (None, Some(v)) => {
                let send = policy == SecretsOnUpdate::All || rotated || new;
                send.then_some(v)
            }
            (None, None) => None,
        };
        if let Some(v) = value {
            out.push((i, v.to_string()));
        }
    }
    out
}

/// What to send for the integration in `planned`. `prior` is null on create. Which secrets are
/// sent follows the catalog's [`SecretsOnUpdate`]; a write-only secret comes from `config`, the
/// only place Terraform shows it. A secret entry's value goes into `secrets` under the JSON
/// pointer of its place in `config` (`/headers/1/value`).
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
    let policy = catalog.secrets_on_update;
    for field in ty.fields {
        if field.secret {
            if let Some(v) = secret_to_send(policy, field, planned, config, prior) {
                let value = SecretValue {
                    text: SecretString::from(v),
                    json: matches!(field.kind, Kind::Json),
                };
                secrets.insert(field.key.to_string(), value);
            }
            continue;
        }
        if let Some(json) = to_wire(field, planned.get(&field.attribute())) {
            wire.insert(field.key.to_string(), json);
        }
        if let Some(entries) = field.entries() {
            for (i, v) in entry_secrets_to_send(policy, field, entries, planned, config, prior) {
                let value = SecretValue {
                    text: SecretString::from(v),
                    json: false,
                };
                secrets.insert(format!("/{}/{i}/{}", field.key, entries.value), value);
            }
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
    for field in ty.fields.iter().filter(|f| f.holds_secrets()) {
        let n = secret_names(field);
        for v in values {
            for name in [&n.plain, &n.write_only] {
                let held = v.get(name);
                // A secret, or a map of them (the values of secret entries).
                let texts: Vec<&Value> = match held.as_object() {
                    Some(m) if field.entries().is_some() => m.values().collect(),
                    _ => vec![held],
                };
                for s in texts.into_iter().filter_map(Value::as_str) {
                    if !s.is_empty() {
                        out.push(SecretString::from(s));
                    }
                }
            }
        }
    }
    out
}
