//! Shaping the test data source's `config` into the types the resource's attributes have.
//!
//! `config` is dynamic: Terraform passes it as written (objects, tuples, numbers written as
//! strings), without the conversions it performs for a resource's typed attributes. This module
//! performs those conversions itself, per the resource schema, so that validation and the JSON
//! mapping then see exactly what a resource would. Keys are the resource's attribute names,
//! secrets in their plain form; unknown keys and write-only forms are errors naming
//! `config.<key>`, with a suggestion. Values are never quoted (they may be secrets). A value
//! that cannot be converted becomes unknown, so that validation does not report it again.

use std::collections::BTreeMap;

use crate::catalog::{CATALOG, IntegrationType};
use integration_engine::schema::{field_type, secret_names, secret_type};
use tfplugin::diag::{AttributePath, Diagnostics};
use tfplugin::value::{Number, Type, Value};

use integration_engine::data_sources::arguments::did_you_mean;

/// `config` as a resource-shaped object: each key converted to its attribute's type.
pub fn config_object(
    ty: &IntegrationType,
    config: &Value,
    base: &AttributePath,
    diags: &mut Diagnostics,
) -> Value {
    let Some(entries) = config.as_object() else {
        if config.is_present() {
            diags.attribute_error(
                base.clone(),
                format!("Invalid {base}"),
                format!(
                    "{base} must be an object of the {} attributes of {}, for example \
                     {{ {} = ... }}; got {}.",
                    ty.title,
                    resource_name(ty),
                    accepted(ty)
                        .first()
                        .map(|(n, _)| n.as_str())
                        .unwrap_or("key"),
                    kind(config)
                ),
            );
        }
        return Value::Unknown;
    };
    let accepted = accepted(ty);
    let mut out = BTreeMap::new();
    for (key, value) in entries {
        let path = base.clone().attr(key);
        match accepted.iter().find(|(name, _)| name == key) {
            Some((_, ty)) => {
                out.insert(key.clone(), convert(value, ty, &path, diags));
            }
            None => reject_key(ty, key, &accepted, &path, diags),
        }
    }
    Value::Object(out)
}

fn resource_name(ty: &IntegrationType) -> String {
    CATALOG.resource_name(ty)
}

/// The keys `config` takes, with their types: every configuration attribute, secrets in their
/// plain form (the secret values of a list of entries too).
fn accepted(ty: &IntegrationType) -> Vec<(String, Type)> {
    let mut keys: Vec<(String, Type)> = ty
        .fields
        .iter()
        .map(|f| (f.attribute(), field_type(f)))
        .collect();
    for f in ty.fields.iter().filter(|f| f.entries().is_some()) {
        keys.push((secret_names(f).plain, secret_type(f)));
    }
    keys
}

fn reject_key(
    ty: &IntegrationType,
    key: &str,
    accepted: &[(String, Type)],
    path: &AttributePath,
    diags: &mut Diagnostics,
) {
    let write_only = ty
        .fields
        .iter()
        .filter(|f| f.holds_secrets())
        .find_map(|f| {
            let n = secret_names(f);
            (key == n.write_only || key == n.version).then_some(n.plain)
        });
    if let Some(plain) = write_only {
        diags.attribute_error(
            path.clone(),
            format!("Write-only form in {path}"),
            format!(
                "config takes secrets in their plain form: set {plain} instead of {key}. The \
                 test data source keeps no secret in state (its secret keys are stored as null), \
                 so it needs no write-only form."
            ),
        );
        return;
    }
    let names: Vec<&str> = accepted.iter().map(|(n, _)| n.as_str()).collect();
    let detail = if ["name", "description", "enabled"].contains(&key) {
        format!(
            "config holds the integration's configuration only ({}); {key} is not part of what \
             is tested.",
            names.join(", ")
        )
    } else {
        format!(
            "{} has no attribute {key:?}.{} config takes the configuration attributes of {}: {}.",
            resource_name(ty),
            did_you_mean(key, names.iter().copied()),
            resource_name(ty),
            names.join(", ")
        )
    };
    diags.attribute_error(path.clone(), format!("Unsupported key {path}"), detail);
}

