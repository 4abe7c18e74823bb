//! The API's shapes: JSON:API envelopes around one configuration's attributes.
//!
//! A request is `{"data": {"type": "integration_config", "attributes": {...}}}`; an item is
//! `{"id": "<uuid>", "type": "integration_config", "attributes": {...}}`, the id on the item,
//! not in its attributes. Secrets go out in `attributes.secrets` and never come back.

use std::collections::BTreeMap;
use std::fmt;

use secrecy::{ExposeSecret, SecretString};
use serde_json::{Map, Value as Json, json};

/// The JSON:API type of a configuration.
pub const RESOURCE_TYPE: &str = "integration_config";

/// An entity context sync configuration as the API reports it.
#[derive(Clone, PartialEq)]
pub struct SyncConfig {
    /// The id the API assigned (on the item, not in its attributes).
    pub id: String,
    /// `GOOGLE_WORKSPACE`, `OKTA`, ...
    pub integration_type: String,
    /// Every other attribute as reported: `name`, `domain`, `enabled`, `settings`, `state`,
    /// `created_at`, `modified_at` (and whatever the preview API adds).
    pub attributes: Map<String, Json>,
}

impl SyncConfig {
    /// The `name` attribute, or "".
    pub fn name(&self) -> &str {
        self.attributes
            .get("name")
            .and_then(Json::as_str)
            .unwrap_or_default()
    }

    /// The `enabled` attribute, when reported.
    pub fn enabled(&self) -> Option<bool> {
        self.attributes.get("enabled").and_then(Json::as_bool)
    }
}

