//! What callers send and what the API gives back.

use std::collections::BTreeMap;
use std::fmt;

use apiclient::ApiMessage;
use secrecy::SecretString;
use serde_json::{Map, Value};

pub(crate) use apiclient::kind;

use super::route::normalize_type;

/// An integration to create, update or test.
///
/// Secret `integrationConfig` keys live apart from the others so that they stay in
/// [`SecretString`]s until the body is serialized; they are merged into `integrationConfig`
/// only then. A key must not appear in both maps; a secret inside an entry of a list (a secure
/// webhook header's value) is keyed by its JSON pointer and goes into the entry `config` has.
#[derive(Clone)]
pub struct IntegrationRequest {
    /// Integration name.
    pub name: String,
    /// Description (may be empty).
    pub description: String,
    /// Whether Prisma Cloud sends alerts to it.
    pub enabled: bool,
    /// Type as callers name it (`slack`, `okta`, ...).
    pub integration_type: String,
    /// Non-secret `integrationConfig` keys.
    pub config: Map<String, Value>,
    /// Secret `integrationConfig` keys: top-level keys, or JSON pointers to a place in an
    /// entry `config` holds (`/headers/1/value`, a secure webhook header's value).
    pub secrets: BTreeMap<String, SecretString>,
}

impl fmt::Debug for IntegrationRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IntegrationRequest")
            .field("name", &self.name)
            .field("description", &self.description)
            .field("enabled", &self.enabled)
            .field("integration_type", &self.integration_type)
            .field("config", &self.config)
            .field("secrets", &self.secrets.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// An integration as the API returned it.
///
/// `integration_type` is lowercase, with `okta_idp` read as `okta`. Secret values come back
/// masked (a run of asterisks) or not at all; the client cannot tell which keys are secret,
/// so `Debug` shows config keys but no config values.
#[derive(Clone, PartialEq)]
pub struct Integration {
    /// Server-assigned id.
    pub id: String,
    /// Integration name.
    pub name: String,
    /// Description (empty when absent).
    pub description: String,
    /// Whether it is enabled.
    pub enabled: bool,
    /// Type, lowercase.
    pub integration_type: String,
    /// `integrationConfig` as returned (empty when absent).
    pub config: Map<String, Value>,
    /// Who created it.
    pub created_by: Option<String>,
    /// When it was created (ms since the epoch).
    pub created_ts: Option<i64>,
    /// Who last changed it.
    pub last_modified_by: Option<String>,
    /// When it was last changed (ms since the epoch).
    pub last_modified_ts: Option<i64>,
    /// Classic endpoints: health (`GREEN`, `RED`, `YELLOW`, `NA`).
    pub status: Option<String>,
    /// Classic endpoints: whether the last check succeeded.
    pub valid: Option<bool>,
    /// Classic endpoints: why it is not valid.
    pub reason: Option<String>,
}

impl fmt::Debug for Integration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Integration")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("description", &self.description)
            .field("enabled", &self.enabled)
            .field("integration_type", &self.integration_type)
            .field("config_keys", &self.config.keys().collect::<Vec<_>>())
            .field("created_by", &self.created_by)
            .field("created_ts", &self.created_ts)
            .field("last_modified_by", &self.last_modified_by)
            .field("last_modified_ts", &self.last_modified_ts)
            .field("status", &self.status)
            .field("valid", &self.valid)
            .field("reason", &self.reason)
            .finish()
    }
}

/// Result of a test call the API answered (successfully or with a failed check).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestOutcome {
    /// Whether the configuration works.
    pub success: bool,
    /// HTTP status of the answer.
    pub status_code: u16,
    /// The API's reasons, joined with `; ` (empty on success without details).
    pub message: String,
    /// The API's messages (codes, subjects, words), secrets masked: the first reasons of
    /// `message`.
    pub messages: Vec<ApiMessage>,
    /// Each failed check, `description: error`, secrets masked: the other reasons of
    /// `message`.
    pub failed_checks: Vec<String>,
}

