//! Webhook `headers`: HTTP headers Prisma Cloud adds to every webhook call, a list of
//! `{key, value, secure, readOnly}` (the shape the official Go client sends, all four fields).
//!
//! A `secure` header's value is a secret, treated like every secret key: held apart from what
//! reads return (masked on v1, absent on classic), refused when sent back masked, kept when an
//! update sends the header without it. The value of a header that is not secure is plain text.

use std::collections::{BTreeMap, HashSet};

use secrecy::SecretString;
use serde_json::{Map, Value, json};

use super::values::{is_masked, reject_unknown, type_error};
use crate::error::{Violation, keys};

/// The `integrationConfig` key holding the headers.
pub(super) const KEY: &str = "headers";
const FIELDS: [&str; 4] = ["key", "value", "secure", "readOnly"];

/// Checks a `headers` value; returns it with `secure` and `readOnly` defaulted to false.
pub(super) fn check(value: &Value, path: &str, out: &mut Vec<Violation>) -> Option<Value> {
    let Value::Array(entries) = value else {
        out.push(type_error(
            path,
            "a list of {key, value, secure, readOnly} objects",
        ));
        return None;
    };
    let mut names = HashSet::new();
    let mut normalized = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let item = format!("{path}[{i}]");
        let Value::Object(entry) = entry else {
            out.push(type_error(
                &item,
                "an object {key, value, secure, readOnly}",
            ));
            continue;
        };
        reject_unknown(entry, &FIELDS, &item, out);
        let secure = flag(entry, "secure", &item, out);
        let read_only = flag(entry, "readOnly", &item, out);
        let key_path = format!("{item}.key");
        let key = header_name(entry.get("key"), &key_path, out);
        if let Some(key) = &key
            && !names.insert(key.to_ascii_lowercase())
        {
            out.push(Violation::new(
                keys::INVALID_VALUE,
                &key_path,
                format!("{key_path} names a header listed before (header names ignore case)"),
            ));
        }
        let value = header_value(entry.get("value"), secure, &format!("{item}.value"), out);
        if let (Some(key), Some(value)) = (key, value) {
            normalized.push(json!({"key": key, "value": value, "secure": secure,
                                   "readOnly": read_only}));
        }
    }
    Some(Value::Array(normalized))
}

fn flag(entry: &Map<String, Value>, field: &str, item: &str, out: &mut Vec<Violation>) -> bool {
    match entry.get(field) {
        None | Some(Value::Null) => false,
        Some(Value::Bool(flag)) => *flag,
        Some(_) => {
            out.push(type_error(&format!("{item}.{field}"), "a boolean"));
            false
        }
    }
}

/// RFC 9110 token characters: what a header name may consist of.
fn is_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c))
}

fn header_name(value: Option<&Value>, path: &str, out: &mut Vec<Violation>) -> Option<String> {
    required_string(value, path, out, |name| {
        (!is_token(name)).then_some((
            keys::INVALID_VALUE,
            "must be an HTTP header name (letters, digits and !#$%&'*+-.^_`|~)",
        ))
    })
}

fn header_value(
    value: Option<&Value>,
    secure: bool,
    path: &str,
    out: &mut Vec<Violation>,
) -> Option<String> {
    required_string(value, path, out, |text| {
        if secure && is_masked(text) {
            Some((
                keys::MASKED_SECRET,
                "is a masked value as returned by reads; send the real value, or leave it out \
                 to keep it",
            ))
        } else if text.chars().any(|c| c.is_control() && c != '\t') {
            Some((
                keys::INVALID_VALUE,
                "must not contain line breaks or other control characters",
            ))
        } else {
            None
        }
    })
}

/// A required, non-empty string field of an entry; `problem` says what else may be wrong with
/// it, as an i18n key and the end of a sentence naming `path`.
fn required_string(
    value: Option<&Value>,
    path: &str,
    out: &mut Vec<Violation>,
    problem: impl Fn(&str) -> Option<(&'static str, &'static str)>,
) -> Option<String> {
    let found = match value {
        None | Some(Value::Null) => Some((keys::MISSING_PARAMETER, "is required")),
        Some(Value::String(text)) if text.is_empty() => {
            Some((keys::MISSING_PARAMETER, "must not be empty"))
        }
        Some(Value::String(text)) => problem(text),
        Some(_) => Some((keys::INVALID_VALUE, "must be a string")),
    };
    match found {
        None => value.and_then(Value::as_str).map(str::to_owned),
        Some((key, why)) => {
            out.push(Violation::new(key, path, format!("{path} {why}")));
            None
        }
    }
}

/// Moves the value of every secure header of (checked) `headers` into `secrets`, by name.
pub(super) fn split(headers: &mut Value, secrets: &mut BTreeMap<String, SecretString>) {
    for entry in headers.as_array_mut().into_iter().flatten() {
        let Some(entry) = entry.as_object_mut() else {
            continue;
        };
        if entry.get("secure") != Some(&Value::Bool(true)) {
            continue;
        }
        if let (Some(Value::String(name)), Some(Value::String(value))) =
            (entry.get("key").cloned(), entry.remove("value"))
        {
            secrets.insert(name, SecretString::from(value));
        }
    }
}

/// `headers` with each secure header's value put back as `show` makes it (masked or exposed).
pub(super) fn with_values(
    headers: &Value,
    secrets: &BTreeMap<String, SecretString>,
    show: &dyn Fn(&SecretString) -> Value,
) -> Value {
    let mut headers = headers.clone();
    for entry in headers.as_array_mut().into_iter().flatten() {
        let secret = entry
            .get("key")
            .and_then(Value::as_str)
            .and_then(|name| secrets.get(name));
        if let (Some(secret), Some(entry)) = (secret, entry.as_object_mut()) {
            entry.insert("value".to_owned(), show(secret));
        }
    }
    headers
}

/// An update that sends a secure header without its value keeps the stored one (the same
/// name, case aside), as an update that omits a secret key keeps it.
pub(super) fn keep_omitted(raw: &mut Value, stored: &BTreeMap<String, SecretString>) {
    for entry in raw.as_array_mut().into_iter().flatten() {
        let Some(entry) = entry.as_object_mut() else {
            continue;
        };
        let secure = entry.get("secure") == Some(&Value::Bool(true));
        let omitted = entry.get("value").is_none_or(Value::is_null);
        let stored = entry
            .get("key")
            .and_then(Value::as_str)
            .and_then(|name| stored.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)));
        if let (true, true, Some((_, secret))) = (secure, omitted, stored) {
            let secret = secrecy::ExposeSecret::expose_secret(secret);
            entry.insert("value".to_owned(), Value::from(secret));
        }
    }
}
