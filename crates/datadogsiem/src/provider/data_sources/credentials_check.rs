//! `data "datadogsiem_credentials_check"`: asks Datadog whether credentials work
//! (`POST /validate`), without storing anything.
//!
//! `secrets` takes the type's secret attribute names as keys (`api_token`,
//! `service_account_json`, ...) and is checked with the resource's rules (a key file's keys
//! at plan time). Credentials that do not work are a verdict (`valid = false` with Datadog's
//! message), not an error, so that a `check` block can warn about them while the apply goes
//! on. `secrets` is stored as null: the credentials never reach the state.

use std::collections::BTreeMap;

use integration_engine::catalog::{IntegrationType, Kind};
use integration_engine::data_sources::arguments::{self, did_you_mean};
use integration_engine::validate::{validate_config, validate_frame};
use secrecy::SecretString;
use tfplugin::diag::{AttributePath, Diagnostics, PathStep};
use tfplugin::provider::ReadDataResponse;
use tfplugin::schema::{Attribute, Block, Presence, Schema};
use tfplugin::value::{Type, Value};

use super::{call_failed, failed, verdict_attributes, verdict_state};
use crate::api::{Client, CredentialsRequest, SecretValue};
use crate::catalog::{CATALOG, PREVIEW_NOTICE};
use crate::provider::Datadog;

pub const TYPE_NAME: &str = "datadogsiem_credentials_check";

pub fn schema() -> Schema {
    let [valid, message] = verdict_attributes("the credentials");
    Schema {
        version: 0,
        block: Block {
            attributes: vec![
                Attribute::new("integration_type", Type::String, Presence::Required).description(
                    "The source type whose credentials to check, e.g. `okta` or \
                     `google_workspace` (the suffix of its resource type).",
                ),
                Attribute::new("domain", Type::String, Presence::Required)
                    .description("The domain of the external entity source, as the resource's."),
                Attribute::new("secrets", Type::map(Type::String), Presence::Optional)
                    .sensitive(true)
                    .description(
                        "The credentials, keyed by the secret attribute names of the type's \
                         resource: `api_token` (Okta, SentinelOne), `service_account_json` and \
                         `admin_email` (Google Workspace), `client_id` and `client_secret` \
                         (CrowdStrike); none for Entra ID. Checked with the resource's rules; \
                         stored as null, so they never reach the state.",
                    ),
                valid,
                message,
            ],
            description: format!(
                "Checks a source's credentials with Datadog without storing anything. \
                 Credentials that do not work are a result (`valid = false`, with Datadog's \
                 message), not an error, so the data source fits a `check` block: Terraform \
                 then warns, and the apply goes on.\n\n{PREVIEW_NOTICE}"
            ),
            deprecated: false,
        },
    }
}

/// What a valid configuration yields.
struct Prepared {
    ty: &'static IntegrationType,
    domain: String,
    /// By wire key, with the field's kind.
    secrets: BTreeMap<String, SecretValue>,
}

/// The secrets map as an object of the resource's plain attribute names, for the engine's
/// checks; unknown keys are errors.
fn secrets_object(ty: &IntegrationType, secrets: &Value, diags: &mut Diagnostics) -> Value {
    let names: Vec<String> = ty.fields.iter().map(|f| f.attribute()).collect();
    let given = secrets.as_object().cloned().unwrap_or_default();
    for key in given.keys().filter(|k| !names.contains(k)) {
        let takes = if names.is_empty() {
            "none".to_string()
        } else {
            names.join(", ")
        };
        diags.attribute_error(
            AttributePath::root("secrets").key(key),
            "Unknown secret",
            format!(
                "{} credentials have no {key:?}.{} secrets takes: {takes}.",
                ty.title,
                did_you_mean(key, names.iter().map(String::as_str))
            ),
        );
    }
    Value::Object(
        names
            .iter()
            .map(|n| (n.clone(), given.get(n).cloned().unwrap_or(Value::Null)))
            .collect(),
    )
}

/// The engine names `secrets.<key>` as attributes; in a map they are keys.
fn as_map_paths(diags: Diagnostics) -> Diagnostics {
    Diagnostics(
        diags
            .0
            .into_iter()
            .map(|mut d| {
                if let Some(path) = &mut d.attribute
                    && path.0.first() == Some(&PathStep::Attribute("secrets".into()))
                    && let Some(PathStep::Attribute(key)) = path.0.get(1).cloned()
                {
                    path.0[1] = PathStep::Key(key);
                }
                d
            })
            .collect(),
    )
}

/// Checks `config` (values may be unknown: never an error for that). `None` when something is
/// unknown or wrong (then `diags` says what).
fn prepare(config: &Value, diags: &mut Diagnostics) -> Option<Prepared> {
    validate_frame(&CATALOG, config, diags);
    let ty = arguments::integration_type_argument(&CATALOG, config, diags)?;
    let secrets = config.get("secrets");
    if secrets.is_unknown() {
        return None;
    }
    let object = secrets_object(ty, secrets, diags);
    let mut checked = Diagnostics::new();
    validate_config(ty, &object, &AttributePath::root("secrets"), &mut checked);
    diags.extend(as_map_paths(checked));
    let domain = config.get("domain").as_str()?.to_string();
    if object.contains_unknown() || diags.has_errors() {
        return None;
    }
    let secrets = ty
        .fields
        .iter()
        .filter_map(|f| {
            let text = object.get(&f.attribute()).as_str()?;
            let value = SecretValue {
                text: SecretString::from(text),
                json: matches!(f.kind, Kind::Json),
            };
            Some((f.key.to_string(), value))
        })
        .collect();
    Some(Prepared {
        ty,
        domain,
        secrets,
    })
}

pub fn validate(config: &Value) -> Diagnostics {
    let mut diags = Diagnostics::new();
    prepare(config, &mut diags);
    diags
}

/// Runs the check (`config` validated already and wholly known).
pub async fn read(platform: &Datadog, client: &Client, config: &Value) -> ReadDataResponse {
    let Some(prepared) = prepare(config, &mut Diagnostics::new()) else {
        let mut d = Diagnostics::new();
        d.error(
            "Credentials not known",
            "The check can only run once integration_type, domain and secrets are known.",
        );
        return failed(d);
    };
    let request = CredentialsRequest {
        integration_type: prepared.ty.wire_type.to_string(),
        domain: prepared.domain,
        secrets: prepared.secrets,
    };
    match client.validate_credentials(&request).await {
        Ok(verdict) => ReadDataResponse {
            state: verdict_state(config, &verdict, &["secrets"]),
            diagnostics: Diagnostics::new(),
        },
        Err(e) => {
            let action = format!("check the {} credentials", prepared.ty.title);
            call_failed(platform, TYPE_NAME, &action, &e)
        }
    }
}

#[cfg(test)]
mod tests;