impl fmt::Debug for SyncConfig {
    /// Attribute names only: `settings` is the user's and may be large.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SyncConfig")
            .field("id", &self.id)
            .field("integration_type", &self.integration_type)
            .field("attributes", &self.attributes.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// The id of a listed item, as the list snapshots index it.
pub fn item_id(item: &Json) -> Option<String> {
    item.get("id")
        .and_then(Json::as_str)
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
}

/// One item (`data` of an answer, or an element of a list's `data`); `Err` says what is wrong
/// without quoting the answer.
pub fn decode_item(item: &Json) -> Result<SyncConfig, String> {
    let id = item_id(item).ok_or("an item has no id")?;
    let mut attributes = item
        .get("attributes")
        .and_then(Json::as_object)
        .cloned()
        .ok_or("an item has no attributes object")?;
    let integration_type = match attributes.remove("integration_type") {
        Some(Json::String(t)) if !t.is_empty() => t,
        _ => return Err("an item has no integration_type".into()),
    };
    Ok(SyncConfig {
        id,
        integration_type,
        attributes,
    })
}

/// The item of `{"data": item}`.
pub fn decode_one(answer: &Json) -> Result<SyncConfig, String> {
    decode_item(answer.get("data").ok_or("the answer has no data")?)
}

/// The items of `{"data": [item, ...]}`, each still JSON (list snapshots keep them so).
pub fn list_items(answer: &Json) -> Result<Vec<Json>, String> {
    answer
        .get("data")
        .and_then(Json::as_array)
        .cloned()
        .ok_or_else(|| "the answer has no data list".to_owned())
}

/// A secret value to send, held as a secret until the body is built.
#[derive(Clone)]
pub struct SecretValue {
    pub text: SecretString,
    /// The text is a JSON object to send as one (a key file), not a string.
    pub json: bool,
}

impl SecretValue {
    fn expose(&self) -> Json {
        let text = self.text.expose_secret();
        if self.json {
            serde_json::from_str(text).unwrap_or_else(|_| Json::String(text.to_owned()))
        } else {
            Json::String(text.to_owned())
        }
    }

    /// The value and, for JSON, every string inside it: the API may echo a part (a key
    /// file's `private_key`) in a message, where it must be masked too.
    fn parts(&self) -> Vec<SecretString> {
        let mut out = vec![self.text.clone()];
        if self.json
            && let Ok(value) = serde_json::from_str::<Json>(self.text.expose_secret())
        {
            strings(&value, &mut out);
        }
        out
    }
}

fn strings(value: &Json, out: &mut Vec<SecretString>) {
    match value {
        // Short strings ("service_account") are not secret and would mask common words.
        Json::String(s) if s.len() >= 8 => out.push(SecretString::from(s.as_str())),
        Json::Array(items) => items.iter().for_each(|i| strings(i, out)),
        Json::Object(m) => m.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// Secrets by their key in `secrets`.
pub type Secrets = BTreeMap<String, SecretValue>;

/// Every value of `secrets` (and the strings inside JSON ones), to mask in answers.
pub fn secret_values(secrets: &Secrets) -> Vec<SecretString> {
    secrets.values().flat_map(SecretValue::parts).collect()
}

fn secrets_json(secrets: &Secrets) -> Json {
    Json::Object(
        secrets
            .iter()
            .map(|(k, v)| (k.clone(), v.expose()))
            .collect(),
    )
}

/// `{"data": {"type": "integration_config", "attributes": attributes}}`.
fn envelope(attributes: Map<String, Json>) -> Json {
    json!({"data": {"type": RESOURCE_TYPE, "attributes": attributes}})
}

/// A configuration to create, or the whole of one to update.
#[derive(Clone)]
pub struct SyncRequest {
    pub integration_type: String,
    pub name: String,
    pub domain: String,
    pub enabled: bool,
    /// `None`: no settings configured.
    pub settings: Option<Map<String, Json>>,
    /// The secrets to send: all of them on create; on update only those that changed.
    pub secrets: Secrets,
}

impl fmt::Debug for SyncRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SyncRequest")
            .field("integration_type", &self.integration_type)
            .field("name", &self.name)
            .field("domain", &self.domain)
            .field("enabled", &self.enabled)
            .field("settings", &self.settings.as_ref().map(Map::len))
            .field("secrets", &self.secrets.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl SyncRequest {
    /// The POST body. The API's create has no `enabled` (a disabled configuration is a PATCH
    /// right after), and always takes `secrets` (empty for Entra ID, which has none).
    pub fn create_body(&self) -> Json {
        let mut attributes = Map::new();
        attributes.insert("integration_type".into(), json!(self.integration_type));
        attributes.insert("name".into(), json!(self.name));
        attributes.insert("domain".into(), json!(self.domain));
        attributes.insert("secrets".into(), secrets_json(&self.secrets));
        if let Some(settings) = &self.settings {
            attributes.insert("settings".into(), Json::Object(settings.clone()));
        }
        envelope(attributes)
    }

    /// The PATCH body: every attribute, `secrets` only when some are to be sent (an absent
    /// key keeps what the API holds). Settings removed from configuration are sent as `{}`:
    /// a partial update that left `settings` out would keep the old ones, which the next read
    /// would then show as a change to undo, on every plan.
    pub fn update_body(&self) -> Json {
        let mut attributes = Map::new();
        attributes.insert("integration_type".into(), json!(self.integration_type));
        attributes.insert("name".into(), json!(self.name));
        attributes.insert("domain".into(), json!(self.domain));
        attributes.insert("enabled".into(), json!(self.enabled));
        let settings = self.settings.clone().unwrap_or_default();
        attributes.insert("settings".into(), Json::Object(settings));
        if !self.secrets.is_empty() {
            attributes.insert("secrets".into(), secrets_json(&self.secrets));
        }
        envelope(attributes)
    }

    /// The secrets to mask in answers.
    pub fn secret_values(&self) -> Vec<SecretString> {
        secret_values(&self.secrets)
    }
}

/// The PATCH that disables a configuration just created (the create has no `enabled`).
pub fn disable_body(integration_type: &str) -> Json {
    let mut attributes = Map::new();
    attributes.insert("integration_type".into(), json!(integration_type));
    attributes.insert("enabled".into(), json!(false));
    envelope(attributes)
}

/// Credentials to check with `POST /validate` (nothing is stored).
#[derive(Clone)]
pub struct CredentialsRequest {
    pub integration_type: String,
    pub domain: String,
    pub secrets: Secrets,
}

impl fmt::Debug for CredentialsRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CredentialsRequest")
            .field("integration_type", &self.integration_type)
            .field("domain", &self.domain)
            .field("secrets", &self.secrets.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl CredentialsRequest {
    /// The body: `domain`, `integration_type`, `secrets` (no name, no settings).
    pub fn body(&self) -> Json {
        let mut attributes = Map::new();
        attributes.insert("integration_type".into(), json!(self.integration_type));
        attributes.insert("domain".into(), json!(self.domain));
        attributes.insert("secrets".into(), secrets_json(&self.secrets));
        envelope(attributes)
    }
}

/// What a validation answered: credentials that do not work are a verdict, not an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub valid: bool,
    /// The API's reasons when not valid (secrets masked); empty when valid.
    pub message: String,
}

#[cfg(test)]
mod tests;
