//! The top level of a create, update or test body: `name`, `description`, `enabled`,
//! `integrationType`, `integrationConfig` (and `id`, tolerated when empty or equal to the path).
//!
//! Everything wrong is collected, so one answer lists every problem.

use std::fmt;

use serde_json::{Map, Value};
use uuid::Uuid;

use super::error::{ApiError, Family, Violation, keys};
use super::integration_type::IntegrationType;

/// What a body is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Create,
    Update,
    Test,
}

const TOP_LEVEL_KEYS: [&str; 6] = [
    "name",
    "description",
    "enabled",
    "integrationType",
    "integrationConfig",
    "id",
];

/// The top-level fields of a body, each `None` when absent or invalid. `Debug` shows the
/// config's keys, never its values (some are secrets).
#[derive(Default)]
pub(crate) struct Draft {
    pub(crate) name: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) enabled: Option<bool>,
    pub(crate) ty: Option<IntegrationType>,
    pub(crate) config: Option<Map<String, Value>>,
}

impl fmt::Debug for Draft {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Draft")
            .field("name", &self.name)
            .field("description", &self.description)
            .field("enabled", &self.enabled)
            .field("ty", &self.ty)
            .field(
                "config_keys",
                &self.config.as_ref().map(|c| c.keys().collect::<Vec<_>>()),
            )
            .finish()
    }
}

/// Parses a body that must be a JSON object.
pub(crate) fn json_object(body: &[u8]) -> Result<Map<String, Value>, ApiError> {
    let bad = |message: String| {
        ApiError::bad_request(vec![Violation::general(keys::INVALID_BODY, message)])
    };
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(bad("a JSON object body is required".to_owned()));
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(bad("the body must be a JSON object".to_owned())),
        Err(e) => Err(bad(format!(
            "the body is not valid JSON (line {}, column {})",
            e.line(),
            e.column()
        ))),
    }
}

fn invalid(subject: &str, message: impl Into<String>) -> Violation {
    Violation::new(keys::INVALID_VALUE, subject, message)
}

fn missing(subject: &str) -> Violation {
    Violation::new(
        keys::MISSING_PARAMETER,
        subject,
        format!("{subject} is required"),
    )
}

/// Reads the top level of `body` for `op` on `family`; `path_id` is the id in the URL (update).
pub(crate) fn read_draft(
    body: &Map<String, Value>,
    family: Family,
    op: Op,
    path_id: Option<Uuid>,
    out: &mut Vec<Violation>,
) -> Draft {
    for key in body.keys() {
        if !TOP_LEVEL_KEYS.contains(&key.as_str()) {
            out.push(Violation::unknown("", key, ""));
        }
    }
    let field = |key: &str| body.get(key).filter(|v| !v.is_null());
    check_id(field("id"), op, path_id, out);

    let name = match field("name") {
        None => {
            out.push(missing("name"));
            None
        }
        Some(Value::String(name)) => match name_problem(name) {
            None => Some(name.clone()),
            Some(why) => {
                out.push(invalid("name", format!("name {why}")));
                None
            }
        },
        Some(_) => {
            out.push(invalid("name", "name must be a string"));
            None
        }
    };
    let description = match field("description") {
        None => None,
        Some(Value::String(d)) => Some(d.clone()),
        Some(_) => {
            out.push(invalid("description", "description must be a string"));
            None
        }
    };
    let enabled = match field("enabled") {
        None => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(_) => {
            out.push(invalid("enabled", "enabled must be a boolean"));
            None
        }
    };
    if family == Family::V1 && op == Op::Create && enabled == Some(false) {
        out.push(invalid(
            "enabled",
            "the v1 create body has no enabled: integrations are born enabled; create, then \
             PATCH {\"enabled\": false}",
        ));
    }
    let ty = match field("integrationType") {
        None if op == Op::Update => None,
        None => {
            out.push(missing("integrationType"));
            None
        }
        Some(Value::String(wire)) => {
            let ty = IntegrationType::parse(wire);
            if ty.is_none() {
                out.push(Violation::new(
                    keys::UNSUPPORTED_TYPE,
                    "integrationType",
                    "integrationType is not a supported integration type",
                ));
            }
            ty
        }
        Some(_) => {
            out.push(invalid(
                "integrationType",
                "integrationType must be a string",
            ));
            None
        }
    };
    let config = match field("integrationConfig") {
        None => {
            out.push(missing("integrationConfig"));
            None
        }
        Some(Value::Object(config)) => Some(config.clone()),
        Some(_) => {
            out.push(invalid(
                "integrationConfig",
                "integrationConfig must be an object",
            ));
            None
        }
    };
    Draft {
        name,
        description,
        enabled,
        ty,
        config,
    }
}

