//! The lookup data source (`data "prismacloud_integration"`): one object by id or by name
//! (names match exactly), optionally of one type, with its summary and its non-secret
//! configuration.

use std::collections::BTreeMap;

use tfplugin::diag::{AttributePath, Diagnostics};
use tfplugin::provider::ReadDataResponse;
use tfplugin::schema::{Attribute, Block, Presence, Schema};
use tfplugin::value::Value;

use super::arguments::{self, did_you_mean};
use super::{DataSources, summary};
use crate::api::{Integration, IntegrationApi};
use crate::errors::{Hints, api_error};

pub fn schema(sources: &DataSources) -> Schema {
    let (catalog, spec) = (sources.catalog, sources.spec);
    let object = catalog.object;
    let mut attributes = vec![
        summary::attribute(sources, "id", Presence::OptionalComputed).description(format!(
            "The ID of the {object} to read. Set exactly one of `id` and `name`."
        )),
        summary::attribute(sources, "name", Presence::OptionalComputed).description(format!(
            "The name of the {object} to read (exact, case included). Set exactly one of `id` \
             and `name`."
        )),
        summary::attribute(sources, "integration_type", Presence::OptionalComputed).description(
            format!(
                "The {object}'s type, e.g. {}. Optional: narrows a lookup by name; reported in \
                 any case.",
                spec.type_example
            ),
        ),
    ];
    attributes.extend(
        spec.reported
            .iter()
            .map(|n| summary::attribute(sources, n, Presence::Computed)),
    );
    attributes.push(
        Attribute::new("config", summary::config_type(), Presence::Computed).description(format!(
            "The non-secret configuration as a map of strings, keyed by the resource's attribute \
             names ({}). Scalars are their text (`\"60\"`, `\"true\"`); lists and objects are \
             JSON with sorted keys, for `jsondecode()`. Secrets are never included.",
            spec.config_example
        )),
    );
    Schema {
        version: 0,
        block: Block {
            attributes,
            description: format!(
                "Reads one {} {object}, by ID or by name, whoever created it.",
                catalog.vendor
            ),
            deprecated: false,
        },
    }
}

