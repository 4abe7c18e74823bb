//! The list data source (`data "prismacloud_integrations"`): every object (or those of one type)
//! with its summary, sorted by name then id so that plans and outputs are stable.

use std::collections::BTreeMap;

use tfplugin::diag::Diagnostics;
use tfplugin::provider::ReadDataResponse;
use tfplugin::schema::{Attribute, Block, Nesting, Presence, Schema};
use tfplugin::value::{Type, Value};

use super::{DataSources, arguments, summary};
use crate::api::IntegrationApi;
use crate::errors::{Hints, api_error};

pub fn schema(sources: &DataSources) -> Schema {
    let (catalog, spec) = (sources.catalog, sources.spec);
    let object = catalog.object;
    Schema {
        version: 0,
        block: Block {
            attributes: vec![
                Attribute::new("integration_type", Type::String, Presence::Optional).description(
                    format!(
                        "List only {object}s of this type, e.g. {}. Lists every type when null.",
                        spec.type_example
                    ),
                ),
                Attribute::nested(
                    spec.list_attribute,
                    Nesting::List,
                    spec.listed
                        .iter()
                        .map(|n| summary::attribute(sources, n, Presence::Computed))
                        .collect(),
                    Presence::Computed,
                )
                .description(format!(
                    "The {object}s, sorted by name then id. Read one with the {} data source for \
                     its configuration.",
                    spec.lookup
                )),
            ],
            description: format!(
                "Lists the {} {object}s, optionally of one type, whoever created them.",
                catalog.vendor
            ),
            deprecated: false,
        },
    }
}

pub fn validate(sources: &DataSources, config: &Value) -> Diagnostics {
    let mut diags = Diagnostics::new();
    arguments::integration_type_argument(sources.catalog, config, &mut diags);
    diags
}

/// Lists the objects (`config` validated already).
pub async fn read<A: IntegrationApi>(
    sources: &DataSources,
    hints: &dyn Hints,
    client: &A,
    config: &Value,
) -> ReadDataResponse {
    let (catalog, spec) = (sources.catalog, sources.spec);
    let filter = config
        .get("integration_type")
        .as_str()
        .and_then(|t| catalog.find(t));
    let mut found = match client.list(filter.map(|t| t.wire_type)).await {
        Ok(found) => found,
        Err(e) => {
            let what = match filter {
                Some(t) => format!("list the {} {}s", t.name, catalog.object),
                None => format!("list the {}s", catalog.object),
            };
            return ReadDataResponse {
                diagnostics: api_error(catalog, hints, &what, spec.list, &e, &[]).into(),
                ..Default::default()
            };
        }
    };
    found.sort_by(|a, b| a.name().cmp(b.name()).then_with(|| a.id.cmp(&b.id)));
    let listed = found
        .iter()
        .map(|i| Value::Object(summary::values(catalog, i, spec.listed)))
        .collect();
    ReadDataResponse {
        state: Value::Object(BTreeMap::from([
            (
                "integration_type".to_string(),
                config.get("integration_type").clone(),
            ),
            (spec.list_attribute.to_string(), Value::List(listed)),
        ])),
        diagnostics: Diagnostics::new(),
    }
}
