//! `data "datadogsiem_entity_context_sync_check"`: asks Datadog whether the credentials of a
//! stored configuration still work (`POST /{id}/validate`). Credentials that stopped working
//! are a verdict (`valid = false`), not an error, for `check` blocks; a configuration that does
//! not exist is an error.

use tfplugin::diag::{AttributePath, Diagnostics};
use tfplugin::provider::ReadDataResponse;
use tfplugin::schema::{Attribute, Block, Presence, Schema};
use tfplugin::value::{Type, Value};

use super::{call_failed, failed, verdict_attributes, verdict_state};
use crate::api::Client;
use crate::catalog::{CATALOG, PREVIEW_NOTICE};
use crate::provider::Datadog;

pub const TYPE_NAME: &str = "datadogsiem_entity_context_sync_check";

pub fn schema() -> Schema {
    let [valid, message] = verdict_attributes("the stored credentials");
    Schema {
        version: 0,
        block: Block {
            attributes: vec![
                Attribute::new("id", Type::String, Presence::Required).description(
                    "The ID of the entity context sync configuration to check, e.g. \
                     `datadogsiem_entity_context_sync_okta.main.id`.",
                ),
                valid,
                message,
            ],
            description: format!(
                "Asks Datadog whether the credentials of a stored entity context sync \
                 configuration still work. Credentials that stopped working are a result \
                 (`valid = false`, with Datadog's message), not an error, so the data source \
                 fits a `check` block.\n\n{PREVIEW_NOTICE}"
            ),
            deprecated: false,
        },
    }
}

pub fn validate(config: &Value) -> Diagnostics {
    let mut d = Diagnostics::new();
    if config
        .get("id")
        .as_str()
        .is_some_and(|s| s.trim().is_empty())
    {
        d.attribute_error(
            AttributePath::root("id"),
            "Empty id",
            "id must not be empty.",
        );
    }
    d
}

pub async fn read(platform: &Datadog, client: &Client, config: &Value) -> ReadDataResponse {
    let id = config.get("id").as_str().unwrap_or_default().trim();
    match client.validate_stored(id).await {
        Ok(verdict) => ReadDataResponse {
            state: verdict_state(config, &verdict, &[]),
            diagnostics: Diagnostics::new(),
        },
        Err(e) if e.is_not_found() => {
            let object = CATALOG.object;
            let mut d = Diagnostics::new();
            d.attribute_error(
                AttributePath::root("id"),
                "Entity context sync configuration not found",
                format!(
                    "Datadog has no {object} with id {id:?}. The datadogsiem_entity_context_syncs \
                     data source lists those that exist."
                ),
            );
            failed(d)
        }
        Err(e) => call_failed(
            platform,
            TYPE_NAME,
            &format!("check the {} {id:?}", CATALOG.object),
            &e,
        ),
    }
}
