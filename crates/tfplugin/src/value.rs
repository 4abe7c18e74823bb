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
        msgpack::from_mp(&mp, ty, &mut path::PathBuf::default())
    }

    /// Encode as MessagePack for a value of type `ty`.
    pub fn to_msgpack(&self, ty: &Type) -> Vec<u8> {
        let mut out = Vec::new();
        // Writing into a Vec cannot fail.
        rmpv::encode::write_value(&mut out, &msgpack::to_mp(self, ty)).expect("writing to a Vec");
        out
    }

    /// Decode JSON (raw state) for a value of type `ty`. Object attributes the type does not know
    /// are dropped (state written by an older schema); missing ones become null.
    pub fn from_json(bytes: &[u8], ty: &Type) -> Result<Value, DecodeError> {
        let json: serde_json::Value =
            serde_json::from_slice(bytes).map_err(|e| DecodeError::Json(e.to_string()))?;
        json::from_json_value(&json, ty, &mut path::PathBuf::default())
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

    pub(super) fn describe(&self) -> String {
        self.to_json().to_string()
    }
}

mod json;
mod msgpack;
mod path;

#[cfg(test)]
mod tests;
