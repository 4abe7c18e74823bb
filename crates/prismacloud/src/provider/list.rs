//! List resources for `terraform query` (Terraform 1.14+): one per integration type, named like
//! its resource type, listing the integrations of that type that already exist in Prisma Cloud.
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

use crate::api::{Client, Integration};
use crate::catalog::IntegrationType;
use tfplugin::diag::{AttributePath, Diagnostics};
use tfplugin::provider::{ListEvent, ListRequest, ListSink};
use tfplugin::schema::{Attribute, Block, Presence, Schema};
use tfplugin::value::{Type, Value};

use super::errors::api_error;
use super::identity::identity_of;
use super::state::state_from_api;

/// The schema of the list block's `config` for one integration type.
pub fn list_schema(ty: &IntegrationType) -> Schema {
    Schema {
        version: 0,
        block: Block {
            attributes: vec![
                Attribute::new("name", Type::String, Presence::Optional).description(
                    "Only integrations whose name contains this text, ignoring case. Leave it \
                     out to list every integration of the type.",
                ),
            ],
            description: format!(
                "Lists the {} integrations that exist in Prisma Cloud, for `terraform query` and \
                 `terraform query -generate-config-out`.",
                ty.title
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
fn matches(config: &Value, integration: &Integration) -> bool {
    match config.get("name").as_str() {
        Some(part) => integration
            .name
            .to_lowercase()
            .contains(&part.trim().to_lowercase()),
        None => true,
    }
}

/// List the integrations of `ty` into `sink`, in a stable order (by name ignoring case, then
/// ID) so that the addresses Terraform generates for them stay the same from one query to the
/// next.
pub async fn list(
    client: &Client,
    ty: &'static IntegrationType,
    type_name: &str,
    request: ListRequest,
    sink: ListSink,
) {
    let mut found = match client.list(Some(ty.name)).await {
        Ok(found) => found,
        Err(e) => {
            let what = format!("list the {} integrations", ty.title);
            let _ = sink
                .diagnostics(api_error(&what, type_name, &e, &[]).into())
                .await;
            return;
        }
    };
    found.retain(|i| matches(&request.config, i));
    found.sort_by_cached_key(|i| (i.name.to_lowercase(), i.name.clone(), i.id.clone()));
    let limit = usize::try_from(request.limit).unwrap_or(0);
    for integration in found.iter().take(limit) {
        let state = state_from_api(ty, integration, &Value::Null);
        let event = ListEvent {
            identity: identity_of(&state),
            display_name: integration.name.clone(),
            resource_object: request.include_resource_object.then_some(state),
            diagnostics: Diagnostics::new(),
        };
        if sink.send(event).await.is_err() {
            return; // Terraform has what it asked for.
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn integration(name: &str) -> Integration {
        Integration {
            name: name.into(),
            ..crate::provider::fixtures::integration("slack", serde_json::json!({}))
        }
    }

    fn filter(name: Option<&str>) -> Value {
        Value::Object(
            [(
                "name".to_string(),
                name.map(Value::string).unwrap_or(Value::Null),
            )]
            .into(),
        )
    }

    #[test]
    fn the_name_filter_is_a_case_insensitive_substring() {
        let i = integration("SecOps alerts (prod)");
        assert!(matches(&filter(Some("secops")), &i));
        assert!(matches(&filter(Some("SecOps alerts (prod)")), &i));
        assert!(matches(&filter(None), &i));
        assert!(!matches(&filter(Some("staging")), &i));
    }

    #[test]
    fn an_empty_filter_is_an_error_naming_the_attribute() {
        let d = validate(&filter(Some("  ")));
        assert!(d.has_errors());
        assert_eq!(
            d.iter().next().unwrap().attribute,
            Some(AttributePath::root("name"))
        );
        assert!(validate(&filter(None)).is_empty());
    }
}
