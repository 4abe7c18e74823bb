//! Validation of `integrationConfig`, server-side, as the API documents it.
//!
//! The sandbox is strict on purpose: a provider that sends a wrong key, a wrong type, a value in
//! the wrong format, or that forgets a rule involving several keys, gets a 400 naming every
//! problem at once, so the bug shows up as a failing test.
//!
//! - [`spec`]: the keys of every type (kinds, formats, defaults, secrets, mutability).
//! - [`formats`]: string formats (URLs, ARNs, S3 URIs, UUIDs).
//! - [`values`]: one value against its key; [`headers`]: webhook headers, whose secure values
//!   are secrets inside a list.
//! - [`cross`]: rules over several keys.

mod cross;
mod formats;
mod headers;
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
    /// Every non-secret key (webhook `headers` without their secure values).
    pub(crate) plain: Map<String, Value>,
    /// Every secret key given.
    pub(crate) secrets: BTreeMap<&'static str, SecretString>,
    /// The values of secure webhook headers, by header name.
    pub(crate) header_secrets: BTreeMap<String, SecretString>,
}

impl ValidConfig {
    /// The value of `key`, secret or not.
    fn exposed(&self, key: &str) -> Option<Value> {
        self.exposed_map().remove(key)
    }

    /// The whole config with every secret as `show` makes it: masked for a v1 read, in clear
    /// text for in-process inspection and for re-validating an update.
    pub(crate) fn shown(&self, show: &dyn Fn(&SecretString) -> Value) -> Map<String, Value> {
        let mut map = self.plain.clone();
        for (key, secret) in &self.secrets {
            map.insert((*key).to_owned(), show(secret));
        }
        if let Some(headers) = map.get_mut(headers::KEY) {
            *headers = headers::with_values(headers, &self.header_secrets, show);
        }
        map
    }

    /// The whole config with secrets in clear text: only for in-process inspection and for
    /// re-validating an update, never for a response.
    pub(crate) fn exposed_map(&self) -> Map<String, Value> {
        self.shown(&|secret| Value::from(secret.expose_secret()))
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
            (Some(mut value), false) if key_spec.kind == spec::Kind::Headers => {
                headers::split(&mut value, &mut config.header_secrets);
                config.plain.insert(key_spec.key.to_owned(), value);
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
fn secret_keys(ty: IntegrationType) -> impl Iterator<Item = &'static str> {
    spec::keys(ty).iter().filter(|k| k.secret).map(|k| k.key)
}

/// A write-only secret cannot be read back, so an update body `raw` that omits one keeps the
/// value `stored`: a secret key absent or null, or a secure header sent without its value.
pub(crate) fn keep_omitted_secrets(
    ty: IntegrationType,
    stored: &ValidConfig,
    mut raw: Map<String, Value>,
) -> Map<String, Value> {
    let exposed = stored.exposed_map();
    for key in secret_keys(ty) {
        let omitted = raw.get(key).is_none_or(Value::is_null);
        if let (true, Some(value)) = (omitted, exposed.get(key)) {
            raw.insert(key.to_owned(), value.clone());
        }
    }
    if let Some(headers) = raw.get_mut(headers::KEY) {
        headers::keep_omitted(headers, &stored.header_secrets);
    }
    raw
}

#[cfg(test)]
mod tests;
