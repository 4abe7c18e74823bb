//! What the API accepts in an integration's `config`, per `type`: the sandbox's own reading of
//! Infracast's documentation (the generic webhook's body is published; the other types' keys
//! follow the API's conventions and the product pages' fields, see `types`). Strict on
//! purpose: unknown keys, missing required keys, wrong shapes, masked secrets and broken
//! combinations are refused with a `BAD_REQUEST` naming each field.

mod types;

use serde_json::{Map, Value};

use crate::error::Issue;

pub use types::{ALL, find};

/// The events the API knows, in their wire names.
pub const EVENTS: &[&str] = &[
    "finding.created",
    "finding.severity_changed",
    "job.completed",
    "job.failed",
    "asset.created",
    "poam.updated",
];

/// Finding severities.
pub const SEVERITIES: &[&str] = &["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO"];

/// The shape of a config value.
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    /// A non-empty string.
    Text,
    /// An absolute `http://` or `https://` URL with a host (plain http is the UI's warning,
    /// not a refusal).
    Url,
    /// A PEM certificate.
    Certificate,
    Bool,
    /// A whole number of seconds, at least 1.
    Seconds,
    /// A non-empty list of known event names, each once.
    Events,
    /// One severity.
    Severity,
    /// `{"severity": [severities]}`.
    Filters,
    /// An object of strings.
    Strings,
}

/// Whether a key must be there.
#[derive(Debug, Clone, Copy)]
pub enum Need {
    Required,
    Optional,
    /// Optional; stored with this value when absent.
    Default(Fallback),
}

#[derive(Debug, Clone, Copy)]
pub enum Fallback {
    Bool(bool),
    Integer(i64),
    Text(&'static str),
}

impl Fallback {
    fn value(self) -> Value {
        match self {
            Fallback::Bool(b) => Value::Bool(b),
            Fallback::Integer(i) => Value::from(i),
            Fallback::Text(s) => Value::from(s),
        }
    }
}

/// One config key.
#[derive(Debug)]
pub struct Key {
    pub name: &'static str,
    pub shape: Shape,
    pub need: Need,
    /// Stored, never returned.
    pub secret: bool,
}

/// A rule across keys.
#[derive(Debug)]
pub enum Combo {
    /// Exactly one of these keys.
    ExactlyOne(&'static [&'static str]),
    /// All of these keys or none.
    Together(&'static [&'static str]),
}

/// What the API accepts for one `type`.
#[derive(Debug)]
pub struct TypeRules {
    pub name: &'static str,
    pub keys: &'static [Key],
    pub combos: &'static [Combo],
    /// The keys holding the URL Infracast's backend connects to (the status follows them).
    pub targets: &'static [&'static str],
}

impl TypeRules {
    fn key(&self, name: &str) -> Option<&Key> {
        self.keys.iter().find(|k| k.name == name)
    }

    /// The secret keys, which reads leave out.
    pub fn is_secret(&self, name: &str) -> bool {
        self.key(name).is_some_and(|k| k.secret)
    }

    /// `config` checked and completed with defaults, or every problem with it.
    pub fn accept(&self, config: &Map<String, Value>) -> Result<Map<String, Value>, Vec<Issue>> {
        let mut issues = Vec::new();
        let at = |key: &str| format!("config.{key}");
        for name in config.keys().filter(|n| self.key(n).is_none()) {
            let known: Vec<&str> = self.keys.iter().map(|k| k.name).collect();
            issues.push(Issue::new(
                at(name),
                format!(
                    "unknown key for type {}; known keys: {}",
                    self.name,
                    known.join(", ")
                ),
            ));
        }
        let mut accepted = Map::new();
        for key in self.keys {
            match (config.get(key.name), key.need) {
                (None | Some(Value::Null), Need::Required) => {
                    issues.push(Issue::new(at(key.name), "is required"));
                }
                (None | Some(Value::Null), Need::Optional) => {}
                (None | Some(Value::Null), Need::Default(d)) => {
                    accepted.insert(key.name.into(), d.value());
                }
                (Some(value), _) => match check(key, value) {
                    Ok(()) => {
                        accepted.insert(key.name.into(), value.clone());
                    }
                    Err(issue) => issues.push(Issue::new(at(key.name), issue)),
                },
            }
        }
        for combo in self.combos {
            let set = |k: &str| config.get(k).is_some_and(|v| !v.is_null());
            match combo {
                Combo::ExactlyOne(keys) => {
                    let count = keys.iter().filter(|k| set(k)).count();
                    if count != 1 {
                        issues.push(Issue::new(
                            at(keys[0]),
                            format!("exactly one of {} is required", keys.join(", ")),
                        ));
                    }
                }
                Combo::Together(keys) => {
                    if keys.iter().any(|k| set(k)) {
                        for missing in keys.iter().filter(|k| !set(k)) {
                            issues.push(Issue::new(
                                at(missing),
                                format!("is required with {}", keys.join(", ")),
                            ));
                        }
                    }
                }
            }
        }
        if issues.is_empty() {
            Ok(accepted)
        } else {
            Err(issues)
        }
    }