/// `value` converted to `ty` as Terraform converts configuration values.
fn convert(value: &Value, ty: &Type, path: &AttributePath, diags: &mut Diagnostics) -> Value {
    let converted = match (ty, value) {
        (_, Value::Unknown) => Some(Value::Unknown),
        (_, Value::Null) => Some(Value::Null),
        (Type::Dynamic, v) => Some(v.clone()),
        (Type::String, Value::String(_)) => Some(value.clone()),
        (Type::String, Value::Number(n)) => Some(Value::string(n.to_string())),
        (Type::String, Value::Bool(b)) => Some(Value::string(b.to_string())),
        (Type::Number, Value::Number(_)) => Some(value.clone()),
        (Type::Number, Value::String(s)) => parse_number(s).map(Value::Number),
        (Type::Bool, Value::Bool(_)) => Some(value.clone()),
        (Type::Bool, Value::String(s)) => match s.as_str() {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => None,
        },
        (Type::List(elem) | Type::Set(elem), v) => v.as_elements().map(|items| {
            let items = items
                .iter()
                .enumerate()
                .map(|(i, item)| convert(item, elem, &path.clone().index(i), diags))
                .collect();
            if matches!(ty, Type::Set(_)) {
                Value::Set(items)
            } else {
                Value::List(items)
            }
        }),
        (Type::Map(elem), v) => v.as_object().map(|entries| {
            Value::Map(
                entries
                    .iter()
                    .map(|(k, item)| {
                        let at = step(path, v, k);
                        (k.clone(), convert(item, elem, &at, diags))
                    })
                    .collect(),
            )
        }),
        (Type::Object(attrs), v) => v.as_object().map(|entries| {
            let mut out: BTreeMap<String, Value> =
                attrs.keys().map(|k| (k.clone(), Value::Null)).collect();
            for (k, item) in entries {
                let at = step(path, v, k);
                match attrs.get(k) {
                    Some(t) => {
                        out.insert(k.clone(), convert(item, t, &at, diags));
                    }
                    None => diags.attribute_error(
                        at.clone(),
                        format!("Unsupported key {at}"),
                        format!(
                            "{path} has no key {k:?}.{} Its keys are: {}.",
                            did_you_mean(k, attrs.keys().map(String::as_str)),
                            attrs.keys().cloned().collect::<Vec<_>>().join(", ")
                        ),
                    ),
                }
            }
            Value::Object(out)
        }),
        _ => None,
    };
    converted.unwrap_or_else(|| {
        diags.attribute_error(
            path.clone(),
            format!("Invalid {path}"),
            format!("{path} must be {}; got {}.", describe(ty), kind(value)),
        );
        Value::Unknown
    })
}

/// The path step to an entry of `container`: an attribute of an object, a key of a map.
fn step(path: &AttributePath, container: &Value, key: &str) -> AttributePath {
    match container {
        Value::Map(_) => path.clone().key(key),
        _ => path.clone().attr(key),
    }
}

fn parse_number(s: &str) -> Option<Number> {
    let s = s.trim();
    s.parse::<i64>().map(Number::Int).ok().or_else(|| {
        s.parse::<f64>()
            .ok()
            .filter(|f| f.is_finite())
            .map(Number::Float)
    })
}

/// What a type expects, for messages.
fn describe(ty: &Type) -> String {
    match ty {
        Type::String => "a string".into(),
        Type::Number => "a number".into(),
        Type::Bool => "true or false".into(),
        Type::Dynamic => "a value".into(),
        Type::List(e) | Type::Set(e) => format!("a list of {}", plural(e)),
        Type::Tuple(_) => "a list".into(),
        Type::Map(e) => format!("an object of {}", plural(e)),
        Type::Object(attrs) => format!(
            "an object with keys {}",
            attrs.keys().cloned().collect::<Vec<_>>().join(", ")
        ),
    }
}

fn plural(ty: &Type) -> &'static str {
    match ty {
        Type::String => "strings",
        Type::Number => "numbers",
        Type::Bool => "booleans",
        Type::Object(_) | Type::Map(_) => "objects",
        _ => "values",
    }
}

/// What a value is, without quoting it.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Unknown => "an unknown value",
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::List(_) | Value::Tuple(_) => "a list",
        Value::Set(_) => "a set",
        Value::Map(_) | Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests;
