//! Terraform values and types, and their two wire encodings.
//!
//! Terraform sends configuration, plans and state as `DynamicValue`s: MessagePack (or, for raw state
//! in `UpgradeResourceState`, JSON) whose shape is only meaningful with the schema's type at hand.
//! So decoding is type-directed: [`Value::from_msgpack`] takes the [`Type`] the schema declares.
//!
//! A value is known, [`Value::Null`] or [`Value::Unknown`] (not known until apply). Unknown is a
//! MessagePack extension; Terraform uses type 0 and, for refined unknowns, type 12: any extension
//! decodes as unknown, and we always encode type 0.
//!
//! `Debug` of a [`Value`] never prints string contents: a value may hold a secret.

use std::collections::BTreeMap;
use std::fmt;

use rmpv::Value as Mp;

/// A Terraform type (cty's type system, as far as providers see it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Type {
    Bool,
    Number,
    String,
    /// `any`: the value carries its own type on the wire.
    Dynamic,
    List(Box<Type>),
    Set(Box<Type>),
    Map(Box<Type>),
    Object(BTreeMap<String, Type>),
    Tuple(Vec<Type>),
}

/// A Terraform number. Integers stay exact; everything else is a float.
#[derive(Clone, Copy, Debug)]
pub enum Number {
    Int(i64),
    Float(f64),
}

impl Number {
    pub fn as_f64(self) -> f64 {
        match self {
            Number::Int(i) => i as f64,
            Number::Float(f) => f,
        }
    }

    /// The value as an integer, when it is one exactly.
    pub fn as_i64(self) -> Option<i64> {
        match self {
            Number::Int(i) => Some(i),
            Number::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Some(f as i64),
            Number::Float(_) => None,
        }
    }
}

impl PartialEq for Number {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Number::Int(a), Number::Int(b)) => a == b,
            _ => self.as_f64() == other.as_f64(),
        }
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Number::Int(i) => write!(f, "{i}"),
            Number::Float(x) => write!(f, "{x}"),
        }
    }
}

/// A Terraform value. Equality is semantic: sets compare without regard to order, numbers by value.
#[derive(Clone, Default)]
pub enum Value {
    Unknown,
    #[default]
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    List(Vec<Value>),
    Set(Vec<Value>),
    Map(BTreeMap<String, Value>),
    Object(BTreeMap<String, Value>),
    Tuple(Vec<Value>),
}

impl PartialEq for Value {
    fn eq(&self, other: &Self) -> bool {
        use Value::*;
        match (self, other) {
            (Unknown, Unknown) | (Null, Null) => true,
            (Bool(a), Bool(b)) => a == b,
            (Number(a), Number(b)) => a == b,
            (String(a), String(b)) => a == b,
            (List(a), List(b)) | (Tuple(a), Tuple(b)) => a == b,
            (Map(a), Map(b)) | (Object(a), Object(b)) => a == b,
            (Set(a), Set(b)) => {
                // Small sets: a quadratic multiset comparison is simplest and exact.
                let mut used = vec![false; b.len()];
                a.len() == b.len()
                    && a.iter().all(|x| {
                        let found = (0..b.len()).find(|&i| !used[i] && b[i] == *x);
                        found.map(|i| used[i] = true).is_some()
                    })
            }
            _ => false,
        }
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Unknown => f.write_str("Unknown"),
            Value::Null => f.write_str("Null"),
            Value::Bool(b) => write!(f, "Bool({b})"),
            Value::Number(n) => write!(f, "Number({n})"),
            Value::String(s) => write!(f, "String(<{} chars>)", s.chars().count()),
            Value::List(v) => f.debug_tuple("List").field(v).finish(),
            Value::Set(v) => f.debug_tuple("Set").field(v).finish(),
            Value::Tuple(v) => f.debug_tuple("Tuple").field(v).finish(),
            Value::Map(m) => f.debug_tuple("Map").field(m).finish(),
            Value::Object(m) => f.debug_tuple("Object").field(m).finish(),
        }
    }
}

/// Why bytes from Terraform could not be read as a value of the expected type.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    #[error("malformed MessagePack: {0}")]
    MsgPack(String),
    #[error("malformed JSON: {0}")]
    Json(String),
    #[error("at {path}: expected {expected}, found {found}")]
    Mismatch {
        path: String,
        expected: String,
        found: String,
    },
}

