//! The body of a create or a replacement: `{"type", "name", "config"}`, nothing else (`id` and
//! `status` are the API's), with `config` checked by the type's rules.

use serde_json::{Map, Value};

use crate::error::{ApiError, Issue};
use crate::rules::{self, TypeRules};

/// A body the API accepts.
#[derive(Debug)]
pub struct Body {
    pub rules: &'static TypeRules,
    pub name: String,
    /// Checked and completed with defaults.
    pub config: Map<String, Value>,
}

/// The most characters a name may have.
pub const MAX_NAME_CHARS: usize = 255;

/// Parses and checks a request body; every problem at once.
pub fn parse(bytes: &[u8]) -> Result<Body, ApiError> {
    let value: Value = serde_json::from_slice(bytes).map_err(|e| {
        ApiError::bad_request(format!(
            "the body is not JSON ({:?} error at line {} column {})",
            e.classify(),
            e.line(),
            e.column()
        ))
    })?;
    let Value::Object(body) = value else {
        return Err(ApiError::bad_request("the body must be a JSON object"));
    };
    let mut issues = Vec::new();
    for key in body.keys() {
        if !["type", "name", "config"].contains(&key.as_str()) {
            let why = if key == "id" || key == "status" {
                "is set by the API"
            } else {
                "is not a key of an integration (type, name, config)"
            };
            issues.push(Issue::new(key.clone(), why));
        }
    }
    let rules = match body.get("type") {
        Some(Value::String(t)) => match rules::find(t) {
            Some(r) => Some(r),
            None => {
                let known: Vec<&str> = rules::ALL.iter().map(|r| r.name).collect();
                issues.push(Issue::new(
                    "type",
                    format!("unknown type {t:?}; known types: {}", known.join(", ")),
                ));
                None
            }
        },
        Some(_) => {
            issues.push(Issue::new("type", "must be a string"));
            None
        }
        None => {
            issues.push(Issue::new("type", "is required"));
            None
        }
    };
    let name = match body.get("name") {
        Some(Value::String(n)) if n.trim().is_empty() => {
            issues.push(Issue::new("name", "must not be empty"));
            None
        }
        Some(Value::String(n)) if n.chars().count() > MAX_NAME_CHARS => {
            issues.push(Issue::new(
                "name",
                format!("must be at most {MAX_NAME_CHARS} characters"),
            ));
            None
        }
        Some(Value::String(n)) => Some(n.clone()),
        Some(_) => {
            issues.push(Issue::new("name", "must be a string"));
            None
        }
        None => {
            issues.push(Issue::new("name", "is required"));
            None
        }
    };
    let config = match body.get("config") {
        Some(Value::Object(c)) => Some(c),
        Some(_) => {
            issues.push(Issue::new("config", "must be an object"));
            None
        }
        None => {
            issues.push(Issue::new("config", "is required"));
            None
        }
    };
    let accepted = match (rules, config) {
        (Some(rules), Some(config)) => match rules.accept(config) {
            Ok(accepted) => Some(accepted),
            Err(more) => {
                issues.extend(more);
                None
            }
        },
        _ => None,
    };
    match (rules, name, accepted) {
        (Some(rules), Some(name), Some(config)) if issues.is_empty() => Ok(Body {
            rules,
            name,
            config,
        }),
        _ => Err(ApiError::invalid(issues)),
    }
}

/// How an integration reads: `{"id", "type", "name", "status", "config"}`, secrets left out.
pub fn render(stored: &crate::store::Stored) -> Value {
    let rules = rules::find(&stored.type_name);
    let config: Map<String, Value> = stored
        .config
        .iter()
        .filter(|(k, _)| !rules.is_some_and(|r| r.is_secret(k)))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let status = rules.map_or("active", |r| r.status(&stored.config));
    serde_json::json!({
        "id": stored.id,
        "type": stored.type_name,
        "name": stored.name,
        "status": status,
        "config": config,
    })
}
