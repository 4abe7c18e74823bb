//! `data "prismacloud_integration"`: one integration, found by `id` or by `name`, with its
//! status and its non-secret configuration (see [`super::summary`] for the shape of `config`).
//!
//! Exactly one of `id` and `name` is set (checked at plan time); `integration_type` narrows a
//! name lookup (and routes an id lookup to the right endpoints). Not found is an error naming
//! what was searched, with the nearest existing name when one is close.

use std::collections::BTreeMap;

use crate::api::{Client, Integration};
use crate::provider::errors::api_error;
use crate::provider::schema::STATUS_ATTRIBUTES;
use tfplugin::diag::{AttributePath, Diagnostics};
use tfplugin::provider::ReadDataResponse;
use tfplugin::schema::{Attribute, Block, Presence, Schema};
use tfplugin::value::Value;

use super::arguments::{self, did_you_mean};
use super::summary;

pub const TYPE_NAME: &str = "prismacloud_integration";

/// Attributes reported besides the three searched by and `config`, in schema order: the
/// description, `enabled` and the status every resource has.
fn reported() -> Vec<&'static str> {
    let mut names = vec!["description", "enabled"];
    names.extend(STATUS_ATTRIBUTES.iter().map(|(n, _, _)| *n));
    names
}

pub fn schema() -> Schema {
    let mut attributes = vec![
        summary::attribute("id", Presence::OptionalComputed)
            .description("The ID of the integration to read. Set exactly one of `id` and `name`."),
        summary::attribute("name", Presence::OptionalComputed).description(
            "The name of the integration to read (exact, case included). Set exactly one of \
             `id` and `name`.",
        ),
        summary::attribute("integration_type", Presence::OptionalComputed).description(
            "The integration's type, e.g. `slack`. Optional: narrows a lookup by name; reported \
             in any case.",
        ),
    ];
    attributes.extend(
        reported()
            .iter()
            .map(|n| summary::attribute(n, Presence::Computed)),
    );
    attributes.push(
        Attribute::new("config", summary::config_type(), Presence::Computed).description(
            "The non-secret configuration as a map of strings, keyed by the resource's attribute \
             names (`host_url`, `roll_up_interval`). Scalars are their text (`\"60\"`, \
             `\"true\"`); lists and objects are JSON with sorted keys, for `jsondecode()`. \
             Secrets are never included.",
        ),
    );
    Schema {
        version: 0,
        block: Block {
            attributes,
            description: "Reads one Prisma Cloud integration, by ID or by name, whoever created \
                          it."
            .into(),
            deprecated: false,
        },
    }
}

pub fn validate(config: &Value) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let id = config.get("id");
    let name = config.get("name");
    match (id.is_null(), name.is_null()) {
        (true, true) => diags.error(
            "Missing id or name",
            "Set id (the integration's ID) or name (its exact name) to say which integration \
             to read.",
        ),
        (false, false) => diags.attribute_error(
            AttributePath::root("name"),
            "Conflicting id and name",
            "Set only one of id and name: an integration is read either by its ID or by its name.",
        ),
        _ => {}
    }
    for (attr, value) in [("id", id), ("name", name)] {
        if value.as_str().is_some_and(|s| s.trim().is_empty()) {
            diags.attribute_error(
                AttributePath::root(attr),
                format!("Empty {attr}"),
                format!("{attr} must not be empty."),
            );
        }
    }
    arguments::integration_type_argument(config, &mut diags);
    diags
}

/// Reads the integration `config` names (validated already).
pub async fn read(client: &Client, config: &Value) -> ReadDataResponse {
    let mut diagnostics = Diagnostics::new();
    let wanted_type = config.get("integration_type").as_str();
    let found = match (config.get("id").as_str(), config.get("name").as_str()) {
        (Some(id), _) => by_id(client, id, wanted_type).await,
        (_, Some(name)) => by_name(client, name, wanted_type).await,
        _ => Err(Diagnostics::new()),
    };
    match found {
        Ok(integration) => ReadDataResponse {
            state: state(&integration, &mut diagnostics),
            diagnostics,
        },
        Err(d) => {
            diagnostics.extend(d);
            ReadDataResponse {
                diagnostics,
                ..Default::default()
            }
        }
    }
}

