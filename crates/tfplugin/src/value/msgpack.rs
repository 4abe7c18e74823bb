//! The MessagePack encoding of values (cty's msgpack), decoded against a type.

use std::collections::BTreeMap;

use rmpv::Value as Mp;

use super::path::PathBuf;
use super::{DecodeError, Number, Type, Value};

fn mp_kind(mp: &Mp) -> &'static str {
    match mp {
        Mp::Nil => "nil",
        Mp::Boolean(_) => "bool",
        Mp::Integer(_) | Mp::F32(_) | Mp::F64(_) => "number",
        Mp::String(_) => "string",
        Mp::Binary(_) => "binary",
        Mp::Array(_) => "array",
        Mp::Map(_) => "map",
        Mp::Ext(..) => "extension",
    }
}

pub(super) fn from_mp(mp: &Mp, ty: &Type, path: &mut PathBuf) -> Result<Value, DecodeError> {
    match mp {
        Mp::Ext(..) => return Ok(Value::Unknown),
        Mp::Nil => return Ok(Value::Null),
        _ => {}
    }
    let mismatch = |path: &PathBuf| path.mismatch(ty, mp_kind(mp));
    match ty {
        Type::Bool => mp.as_bool().map(Value::Bool).ok_or_else(|| mismatch(path)),
        Type::String => match mp {
            Mp::String(s) => s.as_str().map(Value::string).ok_or_else(|| mismatch(path)),
            _ => Err(mismatch(path)),
        },
        Type::Number => match mp {
            Mp::Integer(i) => Ok(Value::Number(match (i.as_i64(), i.as_u64()) {
                (Some(v), _) => Number::Int(v),
                (None, Some(v)) => Number::Float(v as f64),
                (None, None) => return Err(mismatch(path)),
            })),
            Mp::F32(f) => Ok(Value::Number(Number::Float(f64::from(*f)))),
            Mp::F64(f) => Ok(Value::Number(Number::Float(*f))),
            Mp::String(s) => s
                .as_str()
                .and_then(parse_number)
                .map(Value::Number)
                .ok_or_else(|| mismatch(path)),
            _ => Err(mismatch(path)),
        },
        Type::Dynamic => {
            // A dynamic value travels as [type JSON, value].
            let parts = mp
                .as_array()
                .filter(|a| a.len() == 2)
                .ok_or_else(|| mismatch(path))?;
            let type_json = match &parts[0] {
                Mp::Binary(b) => serde_json::from_slice(b),
                Mp::String(s) => serde_json::from_slice(s.as_bytes()),
                _ => return Err(mismatch(path)),
            }
            .map_err(|e| DecodeError::Json(e.to_string()))?;
            let inner = Type::from_json(&type_json)?;
            from_mp(&parts[1], &inner, path)
        }
        Type::List(elem) | Type::Set(elem) => {
            let items = mp.as_array().ok_or_else(|| mismatch(path))?;
            let values = items
                .iter()
                .enumerate()
                .map(|(i, item)| path.with(format!("[{i}]"), |p| from_mp(item, elem, p)))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(if matches!(ty, Type::Set(_)) {
                Value::Set(values)
            } else {
                Value::List(values)
            })
        }
        Type::Tuple(elems) => {
            let items = mp
                .as_array()
                .filter(|a| a.len() == elems.len())
                .ok_or_else(|| mismatch(path))?;
            let values = items
                .iter()
                .zip(elems)
                .enumerate()
                .map(|(i, (item, t))| path.with(format!("[{i}]"), |p| from_mp(item, t, p)))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Value::Tuple(values))
        }
        Type::Map(elem) => {
            let entries = mp.as_map().ok_or_else(|| mismatch(path))?;
            let mut out = BTreeMap::new();
            for (k, v) in entries {
                let key = k.as_str().ok_or_else(|| mismatch(path))?.to_string();
                let value = path.with(format!("[{key:?}]"), |p| from_mp(v, elem, p))?;
                out.insert(key, value);
            }
            Ok(Value::Map(out))
        }
        Type::Object(attrs) => {
            let entries = mp.as_map().ok_or_else(|| mismatch(path))?;
            let mut out: BTreeMap<String, Value> =
                attrs.keys().map(|k| (k.clone(), Value::Null)).collect();
            for (k, v) in entries {
                let key = k.as_str().ok_or_else(|| mismatch(path))?;
                if let Some(t) = attrs.get(key) {
                    let value = path.with(format!(".{key}"), |p| from_mp(v, t, p))?;
                    out.insert(key.to_string(), value);
                }
            }
            Ok(Value::Object(out))
        }
    }
}

pub(super) fn parse_number(s: &str) -> Option<Number> {
    if let Ok(i) = s.parse::<i64>() {
        return Some(Number::Int(i));
    }
    s.parse::<f64>()
        .ok()
        .filter(|f| f.is_finite())
        .map(Number::Float)
}

/// The unknown value marker: extension type 0 with one zero byte, as Terraform writes it.
fn unknown_mp() -> Mp {
    Mp::Ext(0, vec![0])
}

pub(super) fn to_mp(value: &Value, ty: &Type) -> Mp {
    match value {
        Value::Unknown => return unknown_mp(),
        Value::Null => return Mp::Nil,
        _ => {}
    }
    if let Type::Dynamic = ty {
        let inner = value.infer_type();
        let type_json = inner.to_json().to_string().into_bytes();
        return Mp::Array(vec![Mp::Binary(type_json), to_mp(value, &inner)]);
    }
    match value {
        Value::Unknown | Value::Null => unreachable!("handled above"),
        Value::Bool(b) => Mp::Boolean(*b),
        Value::Number(Number::Int(i)) => Mp::from(*i),
        Value::Number(Number::Float(f)) => {
            if f.fract() == 0.0 && f.abs() < 9.0e15 {
                Mp::from(*f as i64)
            } else {
                Mp::F64(*f)
            }
        }
        Value::String(s) => Mp::from(s.as_str()),
        Value::List(items) | Value::Set(items) => {
            let elem = match ty {
                Type::List(t) | Type::Set(t) => t.as_ref().clone(),
                _ => Type::Dynamic,
            };
            Mp::Array(items.iter().map(|v| to_mp(v, &elem)).collect())
        }
        Value::Tuple(items) => {
            let types: Vec<Type> = match ty {
                Type::Tuple(ts) => ts.clone(),
                _ => items.iter().map(Value::infer_type).collect(),
            };
            Mp::Array(
                items
                    .iter()
                    .zip(types.iter())
                    .map(|(v, t)| to_mp(v, t))
                    .collect(),
            )
        }
        Value::Map(m) => {
            let elem = match ty {
                Type::Map(t) => t.as_ref().clone(),
                _ => Type::Dynamic,
            };
            Mp::Map(
                m.iter()
                    .map(|(k, v)| (Mp::from(k.as_str()), to_mp(v, &elem)))
                    .collect(),
            )
        }
        Value::Object(m) => match ty {
            // Every attribute of the type is written, in the type's (sorted) order.
            Type::Object(attrs) => Mp::Map(
                attrs
                    .iter()
                    .map(|(k, t)| {
                        (
                            Mp::from(k.as_str()),
                            to_mp(m.get(k).unwrap_or(&Value::Null), t),
                        )
                    })
                    .collect(),
            ),
            _ => Mp::Map(
                m.iter()
                    .map(|(k, v)| (Mp::from(k.as_str()), to_mp(v, &v.infer_type())))
                    .collect(),
            ),
        },
    }
}