fn check_id(id: Option<&Value>, op: Op, path_id: Option<Uuid>, out: &mut Vec<Violation>) {
    let Some(id) = id else { return };
    let matches_path = match (id.as_str(), path_id) {
        (Some(""), _) => true,
        (Some(given), Some(path_id)) => Uuid::try_parse(given).is_ok_and(|u| u == path_id),
        _ => false,
    };
    if !matches_path {
        let why = if op == Op::Update {
            "id in the body must match the id in the path"
        } else {
            "id must not be set: the server assigns it"
        };
        out.push(invalid("id", why));
    }
}

/// Why `name` breaks the naming rule (5 to 100 characters, the first one alphanumeric).
pub(crate) fn name_problem(name: &str) -> Option<&'static str> {
    let length = name.chars().count();
    if !(5..=100).contains(&length) {
        Some("must be 5 to 100 characters long")
    } else if !name.starts_with(char::is_alphanumeric) {
        Some("must start with a letter or a digit")
    } else {
        None
    }
}

/// Checks that a v1 write does not address a classic-only type.
pub(crate) fn check_family(family: Family, ty: IntegrationType, out: &mut Vec<Violation>) {
    if family == Family::V1 && ty.classic_only() {
        out.push(Violation::new(
            keys::CLASSIC_ONLY_TYPE,
            "integrationType",
            format!(
                "{} integrations are managed through the classic /integration endpoints, not v1",
                ty.wire_name()
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn names_follow_the_rule() {
        assert_eq!(name_problem("alerts"), None);
        assert_eq!(name_problem("5lack"), None);
        assert!(name_problem("four").is_some());
        assert!(name_problem(&"x".repeat(101)).is_some());
        assert_eq!(name_problem(&"x".repeat(100)), None);
        assert!(name_problem("_alerts").is_some());
        assert!(name_problem(" alerts").is_some());
    }

    #[test]
    fn every_top_level_problem_is_collected() {
        let body = json!({"name": "x", "enabled": "yes", "integrationType": "jira",
                          "integrationConfig": [], "id": "abc", "extra": 1});
        let Value::Object(body) = body else {
            unreachable!()
        };
        let mut out = Vec::new();
        let draft = read_draft(&body, Family::Classic, Op::Create, None, &mut out);
        let mut subjects: Vec<_> = out.iter().filter_map(|v| v.subject.clone()).collect();
        subjects.sort();
        assert_eq!(
            subjects,
            [
                "enabled",
                "extra",
                "id",
                "integrationConfig",
                "integrationType",
                "name"
            ]
        );
        assert!(draft.name.is_none() && draft.ty.is_none() && draft.config.is_none());
    }

    #[test]
    fn v1_create_refuses_enabled_false_but_tolerates_true() {
        for (enabled, violations) in [(true, 0), (false, 1)] {
            let body = json!({"name": "alerts", "integrationType": "slack",
                              "integrationConfig": {}, "enabled": enabled});
            let Value::Object(body) = body else {
                unreachable!()
            };
            let mut out = Vec::new();
            read_draft(&body, Family::V1, Op::Create, None, &mut out);
            assert_eq!(out.len(), violations, "{out:?}");
        }
    }

    #[test]
    fn debug_shows_config_keys_but_not_values() {
        let body = json!({"name": "alerts", "integrationType": "splunk",
                          "integrationConfig": {"authToken": "hec-secret-value"}});
        let Value::Object(body) = body else {
            unreachable!()
        };
        let draft = read_draft(&body, Family::V1, Op::Create, None, &mut Vec::new());
        let text = format!("{draft:?}");
        assert!(text.contains("authToken"), "{text}");
        assert!(!text.contains("hec-secret-value"), "{text}");
    }

    #[test]
    fn json_object_rejects_empty_and_non_objects() {
        assert!(json_object(b"").is_err());
        assert!(json_object(b"[1]").is_err());
        assert!(json_object(b"{").is_err());
        assert!(json_object(b"{\"a\": 1}").is_ok());
    }
}
