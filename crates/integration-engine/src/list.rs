//! List resources for `terraform query` (Terraform 1.14+): one per integration type, named like
//! its resource type, listing the integrations of that type that already exist.
//!
//! Each result carries the integration's identity (`{ id }`) and its name as display name, and,
//! when Terraform asks (`include_resource = true`, or `-generate-config-out`), the full resource
//! object — exactly the state an import would produce, so configuration generated from it
//! imports with an empty plan.
//!
//! The optional `name` filter is a case-insensitive substring match. `terraform query` is for
//! finding what exists, and people remember fragments of names ("secops") rather than their
//! exact spelling; the API itself has no name filter, so the match happens here. An exact name
//! still finds its integration (names are unique per tenant); the display names show which
//! other integrations contain it.

use crate::api::{Integration, IntegrationApi};
use crate::catalog::{Catalog, IntegrationType};
use crate::errors::{Hints, api_error};
use crate::identity::identity_of;
use crate::state::state_from_api;
use tfplugin::diag::{AttributePath, Diagnostics};
use tfplugin::provider::{ListEvent, ListRequest, ListSink};
use tfplugin::schema::{Attribute, Block, Presence, Schema};
use tfplugin::value::{Type, Value};

/// The schema of the list block's `config` for one integration type.
pub fn list_schema(catalog: &Catalog, ty: &IntegrationType) -> Schema {
    Schema {
        version: 0,
        block: Block {
            attributes: vec![
                Attribute::new("name", Type::String, Presence::Optional).description(format!(
                    "Only {}s whose name contains this text, ignoring case. Leave it out to \
                     list every {} of the type.",
                    catalog.object, catalog.object
                )),
            ],
            description: format!(
                "Lists the {} {}s that exist in {}, for `terraform query` and `terraform query \
                 -generate-config-out`.",
                ty.title, catalog.object, catalog.vendor
            ),
            deprecated: false,
        },
    }
}

pub fn validate(config: &Value) -> Diagnostics {
    let mut d = Diagnostics::new();
    if config
        .get("name")
        .as_str()
        .is_some_and(|n| n.trim().is_empty())
    {
        d.attribute_error(
            AttributePath::root("name"),
            "Empty name filter",
            "name filters integrations by a part of their name; an empty one would match every \
             integration. Remove name to list them all.",
        );
    }
    d
}

/// Whether `integration` passes the `name` filter of `config`.
pub fn matches(config: &Value, integration: &Integration) -> bool {
    match config.get("name").as_str() {
        Some(part) => integration
            .name()
            .to_lowercase()
            .contains(&part.trim().to_lowercase()),
        None => true,
    }
}

/// List the integrations of `ty` into `sink`, in a stable order (by name ignoring case, then
/// ID) so that the addresses Terraform generates for them stay the same from one query to the
/// next.
pub async fn list<A: IntegrationApi>(
    catalog: &Catalog,
    hints: &dyn Hints,
    client: &A,
    ty: &'static IntegrationType,
    type_name: &str,
    request: ListRequest,
    sink: ListSink,
) {
    let mut found = match client.list(Some(ty.wire_type)).await {
        Ok(found) => found,
        Err(e) => {
            let what = format!("list the {} {}s", ty.title, catalog.object);
            let d = api_error(catalog, hints, &what, type_name, &e, &[]);
            let _ = sink.diagnostics(d.into()).await;
            return;
        }
    };
    found.retain(|i| matches(&request.config, i));
    found.sort_by_cached_key(|i| (i.name().to_lowercase(), i.name().to_owned(), i.id.clone()));
    let limit = usize::try_from(request.limit).unwrap_or(0);
    for integration in found.iter().take(limit) {
        let state = state_from_api(catalog, ty, integration, &Value::Null);
        let event = ListEvent {
            identity: identity_of(&state),
            display_name: integration.name().to_owned(),
            resource_object: request.include_resource_object.then_some(state),
            diagnostics: Diagnostics::new(),
        };
        if sink.send(event).await.is_err() {
            return; // Terraform has what it asked for.
        }
    }
}