pub fn validate(sources: &DataSources, config: &Value) -> Diagnostics {
    let object = sources.catalog.object;
    let mut diags = Diagnostics::new();
    let id = config.get("id");
    let name = config.get("name");
    match (id.is_null(), name.is_null()) {
        (true, true) => diags.error(
            "Missing id or name",
            format!(
                "Set id (the {object}'s ID) or name (its exact name) to say which {object} to \
                 read."
            ),
        ),
        (false, false) => diags.attribute_error(
            AttributePath::root("name"),
            "Conflicting id and name",
            format!(
                "Set only one of id and name: an {object} is read either by its ID or by its name."
            ),
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
    arguments::integration_type_argument(sources.catalog, config, &mut diags);
    diags
}

/// What one read works with.
struct Reader<'a, A> {
    sources: &'a DataSources,
    hints: &'a dyn Hints,
    client: &'a A,
}

/// Reads the object `config` names (validated already).
pub async fn read<A: IntegrationApi>(
    sources: &DataSources,
    hints: &dyn Hints,
    client: &A,
    config: &Value,
) -> ReadDataResponse {
    let reader = Reader {
        sources,
        hints,
        client,
    };
    let mut diagnostics = Diagnostics::new();
    // The argument names the catalog type; the API is asked in its own names.
    let wanted = config
        .get("integration_type")
        .as_str()
        .and_then(|t| sources.catalog.find(t));
    let found = match (config.get("id").as_str(), config.get("name").as_str()) {
        (Some(id), _) => reader.by_id(id, wanted).await,
        (_, Some(name)) => reader.by_name(name, wanted).await,
        _ => Err(Diagnostics::new()),
    };
    match found {
        Ok(integration) => ReadDataResponse {
            state: state(sources, &integration, &mut diagnostics),
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

type Wanted = Option<&'static crate::catalog::IntegrationType>;

fn searched(what: String, wanted: Wanted) -> String {
    match wanted {
        Some(t) => format!("{what} of type {:?}", t.name),
        None => what,
    }
}

impl<A: IntegrationApi> Reader<'_, A> {
    fn error(&self, action: String, e: &apiclient::Error) -> Diagnostics {
        let (catalog, lookup) = (self.sources.catalog, self.sources.spec.lookup);
        api_error(catalog, self.hints, &action, lookup, e, &[]).into()
    }

    async fn by_id(&self, id: &str, wanted: Wanted) -> Result<Integration, Diagnostics> {
        let (catalog, spec) = (self.sources.catalog, self.sources.spec);
        let object = catalog.object;
        let what = searched(format!("{object} with id {id:?}"), wanted);
        let mut d = Diagnostics::new();
        match self.client.get(id, wanted.map(|t| t.wire_type)).await {
            Ok(found)
                if wanted.is_some_and(|t| {
                    !t.wire_type.eq_ignore_ascii_case(&found.integration_type)
                }) =>
            {
                let found_type = summary::type_name(catalog, &found);
                d.attribute_error(
                    AttributePath::root("integration_type"),
                    format!("{} of another type", capitalized(object)),
                    format!(
                        "{} {id:?} is of type {found_type:?}, not {:?}. Remove integration_type \
                         or set it to {found_type:?}.",
                        capitalized(object),
                        wanted.map(|t| t.name).unwrap_or_default(),
                    ),
                );
                Err(d)
            }
            Ok(found) => Ok(found),
            Err(e) if e.is_not_found() => {
                d.attribute_error(
                    AttributePath::root("id"),
                    format!("{} not found", capitalized(object)),
                    format!(
                        "{} has no {what}. The {} data source lists the {object}s that exist.",
                        catalog.vendor, spec.list
                    ),
                );
                Err(d)
            }
            Err(e) => Err(self.error(format!("read the {what}"), &e)),
        }
    }

    async fn by_name(&self, name: &str, wanted: Wanted) -> Result<Integration, Diagnostics> {
        let catalog = self.sources.catalog;
        let object = catalog.object;
        let what = searched(format!("{object} named {name:?}"), wanted);
        let mut d = Diagnostics::new();
        let all = match self.client.list(wanted.map(|t| t.wire_type)).await {
            Ok(all) => all,
            Err(e) => return Err(self.error(format!("look up the {what}"), &e)),
        };
        let mut matches: Vec<Integration> =
            all.iter().filter(|i| i.name() == name).cloned().collect();
        match matches.len() {
            1 => Ok(matches.remove(0)),
            0 => {
                d.attribute_error(
                    AttributePath::root("name"),
                    format!("{} not found", capitalized(object)),
                    format!(
                        "{} has no {what}; names match exactly, case included.{}",
                        catalog.vendor,
                        did_you_mean(name, all.iter().map(Integration::name))
                    ),
                );
                Err(d)
            }
            _ => {
                let found: Vec<String> = matches
                    .iter()
                    .map(|i| format!("{} ({})", i.id, summary::type_name(catalog, i)))
                    .collect();
                d.attribute_error(
                    AttributePath::root("name"),
                    format!("Several {object}s have this name"),
                    format!(
                        "{} {object}s are named {name:?}: {}. Set integration_type to choose \
                         one, or look it up by id.",
                        matches.len(),
                        found.join(", ")
                    ),
                );
                Err(d)
            }
        }
    }
}

pub fn state(sources: &DataSources, integration: &Integration, diags: &mut Diagnostics) -> Value {
    let catalog = sources.catalog;
    let mut out: BTreeMap<String, Value> =
        summary::values(catalog, integration, &["id", "name", "integration_type"]);
    out.extend(summary::values(catalog, integration, sources.spec.reported));
    let config = summary::config_strings(catalog, integration).unwrap_or_else(|| {
        diags.attribute_warning(
            AttributePath::root("config"),
            "Configuration not shown",
            format!(
                "{} {:?} is of type {:?}, which this provider does not know, so it cannot tell \
                 secret keys from the others: config is left empty.",
                capitalized(catalog.object),
                integration.id,
                integration.integration_type
            ),
        );
        Value::Map(BTreeMap::new())
    });
    out.insert("config".into(), config);
    Value::Object(out)
}

pub(crate) fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
