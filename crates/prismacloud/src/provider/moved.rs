//! `moved` blocks from PaloAltoNetworks' official provider (`MoveResourceState`):
//! `moved { from = prismacloud_integration.x  to = prismacloud_integration_<type>.x }` turns the
//! official generic resource's state into the per-type resource's, without touching the
//! integration in Prisma Cloud.
//!
//! The official resource (`registry.terraform.io/paloaltonetworks/prismacloud`, a Plugin SDK v2
//! resource, schema version 0) stores the integration as the API reported it, in snake_case:
//! `id` (also `integration_id`), `name`, `description`, `enabled`, `integration_type`, the
//! status attributes, and `integration_config`, a list of one object holding every
//! configuration key of every type ("" where unused). Its key names are the snake_case of the API
//! keys, with a few spelled differently (`pass_phrase` for `passphrase`), so keys are matched
//! ignoring underscores and case. Its values are turned back into the API's JSON and read by the
//! same code that reads API answers ([`integration_engine::state::state_from_api`]).
//!
//! Secrets the old state holds move with it (the API never returns them, so there is nowhere else
//! to get them from); a masked value (`****`, which the official provider stores when it read one
//! back) is not a secret and is dropped, with a warning. Webhook `headers` move as the list they
//! are, a secure header without its value; the value, where the old state holds it unmasked,
//! moves into `secure_header_values`. Terraform refreshes the moved state from Prisma Cloud right
//! after the move, so every other value ends up as the API reports it.

use std::collections::BTreeMap;

use serde_json::{Map, Value as Json};

use integration_engine::identity::identity_of;
use integration_engine::schema::secret_names;
use integration_engine::state::state_from_api;
use tfplugin::diag::Diagnostics;
use tfplugin::provider::{MoveRequest, MoveResponse};
use tfplugin::value::Value;

use crate::api::Integration;
use crate::catalog::{self, CATALOG, Entries, Field, IntegrationType, Kind};
use crate::provider::client;

/// The official provider's address, without its host (a private registry may mirror it).
pub const OFFICIAL_PROVIDER: &str = "paloaltonetworks/prismacloud";
/// The official provider's generic integration resource type.
pub const OFFICIAL_TYPE: &str = "prismacloud_integration";

fn error(summary: impl Into<String>, detail: impl Into<String>) -> MoveResponse {
    let mut diagnostics = Diagnostics::new();
    diagnostics.error(summary, detail);
    MoveResponse {
        diagnostics,
        ..MoveResponse::default()
    }
}

fn from_official_provider(address: &str) -> bool {
    let lower = address.to_ascii_lowercase();
    lower == OFFICIAL_PROVIDER || lower.ends_with(&format!("/{OFFICIAL_PROVIDER}"))
}

/// A key compared loosely: `pass_phrase`, `passphrase` and `passPhrase` are the same key.
fn loose(key: &str) -> String {
    key.chars()
        .filter(|c| *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The official value for `field`, if it holds anything.
fn lookup<'a>(official: &'a Map<String, Json>, field: &Field) -> Option<&'a Json> {
    let want = loose(field.key);
    official
        .iter()
        .find(|(k, _)| loose(k) == want)
        .map(|(_, v)| v)
        .filter(|v| match v {
            Json::Null => false,
            Json::String(s) => !s.is_empty(),
            Json::Array(a) => !a.is_empty(),
            Json::Object(o) => !o.is_empty(),
            _ => true,
        })
}

/// A Plugin SDK nested block is a list even when it holds one object.
fn single_object(value: &Json) -> Option<&Map<String, Json>> {
    match value {
        Json::Object(m) => Some(m),
        Json::Array(items) if items.len() == 1 => items[0].as_object(),
        _ => None,
    }
}

/// The API's `integrationConfig` JSON for `fields`, from the official snake_case values.
fn wire_config(fields: &[Field], official: &Map<String, Json>) -> Map<String, Json> {
    let mut wire = Map::new();
    for field in fields.iter().filter(|f| !f.secret) {
        let Some(value) = lookup(official, field) else {
            continue;
        };
        let converted = match &field.kind {
            Kind::Object(nested) => single_object(value).map(|m| wire_config(nested, m).into()),
            Kind::ObjectList(nested) | Kind::Entries(Entries { fields: nested, .. }) => {
                value.as_array().map(|items| {
                    items
                        .iter()
                        .filter_map(Json::as_object)
                        .map(|m| Json::Object(wire_config(nested, m)))
                        .collect()
                })
            }
            _ => Some(value.clone()),
        };
        if let Some(v) = converted {
            wire.insert(field.key.to_string(), v);
        }
    }
    wire
}

/// A string made only of asterisks: the mask the API returns instead of a secret.
fn is_masked(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c == '*')
}

fn text(state: &Map<String, Json>, key: &str) -> Json {
    match state.get(key) {
        Some(Json::String(s)) if !s.is_empty() => Json::String(s.clone()),
        _ => Json::Null,
    }
}

