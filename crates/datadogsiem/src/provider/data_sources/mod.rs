//! The provider's data sources. The engine serves the lookup
//! (`datadogsiem_entity_context_sync`) and the list (`datadogsiem_entity_context_syncs`) from
//! [`SPEC`]; Datadog's own endpoints add three:
//!
//! - `credentials_check`: `datadogsiem_credentials_check`, credentials checked before anything
//!   is stored (`POST /validate`);
//! - `sync_check`: `datadogsiem_entity_context_sync_check`, a stored configuration's
//!   credentials checked again (`POST /{id}/validate`);
//! - `app_registrations`: `datadogsiem_entra_id_app_registrations`, Entra ID's prerequisite.
//!
//! The two checks answer with a verdict (`valid`, `message`): credentials that do not work are
//! a result, not an error, so that a `check` block can assert on them and the apply goes on.

mod app_registrations;
mod credentials_check;
mod sync_check;

use std::collections::BTreeMap;

use integration_engine::catalog::ComputedKind;
use integration_engine::data_sources::DataSourceSpec;
use integration_engine::errors::api_error;
use integration_engine::provider::unknown_data_source;
use tfplugin::diag::Diagnostics;
use tfplugin::provider::ReadDataResponse;
use tfplugin::schema::{Attribute, Presence, Schema};
use tfplugin::value::{Type, Value};

use super::Datadog;
use crate::api::{Client, Error, Verdict};
use crate::catalog::CATALOG;

/// How the lookup and the list are named and worded.
pub static SPEC: DataSourceSpec = DataSourceSpec {
    lookup: "datadogsiem_entity_context_sync",
    list: "datadogsiem_entity_context_syncs",
    list_attribute: "entity_context_syncs",
    attributes: &[
        ("id", ComputedKind::String, "The configuration's ID."),
        (
            "name",
            ComputedKind::String,
            "The configuration's display name.",
        ),
        (
            "integration_type",
            ComputedKind::String,
            "The source type, e.g. `okta` or `google_workspace`; its resource type is \
             `datadogsiem_entity_context_sync_<integration_type>`.",
        ),
        (
            "domain",
            ComputedKind::String,
            "The domain associated with the external entity source.",
        ),
        (
            "enabled",
            ComputedKind::Bool,
            "Whether the sync is enabled and actively ingesting entities into Cloud SIEM.",
        ),
        (
            "settings",
            ComputedKind::String,
            "The settings as JSON text with sorted keys (`jsondecode()` it); null when there \
             are none.",
        ),
        (
            "state",
            ComputedKind::String,
            "The state of the credentials: `valid`, `invalid` or `initializing`.",
        ),
        (
            "created_at",
            ComputedKind::String,
            "When the configuration was created (RFC 3339).",
        ),
        (
            "modified_at",
            ComputedKind::String,
            "When the configuration was last modified (RFC 3339).",
        ),
    ],
    reported: &[
        "domain",
        "enabled",
        "settings",
        "state",
        "created_at",
        "modified_at",
    ],
    listed: &[
        "id",
        "name",
        "integration_type",
        "domain",
        "enabled",
        "state",
        "created_at",
        "modified_at",
    ],
    type_example: "`okta`",
    config_example: "every key of these source types is a secret, which Datadog never returns, \
                     so this map is empty",
};

/// The data sources of Datadog's own, by type name.
pub fn own_schemas() -> BTreeMap<String, Schema> {
    BTreeMap::from([
        (
            credentials_check::TYPE_NAME.to_string(),
            credentials_check::schema(),
        ),
        (sync_check::TYPE_NAME.to_string(), sync_check::schema()),
        (
            app_registrations::TYPE_NAME.to_string(),
            app_registrations::schema(),
        ),
    ])
}

/// Static checks of one of Datadog's own data sources.
pub fn validate(type_name: &str, config: &Value) -> Diagnostics {
    match type_name {
        credentials_check::TYPE_NAME => credentials_check::validate(config),
        sync_check::TYPE_NAME => sync_check::validate(config),
        app_registrations::TYPE_NAME => Diagnostics::new(),
        _ => unknown_data_source(type_name),
    }
}

/// Reads one of Datadog's own data sources (the engine validated its configuration, wholly
/// known by now).
pub async fn read(
    platform: &Datadog,
    client: &Client,
    type_name: &str,
    config: &Value,
) -> ReadDataResponse {
    match type_name {
        credentials_check::TYPE_NAME => credentials_check::read(platform, client, config).await,
        sync_check::TYPE_NAME => sync_check::read(platform, client, config).await,
        app_registrations::TYPE_NAME => app_registrations::read(platform, client).await,
        _ => failed(unknown_data_source(type_name)),
    }
}

fn failed(diagnostics: Diagnostics) -> ReadDataResponse {
    ReadDataResponse {
        diagnostics,
        ..Default::default()
    }
}

/// A failed call as a data source's error.
fn call_failed(platform: &Datadog, type_name: &str, action: &str, e: &Error) -> ReadDataResponse {
    failed(api_error(&CATALOG, platform, action, type_name, e, &[]).into())
}

/// The verdict attributes both checks report.
fn verdict_attributes(what: &str) -> [Attribute; 2] {
    [
        Attribute::new("valid", Type::Bool, Presence::Computed)
            .description(format!("Whether Datadog could use {what}.")),
        Attribute::new("message", Type::String, Presence::Computed).description(
            "Datadog's reasons when `valid` is false (empty otherwise), with configured \
             secrets removed.",
        ),
    ]
}

/// `config` with the verdict filled in and `hidden` attributes stored as null.
fn verdict_state(config: &Value, verdict: &Verdict, hidden: &[&str]) -> Value {
    let mut state = config.as_object().cloned().unwrap_or_default();
    for name in hidden {
        state.insert((*name).to_string(), Value::Null);
    }
    state.insert("valid".into(), Value::Bool(verdict.valid));
    state.insert("message".into(), Value::string(verdict.message.as_str()));
    Value::Object(state)
}