    /// `active`, or `error` when a URL Infracast's backend would connect to is under the
    /// reserved `.invalid` top-level domain, which never resolves (RFC 6761): the sandbox's
    /// stand-in for a connection that fails.
    pub fn status(&self, config: &Map<String, Value>) -> &'static str {
        let unreachable = self.targets.iter().any(|k| {
            config
                .get(*k)
                .and_then(Value::as_str)
                .and_then(|s| url::Url::parse(s).ok())
                .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
                .is_some_and(|h| h == "invalid" || h.ends_with(".invalid"))
        });
        if unreachable { "error" } else { "active" }
    }
}

/// What is wrong with `value` for `key`, if anything.
fn check(key: &Key, value: &Value) -> Result<(), String> {
    if key.secret
        && let Some(s) = value.as_str()
        && !s.is_empty()
        && s.chars().all(|c| c == '*')
    {
        return Err("is a masked value: send the secret itself".into());
    }
    match key.shape {
        Shape::Text => text(value).map(|_| ()),
        Shape::Url => {
            let s = text(value)?;
            match url::Url::parse(s) {
                Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => Ok(()),
                _ => Err("must be an absolute http(s) URL".into()),
            }
        }
        Shape::Certificate => {
            let s = text(value)?;
            if s.trim_start().starts_with("-----BEGIN CERTIFICATE-----")
                && s.contains("-----END CERTIFICATE-----")
            {
                Ok(())
            } else {
                Err("must be a PEM certificate".into())
            }
        }
        Shape::Bool => value
            .is_boolean()
            .then_some(())
            .ok_or_else(|| "must be a boolean".into()),
        Shape::Seconds => match value.as_i64() {
            Some(n) if n >= 1 => Ok(()),
            _ => Err("must be a whole number of seconds, at least 1".into()),
        },
        Shape::Events => names(value, EVENTS, true),
        Shape::Severity => match value.as_str() {
            Some(s) if SEVERITIES.contains(&s) => Ok(()),
            _ => Err(format!("must be one of {}", SEVERITIES.join(", "))),
        },
        Shape::Filters => {
            let Some(object) = value.as_object() else {
                return Err("must be an object".into());
            };
            if let Some(other) = object.keys().find(|k| *k != "severity") {
                return Err(format!("has unknown filter {other:?}; known: severity"));
            }
            match object.get("severity") {
                None => Ok(()),
                Some(list) => names(list, SEVERITIES, false),
            }
        }
        Shape::Strings => match value.as_object() {
            Some(m) if m.values().all(Value::is_string) => Ok(()),
            _ => Err("must be an object of strings".into()),
        },
    }
}

fn text(value: &Value) -> Result<&str, String> {
    match value.as_str() {
        Some(s) if !s.trim().is_empty() => Ok(s),
        Some(_) => Err("must not be empty".into()),
        None => Err("must be a string".into()),
    }
}

/// A list of distinct names out of `known`; `non_empty` when at least one is needed.
fn names(value: &Value, known: &[&str], non_empty: bool) -> Result<(), String> {
    let Some(items) = value.as_array() else {
        return Err("must be a list".into());
    };
    if non_empty && items.is_empty() {
        return Err("must name at least one".into());
    }
    let mut seen = Vec::new();
    for item in items {
        match item.as_str() {
            Some(s) if known.contains(&s) => {
                if seen.contains(&s) {
                    return Err(format!("names {s:?} twice"));
                }
                seen.push(s);
            }
            _ => return Err(format!("may only hold {}", known.join(", "))),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
