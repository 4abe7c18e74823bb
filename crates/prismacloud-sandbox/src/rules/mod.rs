//! Validation of `integrationConfig`, server-side, as the API documents it.
//!
//! The sandbox is strict on purpose: a provider that sends a wrong key, a wrong type, a value in
//! the wrong format, or that forgets a rule involving several keys, gets a 400 naming every
//! problem at once, so the bug shows up as a failing test.
//!
//! - [`spec`]: the keys of every type (kinds, formats, defaults, secrets, mutability).
//! - [`formats`]: string formats (URLs, ARNs, S3 URIs, UUIDs).
//! - [`values`]: one value against its key.
//! - [`cross`]: rules over several keys.

mod cross;
mod formats;
pub(crate) mod spec;
mod values;

use std::collections::BTreeMap;

use secrecy::{ExposeSecret, SecretString};
use serde_json::{Map, Value};

use super::error::{Violation, keys};
use super::integration_type::IntegrationType;

/// A valid `integrationConfig`, defaults applied, with secrets held apart from the rest so that
/// nothing renders them by accident.
#[derive(Debug, Clone, Default)]
pub(crate) struct ValidConfig {
    /// Every non-secret key.
    pub(crate) plain: Map<String, Value>,
    /// Every secret key given.
    pub(crate) secrets: BTreeMap<&'static str, SecretString>,
}

impl ValidConfig {
    /// The value of `key`, secret or not.
    fn exposed(&self, key: &str) -> Option<Value> {
        match self.secrets.get(key) {
            Some(secret) => Some(Value::from(secret.expose_secret())),
            None => self.plain.get(key).cloned(),
        }
    }

    /// The whole config with secrets in clear text: only for in-process inspection and for
    /// re-validating an update, never for a response.
    pub(crate) fn exposed_map(&self) -> Map<String, Value> {
        let mut map = self.plain.clone();
        for (key, secret) in &self.secrets {
            map.insert((*key).to_owned(), Value::from(secret.expose_secret()));
        }
        map
    }
}

/// Finds the type of a stored integration by id (for snowflake's `stagingIntegrationId`).
pub(crate) type TypeLookup<'a> = &'a dyn Fn(&str) -> Option<IntegrationType>;

/// Validates `raw` as the `integrationConfig` of a `ty` integration. Pushes every violation found
/// to `out`; returns the config to store when there were none.
pub(crate) fn validate_config(
    ty: IntegrationType,
    raw: &Map<String, Value>,
    lookup: TypeLookup<'_>,
    out: &mut Vec<Violation>,
) -> Option<ValidConfig> {
    let before = out.len();
    let specs = spec::keys(ty);
    let known: Vec<&str> = specs.iter().map(|s| s.key).collect();
    values::reject_unknown(raw, &known, "integrationConfig", out);

    let mut config = ValidConfig::default();
    for key_spec in specs {
        let path = format!("integrationConfig.{}", key_spec.key);
        let value = raw.get(key_spec.key).filter(|v| !v.is_null());
        let stored = match (value, key_spec.presence) {
            (Some(value), _) => values::check(key_spec, value, &path, out),
            (None, spec::Presence::Required) => {
                out.push(Violation::new(
                    keys::MISSING_PARAMETER,
                    &path,
                    format!("{path} is required for {}", ty.wire_name()),
                ));
                None
            }
            (None, spec::Presence::Optional) => None,
            (None, spec::Presence::Defaulted(fallback)) => Some(fallback.value()),
        };
        match (stored, key_spec.secret) {
            (Some(Value::String(secret)), true) => {
                config
                    .secrets
                    .insert(key_spec.key, SecretString::from(secret));
            }
            (Some(value), _) => {
                config.plain.insert(key_spec.key.to_owned(), value);
            }
            (None, _) => {}
        }
    }
    cross::check(ty, raw, out);
    if ty == IntegrationType::Snowflake {
        check_staging(raw, lookup, out);
    }
    (out.len() == before).then_some(config)
}

fn check_staging(raw: &Map<String, Value>, lookup: TypeLookup<'_>, out: &mut Vec<Violation>) {
    const PATH: &str = "integrationConfig.stagingIntegrationId";
    let Some(id) = raw
        .get("stagingIntegrationId")
        .and_then(Value::as_str)
        .filter(|id| !id.trim().is_empty())
    else {
        return;
    };
    let why = match lookup(id) {
        Some(IntegrationType::AwsS3) => return,
        Some(other) => format!(
            "{PATH} must be the id of an aws_s3 integration, not of a {} one",
            other.wire_name()
        ),
        None => format!("{PATH} must be the id of an existing aws_s3 integration"),
    };
    out.push(Violation::new(keys::INVALID_STAGING, PATH, why));
}

/// Pushes a violation for every key an update may not change (`integration_config_key_not_mutable`)
/// whose value differs between `old` and `new` (adding or removing one counts as a change).
pub(crate) fn check_mutability(
    ty: IntegrationType,
    old: &ValidConfig,
    new: &ValidConfig,
    out: &mut Vec<Violation>,
) {
    for key_spec in spec::keys(ty) {
        if spec::key_mutable(ty, key_spec.key) {
            continue;
        }
        if old.exposed(key_spec.key) != new.exposed(key_spec.key) {
            let path = format!("integrationConfig.{}", key_spec.key);
            out.push(Violation::new(
                keys::KEY_NOT_MUTABLE,
                &path,
                format!("{path} cannot be changed once the integration exists"),
            ));
        }
    }
}

/// Secret keys of `ty`.
pub(crate) fn secret_keys(ty: IntegrationType) -> impl Iterator<Item = &'static str> {
    spec::keys(ty).iter().filter(|k| k.secret).map(|k| k.key)
}

#[cfg(test)]
mod tests;
