//! The mapping between Terraform values and an API's JSON, derived from the catalog. Terraform
//! names are the snake_case of the API keys; shapes follow [`Kind`].
//!
//! Reading is lenient (a number sent as a string, a boolean as "true"), because what comes back
//! from an API is not always what its documentation promises; writing is exact. A nested key the
//! API leaves out reads as its default. A secret entry of a [`Kind::Entries`] list is never
//! read nor written with its value: the API masks it, and it travels apart (see
//! [`crate::state::integration_request`]).

use std::collections::BTreeMap;

use serde_json::{Map, Value as Json};

use crate::catalog::{Entries, Field, Kind, snake_case};
use crate::schema::default_value;
use tfplugin::value::{Number, Value};

/// The wire JSON of a field's Terraform value; `None` when the key should be left out.
pub fn to_wire(field: &Field, value: &Value) -> Option<Json> {
    if !value.is_present() {
        return None;
    }
    Some(match (&field.kind, value) {
        (Kind::String, Value::String(s)) => Json::String(s.clone()),
        (Kind::Bool, Value::Bool(b)) => Json::Bool(*b),
        (Kind::Integer, Value::Number(n)) => match n.as_i64() {
            Some(i) => Json::from(i),
            None => Json::from(n.as_f64()),
        },
        (Kind::StringMap, Value::Map(m) | Value::Object(m)) => Json::Object(
            m.iter()
                .filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), Json::String(s.to_string()))))
                .collect(),
        ),
        (Kind::StringSet, v) => Json::Array(
            v.as_elements()?
                .iter()
                .filter_map(|e| e.as_str().map(|s| Json::String(s.to_string())))
                .collect(),
        ),
        (Kind::Json, Value::String(text)) => serde_json::from_str(text).ok()?,
        (Kind::Flags(names), v) => {
            let chosen: Vec<&str> = v.as_elements()?.iter().filter_map(Value::as_str).collect();
            Json::Array(
                names
                    .iter()
                    .map(|n| {
                        let mut entry = Map::new();
                        entry.insert(n.to_string(), Json::Bool(chosen.contains(n)));
                        Json::Object(entry)
                    })
                    .collect(),
            )
        }
        (Kind::Object(fields), v) => object_to_wire(fields, v),
        (Kind::ObjectList(_) | Kind::Entries(_), v) => Json::Array(
            v.as_elements()?
                .iter()
                .map(|e| item_to_wire(&field.kind, e))
                .collect(),
        ),
        _ => return None,
    })
}

/// One object of a list: a secret entry of a [`Kind::Entries`] list goes without its value,
/// which travels as a secret, or not at all.
fn item_to_wire(kind: &Kind, item: &Value) -> Json {
    let mut json = object_to_wire(kind.nested_fields().unwrap_or_default(), item);
    if let (Kind::Entries(entries), Json::Object(m)) = (kind, &mut json)
        && is_secret_entry(entries, item)
    {
        m.remove(entries.value);
    }
    json
}

/// Whether an entry (a Terraform object of a [`Kind::Entries`] list) holds a secret value.
pub fn is_secret_entry(entries: &Entries, entry: &Value) -> bool {
    entry.get(&snake_case(entries.secret_flag)).as_bool() == Some(true)
}

/// The name of an entry (a Terraform object of a [`Kind::Entries`] list), when known.
pub fn entry_name<'a>(entries: &Entries, entry: &'a Value) -> Option<&'a str> {
    entry.get(&snake_case(entries.name)).as_str()
}

/// The (known) names of the secret entries of a [`Kind::Entries`] list, in order.
pub fn secret_entry_names<'a>(entries: &Entries, list: &'a Value) -> Vec<&'a str> {
    let items = list.as_elements().unwrap_or_default();
    items
        .iter()
        .filter(|e| is_secret_entry(entries, e))
        .filter_map(|e| entry_name(entries, e))
        .collect()
}

fn object_to_wire(fields: &[Field], value: &Value) -> Json {
    Json::Object(
        fields
            .iter()
            .filter_map(|f| to_wire(f, value.get(&f.attribute())).map(|j| (f.key.to_string(), j)))
            .collect(),
    )
}