impl Value {
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self, Value::Unknown)
    }

    /// Known and not null.
    pub fn is_present(&self) -> bool {
        !self.is_null() && !self.is_unknown()
    }

    /// True when this value or anything inside it is unknown.
    pub fn contains_unknown(&self) -> bool {
        match self {
            Value::Unknown => true,
            Value::List(v) | Value::Set(v) | Value::Tuple(v) => {
                v.iter().any(Value::contains_unknown)
            }
            Value::Map(m) | Value::Object(m) => m.values().any(Value::contains_unknown),
            _ => false,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_number(&self) -> Option<Number> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The attributes of an object (or entries of a map); `None` for anything else.
    pub fn as_object(&self) -> Option<&BTreeMap<String, Value>> {
        match self {
            Value::Object(m) | Value::Map(m) => Some(m),
            _ => None,
        }
    }

    /// Elements of a list, set or tuple.
    pub fn as_elements(&self) -> Option<&[Value]> {
        match self {
            Value::List(v) | Value::Set(v) | Value::Tuple(v) => Some(v),
            _ => None,
        }
    }

    /// An object attribute; `Null` when this is not an object or has no such attribute.
    pub fn get(&self, name: &str) -> &Value {
        self.as_object()
            .and_then(|m| m.get(name))
            .unwrap_or(&Value::Null)
    }

    pub fn string(s: impl Into<String>) -> Value {
        Value::String(s.into())
    }

    pub fn int(i: i64) -> Value {
        Value::Number(Number::Int(i))
    }

    /// A null value of the given type's shape is just `Null`; this builds an object whose
    /// attributes are all null, which is what Terraform expects for an empty nested object.
    pub fn null_object(ty: &Type) -> Value {
        match ty {
            Type::Object(attrs) => {
                Value::Object(attrs.keys().map(|k| (k.clone(), Value::Null)).collect())
            }
            _ => Value::Null,
        }
    }

    /// Decode MessagePack produced by Terraform for a value of type `ty`.
    pub fn from_msgpack(bytes: &[u8], ty: &Type) -> Result<Value, DecodeError> {
        let mut rd = bytes;
        let mp =
            rmpv::decode::read_value(&mut rd).map_err(|e| DecodeError::MsgPack(e.to_string()))?;
        if !rd.is_empty() {
            return Err(DecodeError::MsgPack(format!("{} trailing bytes", rd.len())));
        }
        from_mp(&mp, ty, &mut PathBuf::default())
    }

    /// Encode as MessagePack for a value of type `ty`.
    pub fn to_msgpack(&self, ty: &Type) -> Vec<u8> {
        let mut out = Vec::new();
        // Writing into a Vec cannot fail.
        rmpv::encode::write_value(&mut out, &to_mp(self, ty)).expect("writing to a Vec");
        out
    }

    /// Decode JSON (raw state) for a value of type `ty`. Object attributes the type does not know
    /// are dropped (state written by an older schema); missing ones become null.
    pub fn from_json(bytes: &[u8], ty: &Type) -> Result<Value, DecodeError> {
        let json: serde_json::Value =
            serde_json::from_slice(bytes).map_err(|e| DecodeError::Json(e.to_string()))?;
        from_json_value(&json, ty, &mut PathBuf::default())
    }

    /// The JSON form of a known value (unknowns become null). Used for cty JSON and diagnostics.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match self {
            Value::Unknown | Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Number(Number::Int(i)) => J::from(*i),
            Value::Number(Number::Float(f)) => J::from(*f),
            Value::String(s) => J::String(s.clone()),
            Value::List(v) | Value::Set(v) | Value::Tuple(v) => {
                J::Array(v.iter().map(Value::to_json).collect())
            }
            Value::Map(m) | Value::Object(m) => {
                J::Object(m.iter().map(|(k, v)| (k.clone(), v.to_json())).collect())
            }
        }
    }

    /// The most specific type this value can be described by; used to encode values in dynamic
    /// positions, whose type travels with them.
    pub fn infer_type(&self) -> Type {
        fn elem(v: &[Value]) -> Type {
            v.iter()
                .find(|e| e.is_present())
                .map(Value::infer_type)
                .unwrap_or(Type::Dynamic)
        }
        match self {
            Value::Unknown | Value::Null => Type::Dynamic,
            Value::Bool(_) => Type::Bool,
            Value::Number(_) => Type::Number,
            Value::String(_) => Type::String,
            Value::List(v) => Type::List(Box::new(elem(v))),
            Value::Set(v) => Type::Set(Box::new(elem(v))),
            Value::Tuple(v) => Type::Tuple(v.iter().map(Value::infer_type).collect()),
            Value::Map(m) => {
                let values: Vec<Value> = m.values().cloned().collect();
                Type::Map(Box::new(elem(&values)))
            }
            Value::Object(m) => {
                Type::Object(m.iter().map(|(k, v)| (k.clone(), v.infer_type())).collect())
            }
        }
    }
}

impl Type {
    pub fn list(t: Type) -> Type {
        Type::List(Box::new(t))
    }