/// The official state as the API object it was read from.
fn api_object(state: &Map<String, Json>, ty: &IntegrationType) -> Json {
    let id = match text(state, "id") {
        Json::Null => text(state, "integration_id"),
        id => id,
    };
    let official_config = state
        .get("integration_config")
        .and_then(single_object)
        .cloned()
        .unwrap_or_default();
    let reason = state
        .get("reason")
        .and_then(single_object)
        .map(|r| text(r, "message"))
        .unwrap_or(Json::Null);
    serde_json::json!({
        "id": id,
        "name": state.get("name"),
        "description": state.get("description"),
        // An SDK optional bool left unset is null; the API's default is enabled.
        "enabled": state.get("enabled").and_then(Json::as_bool).unwrap_or(true),
        "integrationType": state.get("integration_type"),
        "integrationConfig": wire_config(ty.fields, &official_config),
        "createdBy": text(state, "created_by"),
        "createdTs": state.get("created_ts").filter(|t| t.as_i64() != Some(0)),
        "lastModifiedBy": text(state, "last_modified_by"),
        "lastModifiedTs": state.get("last_modified_ts").filter(|t| t.as_i64() != Some(0)),
        "status": text(state, "status"),
        "valid": state.get("valid"),
        "reason": reason,
    })
}

/// The secret values of the official list of entries `found` (its secure webhook headers), by
/// name; a masked one is not a secret and is named in `masked` instead.
fn entry_secrets(
    entries: &Entries,
    found: Option<&Json>,
    plain: &str,
    masked: &mut Vec<String>,
) -> BTreeMap<String, Value> {
    let mut values = BTreeMap::new();
    let items = found.and_then(Json::as_array).map(Vec::as_slice);
    for entry in items.unwrap_or_default().iter().filter_map(Json::as_object) {
        let field = |key: &str| entries.fields.iter().find(|f| f.key == key);
        let get = |key: &str| field(key).and_then(|f| lookup(entry, f));
        let (Some(name), Some(Json::Bool(true))) = (
            get(entries.name).and_then(Json::as_str),
            get(entries.secret_flag),
        ) else {
            continue;
        };
        match get(entries.value).and_then(Json::as_str) {
            Some(s) if is_masked(s) => masked.push(format!("{plain}[{name:?}]")),
            Some(s) => {
                values.insert(name.to_string(), Value::string(s));
            }
            None => {}
        }
    }
    values
}

/// Move the official provider's `prismacloud_integration` state into `target` (a resource of
/// integration type `ty`).
pub fn move_state(ty: &IntegrationType, target: &str, request: &MoveRequest) -> MoveResponse {
    let source = &request.source_type_name;
    if source != OFFICIAL_TYPE || !from_official_provider(&request.source_provider_address) {
        return error(
            format!("Cannot move {source} to {target}"),
            format!(
                "{target} accepts moves only from the {OFFICIAL_TYPE} resource of \
                 PaloAltoNetworks' provider (registry.terraform.io/{OFFICIAL_PROVIDER}); the \
                 source is {source} of {}. To manage an existing integration with {target}, \
                 import it by its ID instead.",
                request.source_provider_address
            ),
        );
    }
    let Some(state) = request.source_state.as_object() else {
        return error(
            format!("No state to move into {target}"),
            format!("The {OFFICIAL_TYPE} state to move is empty."),
        );
    };
    let official_type = state
        .get("integration_type")
        .and_then(Json::as_str)
        .unwrap_or_default();
    let api = match Integration::from_json(&api_object(state, ty)) {
        Ok(api) => api,
        Err(detail) => {
            return error(
                format!("Unreadable {OFFICIAL_TYPE} state"),
                format!(
                    "The state to move into {target} is not in the layout of PaloAltoNetworks' \
                     {OFFICIAL_TYPE} (schema version {}): {detail}.",
                    request.source_schema_version
                ),
            );
        }
    };
    if api.integration_type != ty.name {
        let instead = match catalog::find(&api.integration_type) {
            Some(t) => format!("Move it to {} instead.", CATALOG.resource_name(t)),
            None => format!(
                "This provider has no resource for integration type {:?}.",
                api.integration_type
            ),
        };
        return error(
            format!("Cannot move a {official_type:?} integration into {target}"),
            format!(
                "The {OFFICIAL_TYPE} being moved holds a {official_type:?} integration \
                 (integration_type), but {target} manages {:?} integrations. {instead}",
                ty.name
            ),
        );
    }

    let official_config = state
        .get("integration_config")
        .and_then(single_object)
        .cloned()
        .unwrap_or_default();
    let mut prior = BTreeMap::new();
    let mut masked = Vec::new();
    for field in ty.fields.iter().filter(|f| f.holds_secrets()) {
        let n = secret_names(field);
        let found = lookup(&official_config, field);
        match field.entries() {
            None => match found.and_then(Json::as_str) {
                Some(s) if is_masked(s) => masked.push(n.plain),
                Some(s) => {
                    prior.insert(n.plain, Value::string(s));
                }
                None => {}
            },
            Some(entries) => {
                let values = entry_secrets(entries, found, &n.plain, &mut masked);
                if !values.is_empty() {
                    prior.insert(n.plain, Value::Map(values));
                }
            }
        }
    }
    let mut response = MoveResponse::default();
    if !masked.is_empty() {
        response.diagnostics.warning(
            format!("Masked secrets not moved into {target}"),
            format!(
                "The {OFFICIAL_TYPE} state holds {} only as the mask Prisma Cloud returns \
                 (asterisks), not the secret itself, so it was not moved. Prisma Cloud keeps \
                 the secret it has; set the attribute (or its _wo form) to send it again.",
                masked.join(", ")
            ),
        );
    }
    response.target_state = state_from_api(
        &CATALOG,
        ty,
        &client::integration(api),
        &Value::Object(prior),
    );
    response.target_identity = identity_of(&response.target_state);
    response
}

#[cfg(test)]
mod tests;
