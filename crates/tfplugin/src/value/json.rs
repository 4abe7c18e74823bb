//! The JSON encoding of values, as raw state carries it, decoded against a type.

use std::collections::BTreeMap;

use super::msgpack::parse_number;
use super::path::PathBuf;
use super::{DecodeError, Number, Type, Value};

fn json_kind(j: &serde_json::Value) -> &'static str {
    use serde_json::Value as J;
    match j {
        J::Null => "null",
        J::Bool(_) => "bool",
        J::Number(_) => "number",
        J::String(_) => "string",
        J::Array(_) => "array",
        J::Object(_) => "object",
    }
}

pub(super) fn from_json_value(
    j: &serde_json::Value,
    ty: &Type,
    path: &mut PathBuf,
) -> Result<Value, DecodeError> {
    use serde_json::Value as J;
    if j.is_null() {
        return Ok(Value::Null);
    }
    let mismatch = |path: &PathBuf| path.mismatch(ty, json_kind(j));
    match ty {
        Type::Bool => j.as_bool().map(Value::Bool).ok_or_else(|| mismatch(path)),
        Type::String => j.as_str().map(Value::string).ok_or_else(|| mismatch(path)),
        Type::Number => match j {
            J::Number(n) => n
                .as_i64()
                .map(Number::Int)
                .or_else(|| n.as_f64().map(Number::Float))
                .map(Value::Number)
                .ok_or_else(|| mismatch(path)),
            J::String(s) => parse_number(s)
                .map(Value::Number)
                .ok_or_else(|| mismatch(path)),
            _ => Err(mismatch(path)),
        },
        Type::Dynamic => {
            // State JSON stores dynamic values as {"value": ..., "type": ...}.
            let obj = j.as_object().ok_or_else(|| mismatch(path))?;
            let inner = Type::from_json(obj.get("type").ok_or_else(|| mismatch(path))?)?;
            from_json_value(obj.get("value").unwrap_or(&J::Null), &inner, path)
        }
        Type::List(elem) | Type::Set(elem) => {
            let items = j.as_array().ok_or_else(|| mismatch(path))?;
            let values = items
                .iter()
                .enumerate()
                .map(|(i, item)| path.with(format!("[{i}]"), |p| from_json_value(item, elem, p)))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(if matches!(ty, Type::Set(_)) {
                Value::Set(values)
            } else {
                Value::List(values)
            })
        }
        Type::Tuple(elems) => {
            let items = j
                .as_array()
                .filter(|a| a.len() == elems.len())
                .ok_or_else(|| mismatch(path))?;
            let values = items
                .iter()
                .zip(elems)
                .enumerate()
                .map(|(i, (item, t))| path.with(format!("[{i}]"), |p| from_json_value(item, t, p)))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Value::Tuple(values))
        }
        Type::Map(elem) => {
            let entries = j.as_object().ok_or_else(|| mismatch(path))?;
            let mut out = BTreeMap::new();
            for (k, v) in entries {
                out.insert(
                    k.clone(),
                    path.with(format!("[{k:?}]"), |p| from_json_value(v, elem, p))?,
                );
            }
            Ok(Value::Map(out))
        }
        Type::Object(attrs) => {
            let entries = j.as_object().ok_or_else(|| mismatch(path))?;
            let mut out = BTreeMap::new();
            for (k, t) in attrs {
                let v = match entries.get(k) {
                    Some(v) => path.with(format!(".{k}"), |p| from_json_value(v, t, p))?,
                    None => Value::Null,
                };
                out.insert(k.clone(), v);
            }
            Ok(Value::Object(out))
        }
    }
}