    pub fn set(t: Type) -> Type {
        Type::Set(Box::new(t))
    }

    pub fn map(t: Type) -> Type {
        Type::Map(Box::new(t))
    }

    /// cty's JSON encoding of a type, as schemas and dynamic values carry it.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::json;
        match self {
            Type::Bool => json!("bool"),
            Type::Number => json!("number"),
            Type::String => json!("string"),
            Type::Dynamic => json!("dynamic"),
            Type::List(t) => json!(["list", t.to_json()]),
            Type::Set(t) => json!(["set", t.to_json()]),
            Type::Map(t) => json!(["map", t.to_json()]),
            Type::Object(attrs) => {
                let m: serde_json::Map<String, serde_json::Value> = attrs
                    .iter()
                    .map(|(k, t)| (k.clone(), t.to_json()))
                    .collect();
                json!(["object", m])
            }
            Type::Tuple(ts) => json!(["tuple", ts.iter().map(Type::to_json).collect::<Vec<_>>()]),
        }
    }

    /// Parse cty's JSON encoding of a type.
    pub fn from_json(json: &serde_json::Value) -> Result<Type, DecodeError> {
        use serde_json::Value as J;
        let bad = || DecodeError::Json(format!("not a type: {json}"));
        match json {
            J::String(s) => match s.as_str() {
                "bool" => Ok(Type::Bool),
                "number" => Ok(Type::Number),
                "string" => Ok(Type::String),
                "dynamic" => Ok(Type::Dynamic),
                _ => Err(bad()),
            },
            J::Array(parts) => {
                let kind = parts.first().and_then(J::as_str).ok_or_else(bad)?;
                let arg = parts.get(1).ok_or_else(bad)?;
                match kind {
                    "list" => Ok(Type::list(Type::from_json(arg)?)),
                    "set" => Ok(Type::set(Type::from_json(arg)?)),
                    "map" => Ok(Type::map(Type::from_json(arg)?)),
                    "object" => {
                        let attrs = arg.as_object().ok_or_else(bad)?;
                        let mut out = BTreeMap::new();
                        for (k, t) in attrs {
                            out.insert(k.clone(), Type::from_json(t)?);
                        }
                        Ok(Type::Object(out))
                    }
                    "tuple" => {
                        let elems = arg.as_array().ok_or_else(bad)?;
                        Ok(Type::Tuple(
                            elems
                                .iter()
                                .map(Type::from_json)
                                .collect::<Result<_, _>>()?,
                        ))
                    }
                    _ => Err(bad()),
                }
            }
            _ => Err(bad()),
        }
    }

    fn describe(&self) -> String {
        self.to_json().to_string()
    }
}

/// A path inside a value, for error messages.
#[derive(Default)]
struct PathBuf(Vec<String>);

impl PathBuf {
    fn with<T>(&mut self, step: String, f: impl FnOnce(&mut Self) -> T) -> T {
        self.0.push(step);
        let out = f(self);
        self.0.pop();
        out
    }

    fn render(&self) -> String {
        if self.0.is_empty() {
            "the root".to_string()
        } else {
            self.0.concat()
        }
    }

    fn mismatch(&self, expected: &Type, found: &str) -> DecodeError {
        DecodeError::Mismatch {
            path: self.render(),
            expected: expected.describe(),
            found: found.to_string(),
        }
    }
}

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

