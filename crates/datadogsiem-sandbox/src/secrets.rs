//! The `secrets` object of each source type, checked as the API does before it stores
//! anything, and the sandbox's stand-in for the source's own verdict on the credentials.
//!
//! The source's verdict: credentials are refused when any string in `secrets` (inside a key
//! file too) contains the word `invalid`, in any case. So `api_token = "invalid-token"` makes
//! a create, a credential change or `POST /validate` fail with 400, as wrong credentials do
//! against the real source.

use serde_json::{Map, Value};

use crate::error::clip;
use crate::source_type::{SecretShape, SourceType};

/// The keys of a key file the API requires.
const KEY_FILE_KEYS: [&str; 4] = ["client_email", "private_key", "project_id", "type"];

/// Checks `secrets` for `ty`, pushing one problem per broken rule. `partial`: a PATCH's
/// secrets, merged into the stored ones afterwards, so required keys may be absent.
pub fn check(ty: SourceType, secrets: &Map<String, Value>, partial: bool, out: &mut Vec<String>) {
    let known = ty.secrets();
    for key in secrets.keys() {
        if !known.iter().any(|k| k.key == key) {
            let takes = if known.is_empty() {
                "none".to_string()
            } else {
                known.iter().map(|k| k.key).collect::<Vec<_>>().join(", ")
            };
            out.push(format!(
                "secrets.{} is not a secret of {ty} (it takes: {takes})",
                clip(key)
            ));
        }
    }
    for spec in known {
        let at = format!("secrets.{}", spec.key);
        match secrets.get(spec.key) {
            None | Some(Value::Null) if spec.required && !partial => {
                out.push(format!("{at} is required for {ty}"));
            }
            None | Some(Value::Null) => {}
            Some(value) => shape(spec.shape, &at, value, out),
        }
    }
}

fn shape(shape: SecretShape, at: &str, value: &Value, out: &mut Vec<String>) {
    match (shape, value) {
        (SecretShape::Text, Value::String(s)) if !s.trim().is_empty() => {}
        (SecretShape::Text, _) => out.push(format!("{at} must be a non-empty string")),
        (SecretShape::Email, Value::String(s)) if is_email(s) => {}
        (SecretShape::Email, _) => out.push(format!("{at} must be an e-mail address")),
        (SecretShape::KeyFile, Value::Object(file)) => {
            for key in KEY_FILE_KEYS {
                match file.get(key) {
                    Some(Value::String(s)) if !s.is_empty() => {}
                    Some(_) => out.push(format!("{at}.{key} must be a non-empty string")),
                    None => out.push(format!("{at} is missing the key {key}")),
                }
            }
            if file
                .get("type")
                .and_then(Value::as_str)
                .is_some_and(|t| !t.is_empty() && t != "service_account")
            {
                out.push(format!("{at}.type must be service_account"));
            }
        }
        (SecretShape::KeyFile, _) => out.push(format!(
            "{at} must be the service account key file, as a JSON object"
        )),
    }
}

fn is_email(s: &str) -> bool {
    s.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty() && domain.contains('.') && !s.contains(char::is_whitespace)
    })
}

/// The source's verdict (see the module's convention): whether it refuses these credentials.
pub fn refused(secrets: &Map<String, Value>) -> bool {
    secrets.values().any(mentions_invalid)
}

fn mentions_invalid(value: &Value) -> bool {
    match value {
        Value::String(s) => s.to_ascii_lowercase().contains("invalid"),
        Value::Array(items) => items.iter().any(mentions_invalid),
        Value::Object(m) => m.values().any(mentions_invalid),
        _ => false,
    }
}

/// What the API answers when the source refuses credentials.
pub fn refusal(ty: SourceType, domain: &str) -> String {
    format!(
        "Invalid credentials: {ty} refused the credentials for domain {}",
        clip(domain)
    )
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn problems(ty: SourceType, secrets: Value, partial: bool) -> Vec<String> {
        let mut out = Vec::new();
        check(ty, secrets.as_object().unwrap(), partial, &mut out);
        out
    }

    #[test]
    fn key_files_need_their_four_keys_and_the_right_type() {
        let good = json!({"service_account_json": {"client_email": "a@b.c", "private_key": "k",
            "project_id": "p", "type": "service_account", "extra": 1}});
        assert!(problems(SourceType::GoogleWorkspace, good, false).is_empty());
        let old_shape = json!({"admin_email": "admin@example.com"});
        assert_eq!(
            problems(SourceType::GoogleWorkspace, old_shape.clone(), false),
            ["secrets.service_account_json is required for GOOGLE_WORKSPACE"]
        );
        assert!(problems(SourceType::GoogleWorkspace, old_shape, true).is_empty());
        let wrong = json!({"service_account_json": {"client_email": "a@b.c", "private_key": "k",
            "type": "authorized_user"}});
        assert_eq!(
            problems(SourceType::GoogleWorkspace, wrong, false),
            [
                "secrets.service_account_json is missing the key project_id",
                "secrets.service_account_json.type must be service_account"
            ]
        );
        let text = json!({"service_account_json": "{\"type\":\"service_account\"}"});
        assert!(problems(SourceType::GoogleWorkspace, text, false)[0].contains("JSON object"));
    }

    #[test]
    fn unknown_keys_and_types_without_secrets() {
        assert_eq!(
            problems(SourceType::EntraId, json!({"api_token": "x"}), false),
            ["secrets.api_token is not a secret of ENTRA_ID (it takes: none)"]
        );
        assert_eq!(
            problems(SourceType::Crowdstrike, json!({"client_id": ""}), false),
            [
                "secrets.client_id must be a non-empty string",
                "secrets.client_secret is required for CROWDSTRIKE"
            ]
        );
    }

    #[test]
    fn the_word_invalid_anywhere_is_refused() {
        assert!(refused(
            json!({"api_token": "my-INVALID-token"})
                .as_object()
                .unwrap()
        ));
        let nested = json!({"service_account_json": {"private_key": "invalid"}});
        assert!(refused(nested.as_object().unwrap()));
        assert!(!refused(json!({"api_token": "fine"}).as_object().unwrap()));
    }
}