impl Integration {
    /// Reads one integration object. `Err` says what is missing or of the wrong type, without
    /// quoting any value.
    pub(crate) fn from_json(value: &Value) -> Result<Integration, String> {
        let map = value
            .as_object()
            .ok_or_else(|| format!("a JSON {} instead of an object", kind(value)))?;
        let id = id_of(value).ok_or("no id")?;
        let name = required_str(map, "name")?;
        let integration_type = normalize_type(&required_str(map, "integrationType")?);
        let enabled = match map.get("enabled") {
            Some(Value::Bool(b)) => *b,
            _ => return Err("no boolean enabled".into()),
        };
        let config = match map.get("integrationConfig") {
            Some(Value::Object(c)) => c.clone(),
            None | Some(Value::Null) => Map::new(),
            Some(other) => return Err(format!("integrationConfig is a JSON {}", kind(other))),
        };
        Ok(Integration {
            id,
            name,
            description: optional_str(map, "description").unwrap_or_default(),
            enabled,
            integration_type,
            config,
            created_by: optional_str(map, "createdBy"),
            created_ts: map.get("createdTs").and_then(Value::as_i64),
            last_modified_by: optional_str(map, "lastModifiedBy"),
            last_modified_ts: map.get("lastModifiedTs").and_then(Value::as_i64),
            status: optional_str(map, "status"),
            valid: map.get("valid").and_then(Value::as_bool),
            reason: optional_str(map, "reason"),
        })
    }
}

/// The `id` of an integration object: a non-empty string, or a number as text.
pub(crate) fn id_of(value: &Value) -> Option<String> {
    match value.get("id")? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn required_str(map: &Map<String, Value>, key: &str) -> Result<String, String> {
    optional_str(map, key).ok_or_else(|| format!("no string {key}"))
}

fn optional_str(map: &Map<String, Value>, key: &str) -> Option<String> {
    map.get(key).and_then(Value::as_str).map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn classic_answer_is_normalized() {
        let value = json!({
            "id": "i-1", "name": "okta prod", "description": null, "enabled": true,
            "integrationType": "OKTA_IDP",
            "integrationConfig": {"domain": "x.okta.com", "apiToken": "**********"},
            "createdBy": "me", "createdTs": 1700000000000_i64,
            "lastModifiedBy": "you", "lastModifiedTs": 1700000000001_i64,
            "status": "GREEN", "valid": true, "reason": null
        });
        let i = Integration::from_json(&value).expect("valid integration");
        assert_eq!(i.integration_type, "okta");
        assert_eq!(i.description, "");
        assert_eq!(i.config["apiToken"], "**********");
        assert_eq!(i.created_ts, Some(1700000000000));
        assert_eq!(i.status.as_deref(), Some("GREEN"));
        assert_eq!(i.valid, Some(true));
        assert_eq!(i.reason, None);
    }

    #[test]
    fn v1_answer_without_classic_fields() {
        let value = json!({"id": 42, "name": "n", "enabled": false, "integrationType": "slack"});
        let i = Integration::from_json(&value).expect("valid integration");
        assert_eq!(i.id, "42");
        assert!(!i.enabled);
        assert!(i.config.is_empty());
        assert_eq!(i.status, None);
    }

    #[test]
    fn malformed_objects_are_rejected_without_quoting_values() {
        let no_id = json!({"name": "n", "enabled": true, "integrationType": "slack"});
        assert_eq!(Integration::from_json(&no_id).unwrap_err(), "no id");
        let bad_config = json!({"id": "a", "name": "n", "enabled": true,
            "integrationType": "slack", "integrationConfig": "secret-ish"});
        let err = Integration::from_json(&bad_config).unwrap_err();
        assert!(!err.contains("secret-ish"), "{err}");
        assert_eq!(
            Integration::from_json(&json!([1])).unwrap_err(),
            "a JSON array instead of an object"
        );
        let no_enabled = json!({"id": "a", "name": "n", "integrationType": "slack"});
        assert_eq!(
            Integration::from_json(&no_enabled).unwrap_err(),
            "no boolean enabled"
        );
    }

    #[test]
    fn debug_hides_config_values_and_secrets() {
        let value = json!({"id": "a", "name": "n", "enabled": true, "integrationType": "slack",
            "integrationConfig": {"webhookUrl": "https://hooks.slack.com/services/T0/B0/XYZ"}});
        let i = Integration::from_json(&value).expect("valid integration");
        let text = format!("{i:?}");
        assert!(text.contains("webhookUrl"));
        assert!(!text.contains("XYZ"), "{text}");

        let request = IntegrationRequest {
            name: "n".into(),
            description: String::new(),
            enabled: true,
            integration_type: "slack".into(),
            config: Map::new(),
            secrets: BTreeMap::from([(
                "webhookUrl".to_owned(),
                SecretString::from("https://hooks.slack.com/services/T0/B0/XYZ"),
            )]),
        };
        let text = format!("{request:?}");
        assert!(text.contains("webhookUrl"));
        assert!(!text.contains("XYZ"), "{text}");
    }
}