fn from_mp(mp: &Mp, ty: &Type, path: &mut PathBuf) -> Result<Value, DecodeError> {
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

fn parse_number(s: &str) -> Option<Number> {
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

fn to_mp(value: &Value, ty: &Type) -> Mp {
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

fn from_json_value(
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

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(pairs: &[(&str, Value)]) -> Value {
        Value::Object(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        )
    }

    fn object_type(pairs: &[(&str, Type)]) -> Type {
        Type::Object(
            pairs
                .iter()
                .map(|(k, t)| (k.to_string(), t.clone()))
                .collect(),
        )
    }

    #[test]
    fn round_trips_every_shape() {
        let ty = object_type(&[
            ("s", Type::String),
            ("n", Type::Number),
            ("f", Type::Number),
            ("b", Type::Bool),
            ("l", Type::list(Type::String)),
            ("set", Type::set(Type::Number)),
            ("m", Type::map(Type::Bool)),
            ("t", Type::Tuple(vec![Type::String, Type::Bool])),
            ("o", object_type(&[("x", Type::String)])),
            ("u", Type::String),
            ("z", Type::String),
        ]);
        let value = obj(&[
            ("s", Value::string("hello")),
            ("n", Value::int(-42)),
            ("f", Value::Number(Number::Float(1.5))),
            ("b", Value::Bool(true)),
            ("l", Value::List(vec![Value::string("a"), Value::Unknown])),
            ("set", Value::Set(vec![Value::int(1), Value::int(2)])),
            (
                "m",
                Value::Map([("k".to_string(), Value::Bool(false))].into()),
            ),
            ("t", Value::Tuple(vec![Value::string("x"), Value::Null])),
            ("o", obj(&[("x", Value::string("y"))])),
            ("u", Value::Unknown),
            ("z", Value::Null),
        ]);
        let bytes = value.to_msgpack(&ty);
        assert_eq!(Value::from_msgpack(&bytes, &ty).unwrap(), value);
    }

    #[test]
    fn unknown_is_extension_zero_and_any_extension_decodes_as_unknown() {
        assert_eq!(
            Value::Unknown.to_msgpack(&Type::String),
            vec![0xd4, 0x00, 0x00]
        );
        // A refined unknown (extension 12 carrying a map) is still unknown.
        let refined = [0xc7, 0x03, 0x0c, 0x81, 0x01, 0xc3];
        assert_eq!(
            Value::from_msgpack(&refined, &Type::String).unwrap(),
            Value::Unknown
        );
    }

    #[test]
    fn dynamic_values_carry_their_type() {
        let v = obj(&[
            ("name", Value::string("n")),
            ("tables", Value::Tuple(vec![Value::string("incident")])),
        ]);
        let bytes = v.to_msgpack(&Type::Dynamic);
        assert_eq!(Value::from_msgpack(&bytes, &Type::Dynamic).unwrap(), v);
        assert_eq!(Value::Null.to_msgpack(&Type::Dynamic), vec![0xc0]);
    }

    #[test]
    fn numbers_compare_by_value_and_decode_from_strings() {
        assert_eq!(Value::int(60), Value::Number(Number::Float(60.0)));
        let bytes = rmp_string("123456789012");
        assert_eq!(
            Value::from_msgpack(&bytes, &Type::Number).unwrap(),
            Value::int(123456789012)
        );
    }

    fn rmp_string(s: &str) -> Vec<u8> {
        let mut out = Vec::new();
        rmpv::encode::write_value(&mut out, &Mp::from(s)).unwrap();
        out
    }

    #[test]
    fn type_mismatch_names_the_path() {
        let ty = object_type(&[("tags", Type::list(Type::String))]);
        let v = obj(&[("tags", Value::List(vec![Value::Bool(true)]))]);
        let bytes = v.to_msgpack(&object_type(&[("tags", Type::list(Type::Bool))]));
        let err = Value::from_msgpack(&bytes, &ty).unwrap_err().to_string();
        assert!(err.contains(".tags[0]"), "{err}");
        assert!(err.contains("\"string\""), "{err}");
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(Value::from_msgpack(&[0xa5, b'x'], &Type::String).is_err());
        assert!(Value::from_msgpack(&[0x92, 0x01], &Type::list(Type::Number)).is_err());
        assert!(Value::from_msgpack(&[0xa1, b'x', 0x00], &Type::String).is_err());
    }

    #[test]
    fn json_state_drops_unknown_attributes_and_fills_missing_ones() {
        let ty = object_type(&[
            ("id", Type::String),
            ("enabled", Type::Bool),
            ("n", Type::Number),
        ]);
        let v = Value::from_json(br#"{"id":"abc","removed":1,"n":"7"}"#, &ty).unwrap();
        assert_eq!(
            v,
            obj(&[
                ("id", Value::string("abc")),
                ("enabled", Value::Null),
                ("n", Value::int(7))
            ])
        );
    }

    #[test]
    fn type_json_round_trips() {
        let ty = object_type(&[
            ("a", Type::list(Type::map(Type::Bool))),
            ("d", Type::Dynamic),
        ]);
        assert_eq!(Type::from_json(&ty.to_json()).unwrap(), ty);
        assert_eq!(
            ty.to_json().to_string(),
            r#"["object",{"a":["list",["map","bool"]],"d":"dynamic"}]"#
        );
    }

    #[test]
    fn sets_compare_without_order() {
        let a = Value::Set(vec![Value::string("x"), Value::string("y")]);
        let b = Value::Set(vec![Value::string("y"), Value::string("x")]);
        assert_eq!(a, b);
        assert_ne!(a, Value::Set(vec![Value::string("x"), Value::string("x")]));
        assert_ne!(a, Value::List(vec![Value::string("x"), Value::string("y")]));
    }

    #[test]
    fn debug_never_prints_strings() {
        let v = obj(&[("secret", Value::string("hunter2"))]);
        let text = format!("{v:?}");
        assert!(!text.contains("hunter2"), "{text}");
        assert!(text.contains("<7 chars>"), "{text}");
    }
}
