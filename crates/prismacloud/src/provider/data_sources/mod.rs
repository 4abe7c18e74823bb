//! The provider's data sources: test a configuration before (and while) it is used, read one
//! integration, list them.
//!
//! # Layout
//!
//! - `integration_test`: `prismacloud_integration_test` (the test call; fits `check` blocks).
//! - `integration`: `prismacloud_integration` (one integration by id or name).
//! - `integrations`: `prismacloud_integrations` (all of them, optionally of one type).
//! - `summary`: what the lookup and the list report of an integration.
//! - `conform`: the test's dynamic `config` shaped into the resource's attribute types.
//! - `arguments`: `integration_type` checks and "did you mean" suggestions.

mod arguments;
mod conform;
mod integration;
mod integration_test;
mod integrations;
mod summary;

use std::collections::BTreeMap;

use crate::api::Client;
use tfplugin::diag::Diagnostics;
use tfplugin::provider::ReadDataResponse;
use tfplugin::schema::Schema;
use tfplugin::value::Value;

/// One data source type the provider serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DataSource {
    Test,
    Lookup,
    List,
}

const ALL: &[DataSource] = &[DataSource::Test, DataSource::Lookup, DataSource::List];

impl DataSource {
    fn type_name(self) -> &'static str {
        match self {
            DataSource::Test => integration_test::TYPE_NAME,
            DataSource::Lookup => integration::TYPE_NAME,
            DataSource::List => integrations::TYPE_NAME,
        }
    }

    fn find(type_name: &str) -> Result<DataSource, Diagnostics> {
        ALL.iter()
            .copied()
            .find(|d| d.type_name() == type_name)
            .ok_or_else(|| {
                let mut d = Diagnostics::new();
                d.error(
                    format!("Unknown data source {type_name}"),
                    "This provider does not serve that data source.",
                );
                d
            })
    }
}

/// Every data source schema, by type name.
pub fn schemas() -> BTreeMap<String, Schema> {
    ALL.iter()
        .map(|d| {
            let schema = match d {
                DataSource::Test => integration_test::schema(),
                DataSource::Lookup => integration::schema(),
                DataSource::List => integrations::schema(),
            };
            (d.type_name().to_string(), schema)
        })
        .collect()
}

/// Static checks of a data source block (values may be unknown: never an error for that).
pub fn validate(type_name: &str, config: &Value) -> Diagnostics {
    match DataSource::find(type_name) {
        Ok(DataSource::Test) => integration_test::validate(config),
        Ok(DataSource::Lookup) => integration::validate(config),
        Ok(DataSource::List) => integrations::validate(config),
        Err(d) => d,
    }
}

/// Reads a data source (its configuration is wholly known).
pub async fn read(client: &Client, type_name: &str, config: &Value) -> ReadDataResponse {
    // Terraform validates before it reads; checking again keeps a read from ever acting on a
    // configuration with errors. Warnings were reported by the validation already.
    let checked = validate(type_name, config);
    if checked.has_errors() {
        return ReadDataResponse {
            diagnostics: checked,
            ..Default::default()
        };
    }
    match DataSource::find(type_name) {
        Ok(DataSource::Test) => integration_test::read(client, config).await,
        Ok(DataSource::Lookup) => integration::read(client, config).await,
        Ok(DataSource::List) => integrations::read(client, config).await,
        Err(diagnostics) => ReadDataResponse {
            diagnostics,
            ..Default::default()
        },
    }
}
