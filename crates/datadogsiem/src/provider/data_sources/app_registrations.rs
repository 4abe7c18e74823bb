//! `data "datadogsiem_entra_id_app_registrations"`: Entra ID's prerequisite
//! (`GET /entra_id/azure_app_registrations`) — the Azure App Registrations Datadog discovered
//! for the organization, and whether one has resource collection enabled. A module requires it
//! with a `precondition` on the Entra ID resource, so that a plan fails with a clear message
//! instead of a create failing at apply time.

use std::collections::BTreeMap;

use tfplugin::diag::Diagnostics;
use tfplugin::provider::ReadDataResponse;
use tfplugin::schema::{Attribute, Block, Nesting, Presence, Schema};
use tfplugin::value::{Type, Value};

use super::call_failed;
use crate::api::{AppRegistration, Client};
use crate::catalog::PREVIEW_NOTICE;
use crate::provider::Datadog;

pub const TYPE_NAME: &str = "datadogsiem_entra_id_app_registrations";

pub fn schema() -> Schema {
    let registration = vec![
        Attribute::new("client_id", Type::String, Presence::Computed)
            .description("The client ID of the App Registration."),
        Attribute::new("tenant_id", Type::String, Presence::Computed)
            .description("The Azure tenant ID of the App Registration."),
        Attribute::new(
            "resource_collection_enabled",
            Type::Bool,
            Presence::Computed,
        )
        .description("Whether resource collection is enabled for it."),
        Attribute::new("subscription_count", Type::Number, Presence::Computed)
            .description("How many Azure subscriptions it covers."),
        Attribute::new("error_count", Type::Number, Presence::Computed)
            .description("How many errors Datadog met crawling its resources."),
    ];
    Schema {
        version: 0,
        block: Block {
            attributes: vec![
                Attribute::new("has_valid_prerequisite", Type::Bool, Presence::Computed)
                    .description(
                        "Whether at least one Azure App Registration has resource collection \
                         enabled: what the Entra ID source needs. Require it in a \
                         `precondition` of `datadogsiem_entity_context_sync_entra_id`.",
                    ),
                Attribute::nested(
                    "azure_app_registrations",
                    Nesting::List,
                    registration,
                    Presence::Computed,
                )
                .description(
                    "The Azure App Registrations of the organization's Azure integration.",
                ),
                Attribute::new("integration_id", Type::String, Presence::Computed).description(
                    "The ID of the Entra ID entity context sync configuration, when one exists \
                     (for an `import` block); null otherwise.",
                ),
            ],
            description: format!(
                "Reports Entra ID's prerequisite: the Azure App Registrations Datadog \
                 discovered for the organization, and whether one has resource collection \
                 enabled.\n\n{PREVIEW_NOTICE}"
            ),
            deprecated: false,
        },
    }
}

fn registration(r: &AppRegistration) -> Value {
    Value::Object(BTreeMap::from([
        ("client_id".into(), Value::string(r.client_id.as_str())),
        ("tenant_id".into(), Value::string(r.tenant_id.as_str())),
        (
            "resource_collection_enabled".into(),
            Value::Bool(r.resource_collection_enabled),
        ),
        (
            "subscription_count".into(),
            Value::int(r.subscription_count),
        ),
        ("error_count".into(), Value::int(r.error_count)),
    ]))
}

pub async fn read(platform: &Datadog, client: &Client) -> ReadDataResponse {
    match client.azure_app_registrations().await {
        Ok(found) => ReadDataResponse {
            state: Value::Object(BTreeMap::from([
                (
                    "has_valid_prerequisite".into(),
                    Value::Bool(found.has_valid_prerequisite),
                ),
                (
                    "azure_app_registrations".into(),
                    Value::List(found.registrations.iter().map(registration).collect()),
                ),
                (
                    "integration_id".into(),
                    found.integration_id.map_or(Value::Null, Value::string),
                ),
            ])),
            diagnostics: Diagnostics::new(),
        },
        Err(e) => call_failed(
            platform,
            TYPE_NAME,
            "read the Entra ID prerequisite (Azure App Registrations)",
            &e,
        ),
    }
}