fn searched(what: String, wanted_type: Option<&str>) -> String {
    match wanted_type {
        Some(t) => format!("{what} of type {t:?}"),
        None => what,
    }
}

async fn by_id(
    client: &Client,
    id: &str,
    wanted_type: Option<&str>,
) -> Result<Integration, Diagnostics> {
    let what = searched(format!("integration with id {id:?}"), wanted_type);
    let mut d = Diagnostics::new();
    match client.get(id, wanted_type).await {
        Ok(found) if wanted_type.is_some_and(|t| t != found.integration_type) => {
            d.attribute_error(
                AttributePath::root("integration_type"),
                "Integration of another type",
                format!(
                    "Integration {id:?} is of type {:?}, not {:?}. Remove integration_type or \
                     set it to {:?}.",
                    found.integration_type,
                    wanted_type.unwrap_or_default(),
                    found.integration_type
                ),
            );
            Err(d)
        }
        Ok(found) => Ok(found),
        Err(e) if e.is_not_found() => {
            d.attribute_error(
                AttributePath::root("id"),
                "Integration not found",
                format!(
                    "Prisma Cloud has no {what}. The prismacloud_integrations data source lists \
                     the integrations that exist."
                ),
            );
            Err(d)
        }
        Err(e) => Err(api_error(&format!("read the {what}"), TYPE_NAME, &e, &[]).into()),
    }
}

async fn by_name(
    client: &Client,
    name: &str,
    wanted_type: Option<&str>,
) -> Result<Integration, Diagnostics> {
    let what = searched(format!("integration named {name:?}"), wanted_type);
    let mut d = Diagnostics::new();
    let all = match client.list(wanted_type).await {
        Ok(all) => all,
        Err(e) => return Err(api_error(&format!("look up the {what}"), TYPE_NAME, &e, &[]).into()),
    };
    let mut matches: Vec<Integration> = all.iter().filter(|i| i.name == name).cloned().collect();
    match matches.len() {
        1 => Ok(matches.remove(0)),
        0 => {
            d.attribute_error(
                AttributePath::root("name"),
                "Integration not found",
                format!(
                    "Prisma Cloud has no {what}; names match exactly, case included.{}",
                    did_you_mean(name, all.iter().map(|i| i.name.as_str()))
                ),
            );
            Err(d)
        }
        _ => {
            let found: Vec<String> = matches
                .iter()
                .map(|i| format!("{} ({})", i.id, i.integration_type))
                .collect();
            d.attribute_error(
                AttributePath::root("name"),
                "Several integrations have this name",
                format!(
                    "{} integrations are named {name:?}: {}. Set integration_type to choose \
                     one, or look it up by id.",
                    matches.len(),
                    found.join(", ")
                ),
            );
            Err(d)
        }
    }
}

fn state(integration: &Integration, diags: &mut Diagnostics) -> Value {
    let mut out: BTreeMap<String, Value> =
        summary::values(integration, &["id", "name", "integration_type"]);
    out.extend(summary::values(integration, &reported()));
    let config = summary::config_strings(integration).unwrap_or_else(|| {
        diags.attribute_warning(
            AttributePath::root("config"),
            "Configuration not shown",
            format!(
                "Integration {:?} is of type {:?}, which this provider does not know, so it \
                 cannot tell secret keys from the others: config is left empty.",
                integration.id, integration.integration_type
            ),
        );
        Value::Map(BTreeMap::new())
    });
    out.insert("config".into(), config);
    Value::Object(out)
}

#[cfg(test)]
mod tests;