/// The Terraform value of a field from the API's JSON (`None` when the key is absent).
pub fn from_wire(field: &Field, json: Option<&Json>) -> Value {
    let Some(json) = json.filter(|j| !j.is_null()) else {
        return Value::Null;
    };
    match &field.kind {
        Kind::String => match json {
            Json::String(s) => Value::string(s.as_str()),
            Json::Number(n) => Value::string(n.to_string()),
            Json::Bool(b) => Value::string(b.to_string()),
            _ => Value::Null,
        },
        Kind::Bool => match json {
            Json::Bool(b) => Value::Bool(*b),
            Json::String(s) if s.eq_ignore_ascii_case("true") => Value::Bool(true),
            Json::String(s) if s.eq_ignore_ascii_case("false") => Value::Bool(false),
            _ => Value::Null,
        },
        Kind::Integer => match json {
            Json::Number(n) => n
                .as_i64()
                .map(Number::Int)
                .or_else(|| n.as_f64().map(Number::Float))
                .map(Value::Number)
                .unwrap_or(Value::Null),
            Json::String(s) => s
                .trim()
                .parse::<i64>()
                .map(Value::int)
                .unwrap_or(Value::Null),
            _ => Value::Null,
        },
        Kind::StringMap => match json {
            Json::Object(m) => Value::Map(
                m.iter()
                    .map(|(k, v)| {
                        let text = match v {
                            Json::String(s) => s.clone(),
                            other => other.to_string(),
                        };
                        (k.clone(), Value::String(text))
                    })
                    .collect(),
            ),
            _ => Value::Null,
        },
        Kind::StringSet => match json {
            Json::Array(items) => Value::Set(
                items
                    .iter()
                    .filter_map(|i| match i {
                        Json::String(s) => Some(Value::string(s.as_str())),
                        _ => None,
                    })
                    .collect(),
            ),
            _ => Value::Null,
        },
        Kind::Json => Value::String(canonical_json(json)),
        Kind::Flags(names) => {
            let mut chosen: BTreeMap<&str, bool> = BTreeMap::new();
            let mut record = |m: &Map<String, Json>| {
                for (k, v) in m {
                    let on = matches!(v, Json::Bool(true))
                        || v.as_str().is_some_and(|s| s.eq_ignore_ascii_case("true"));
                    if let Some(n) = names.iter().find(|n| **n == k) {
                        *chosen.entry(n).or_default() |= on;
                    }
                }
            };
            match json {
                Json::Array(items) => items
                    .iter()
                    .filter_map(Json::as_object)
                    .for_each(&mut record),
                Json::Object(m) => record(m),
                _ => return Value::Null,
            }
            Value::Set(
                names
                    .iter()
                    .filter(|n| chosen.get(*n).copied().unwrap_or(false))
                    .map(|n| Value::string(*n))
                    .collect(),
            )
        }
        Kind::Object(fields) => match json {
            Json::Object(m) => object_from_wire(fields, m),
            _ => Value::Null,
        },
        Kind::ObjectList(_) | Kind::Entries(_) => match json {
            Json::Array(items) => Value::List(
                items
                    .iter()
                    .map(|i| match i {
                        Json::Object(m) => item_from_wire(&field.kind, m),
                        _ => Value::Null,
                    })
                    .collect(),
            ),
            _ => Value::Null,
        },
    }
}

/// One object of a list: a secret entry of a [`Kind::Entries`] list reads with a null value
/// whatever the API shows (a mask, nothing at all): it is never known from the API.
fn item_from_wire(kind: &Kind, m: &Map<String, Json>) -> Value {
    let mut item = object_from_wire(kind.nested_fields().unwrap_or_default(), m);
    if let Kind::Entries(entries) = kind
        && is_secret_entry(entries, &item)
        && let Value::Object(attributes) = &mut item
    {
        attributes.insert(snake_case(entries.value), Value::Null);
    }
    item
}

/// JSON text with sorted keys and no insignificant whitespace: one text per JSON value.
pub fn canonical_json(json: &Json) -> String {
    // serde_json's maps are sorted (no `preserve_order`), so serializing sorts the keys.
    json.to_string()
}

/// Whether two JSON texts hold the same value (key order and formatting aside); false when
/// either is not JSON.
pub fn same_json(a: &str, b: &str) -> bool {
    match (
        serde_json::from_str::<Json>(a),
        serde_json::from_str::<Json>(b),
    ) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// A nested object; a nested key the API leaves out takes its default, as the API does.
fn object_from_wire(fields: &[Field], m: &Map<String, Json>) -> Value {
    Value::Object(
        fields
            .iter()
            .map(|f| {
                let value = match (from_wire(f, m.get(f.key)), f.default()) {
                    (Value::Null, Some(d)) => default_value(d),
                    (v, _) => v,
                };
                (f.attribute(), value)
            })
            .collect(),
    )
}
