//! `data "prismacloud_integrations"`: every integration (or those of one type) with its frame
//! and status, sorted by name then id so that plans and outputs are stable.

use std::collections::BTreeMap;

use crate::api::Client;
use crate::provider::errors::api_error;
use tfplugin::diag::Diagnostics;
use tfplugin::provider::ReadDataResponse;
use tfplugin::schema::{Attribute, Block, Nesting, Presence, Schema};
use tfplugin::value::{Type, Value};

use super::{arguments, summary};

pub const TYPE_NAME: &str = "prismacloud_integrations";

/// The attributes of each listed integration.
const LISTED: &[&str] = &[
    "id",
    "name",
    "integration_type",
    "description",
    "enabled",
    "status",
    "valid",
    "reason",
    "created_ts",
    "last_modified_ts",
];

pub fn schema() -> Schema {
    Schema {
        version: 0,
        block: Block {
            attributes: vec![
                Attribute::new("integration_type", Type::String, Presence::Optional).description(
                    "List only integrations of this type, e.g. `slack`. Lists every type when \
                     null.",
                ),
                Attribute::nested(
                    "integrations",
                    Nesting::List,
                    LISTED
                        .iter()
                        .map(|n| summary::attribute(n, Presence::Computed))
                        .collect(),
                    Presence::Computed,
                )
                .description(
                    "The integrations, sorted by name then id. Read one with the \
                     prismacloud_integration data source for its configuration.",
                ),
            ],
            description: "Lists the Prisma Cloud integrations, optionally of one type, whoever \
                          created them."
                .into(),
            deprecated: false,
        },
    }
}

pub fn validate(config: &Value) -> Diagnostics {
    let mut diags = Diagnostics::new();
    arguments::integration_type_argument(config, &mut diags);
    diags
}

/// Lists the integrations (`config` validated already).
pub async fn read(client: &Client, config: &Value) -> ReadDataResponse {
    let filter = config.get("integration_type").as_str();
    let mut found = match client.list(filter).await {
        Ok(found) => found,
        Err(e) => {
            let what = match filter {
                Some(t) => format!("list the {t} integrations"),
                None => "list the integrations".to_string(),
            };
            return ReadDataResponse {
                diagnostics: api_error(&what, TYPE_NAME, &e, &[]).into(),
                ..Default::default()
            };
        }
    };
    found.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
    let listed = found
        .iter()
        .map(|i| Value::Object(summary::values(i, LISTED)))
        .collect();
    ReadDataResponse {
        state: Value::Object(BTreeMap::from([
            (
                "integration_type".to_string(),
                config.get("integration_type").clone(),
            ),
            ("integrations".to_string(), Value::List(listed)),
        ])),
        diagnostics: Diagnostics::new(),
    }
}

#[cfg(test)]
mod tests;
