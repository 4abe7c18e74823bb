//! Infracast's wire shapes, as plain functions over JSON: the body of a create or a
//! replacement, an integration answer, a page of a list, a login answer and the error envelope.
//! Nothing here sends anything; nothing here quotes a body in an error (it may hold secrets).

use std::time::{Duration, SystemTime};

use apiclient::ApiMessage;
use integration_engine::api::{Integration, IntegrationRequest};
use serde_json::{Map, Value};

/// `{"type", "name", "config"}` with every secret of `request` in `config`: the one place a
/// secret becomes wire JSON.
pub fn body(request: &IntegrationRequest) -> Value {
    let mut config = request.config.clone();
    for (key, secret) in &request.secrets {
        config.insert(key.clone(), secret.expose());
    }
    let mut body = Map::new();
    body.insert("type".into(), Value::from(request.integration_type.clone()));
    for (key, value) in &request.attributes {
        body.insert(key.clone(), value.clone());
    }
    body.insert("config".into(), Value::Object(config));
    Value::Object(body)
}

/// The kind of a JSON value, for messages that must not quote it.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// An integration answer `{"id", "type", "name", "status", "config", ...}`: `id`, `type` and
/// `config` apart, every other top-level key an attribute. `Err` says what is missing.
pub fn integration(value: Value) -> Result<Integration, String> {
    let Value::Object(mut object) = value else {
        return Err(format!("an integration is {}, not an object", kind(&value)));
    };
    let id = match object.remove("id") {
        Some(Value::String(id)) if !id.trim().is_empty() => id,
        Some(Value::Number(n)) => n.to_string(),
        Some(other) => return Err(format!("the integration's id is {}", kind(&other))),
        None => return Err("an integration has no id".into()),
    };
    let integration_type = match object.remove("type") {
        Some(Value::String(t)) => t,
        _ => return Err(format!("integration {id} has no type")),
    };
    let config = match object.remove("config") {
        Some(Value::Object(config)) => config,
        None | Some(Value::Null) => Map::new(),
        Some(other) => return Err(format!("integration {id}'s config is {}", kind(&other))),
    };
    Ok(Integration {
        id,
        integration_type,
        attributes: object,
        config,
    })
}

/// One page of a list: `{"items": [...], "total", "page", "per_page", "total_pages"}`.
#[derive(Debug)]
pub struct Page {
    pub items: Vec<Value>,
    /// How many pages the list has, as this answer counts them.
    pub total_pages: u64,
    /// How many items the list has.
    pub total: Option<u64>,
}

pub fn page(value: Value) -> Result<Page, String> {
    let Value::Object(mut object) = value else {
        return Err(format!("the list is {}, not an object", kind(&value)));
    };
    let items = match object.remove("items") {
        Some(Value::Array(items)) => items,
        Some(other) => return Err(format!("the list's items are {}", kind(&other))),
        None => return Err("the list has no items".into()),
    };
    let number = |key: &str| object.get(key).and_then(Value::as_u64);
    Ok(Page {
        total_pages: number("total_pages").unwrap_or(1),
        total: number("total"),
        items,
    })
}

/// The tokens of a login or refresh answer `{"token", "expires_at", "refresh_token", "user"}`.
pub struct Grant {
    pub token: String,
    pub refresh_token: Option<String>,
    /// How long the access token lives from `now`, when `expires_at` says.
    pub lifetime: Option<Duration>,
}

/// A login or refresh answer, read at `now`.
pub fn grant(value: &Value, now: SystemTime) -> Result<Grant, String> {
    let token = match value.get("token") {
        Some(Value::String(t)) if !t.is_empty() => t.clone(),
        _ => return Err("no token in the answer".into()),
    };
    let refresh_token = value
        .get("refresh_token")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
        .map(str::to_owned);
    let lifetime = value
        .get("expires_at")
        .and_then(expires_at)
        .map(|at| at.duration_since(now).unwrap_or(Duration::ZERO));
    Ok(Grant {
        token,
        refresh_token,
        lifetime,
    })
}

/// `expires_at` as a time: RFC 3339 text, or seconds since the Unix epoch.
fn expires_at(value: &Value) -> Option<SystemTime> {
    let seconds = match value {
        Value::Number(n) => n.as_i64()?,
        Value::String(s) => {
            let format = time::format_description::well_known::Rfc3339;
            time::OffsetDateTime::parse(s.trim(), &format)
                .ok()?
                .unix_timestamp()
        }
        _ => return None,
    };
    SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(u64::try_from(seconds).ok()?))
}

/// The messages of an error answer `{"error": {"code", "message", "details"}}`: one, its code
/// and message, with the details as its subject. Empty when the body is not the envelope (a
/// proxy's HTML page).
pub fn messages(body: &[u8]) -> Vec<ApiMessage> {
    let Ok(value) = serde_json::from_slice::<Value>(body) else {
        return Vec::new();
    };
    let Some(error) = value.get("error").filter(|e| e.is_object()) else {
        return Vec::new();
    };
    let text = |key: &str| error.get(key).and_then(Value::as_str).unwrap_or_default();
    let code = match (text("code"), text("message")) {
        ("", "") => return Vec::new(),
        (code, "") => code.to_owned(),
        ("", message) => message.to_owned(),
        (code, message) => format!("{code}: {message}"),
    };
    vec![ApiMessage {
        code,
        severity: "error".into(),
        subject: error.get("details").and_then(details),
        text: None,
    }]
}

/// The details as one line: `field: issue` items, or compact JSON for any other shape; `None`
/// when there are none.
fn details(value: &Value) -> Option<String> {
    let line = match value {
        Value::Null => return None,
        Value::Array(items) if items.is_empty() => return None,
        Value::Object(m) if m.is_empty() => return None,
        Value::Array(items) => items
            .iter()
            .map(|item| match (item.get("field"), item.get("issue")) {
                (Some(Value::String(f)), Some(Value::String(i))) => format!("{f}: {i}"),
                _ => item.to_string(),
            })
            .collect::<Vec<_>>()
            .join("; "),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    Some(line)
}

#[cfg(test)]
mod tests;
