//! The data sources every platform gets from its catalog: a lookup of one object by id or name
//! (`prismacloud_integration`) and a list, optionally of one type (`prismacloud_integrations`).
//! A platform names them and words their attributes in a [`DataSourceSpec`]; its own data
//! sources (test calls, credential checks) it serves itself.
//!
//! # Layout
//!
//! - `lookup`: one object by id or name, with its non-secret configuration.
//! - `list`: every object (or those of one type) with its summary.
//! - `summary`: what both report of an object.
//! - `arguments`: `integration_type` checks and "did you mean" suggestions.

pub mod arguments;
pub mod list;
pub mod lookup;
pub mod summary;

use std::collections::BTreeMap;

use tfplugin::diag::Diagnostics;
use tfplugin::provider::ReadDataResponse;
use tfplugin::schema::Schema;
use tfplugin::value::Value;

use crate::api::IntegrationApi;
use crate::catalog::{Catalog, ComputedKind};
use crate::errors::Hints;

pub use summary::config_strings;

/// How a platform's lookup and list data sources are named and worded.
#[derive(Debug)]
pub struct DataSourceSpec {
    /// The lookup's type name, e.g. `prismacloud_integration`.
    pub lookup: &'static str,
    /// The list's type name, e.g. `prismacloud_integrations`.
    pub list: &'static str,
    /// The list's attribute holding the objects, e.g. `integrations`.
    pub list_attribute: &'static str,
    /// Every attribute a summary can report: `id`, `name`, `integration_type`, then frame and
    /// computed attributes, each with its type and its description in these data sources.
    pub attributes: &'static [(&'static str, ComputedKind, &'static str)],
    /// What the lookup reports besides `id`, `name`, `integration_type` and `config`.
    pub reported: &'static [&'static str],
    /// What the list reports of each object.
    pub listed: &'static [&'static str],
    /// An example type for descriptions, e.g. "`slack`".
    pub type_example: &'static str,
    /// Examples of configuration attribute names for the lookup's `config`, e.g.
    /// "`host_url`, `roll_up_interval`".
    pub config_example: &'static str,
}

/// The two data sources of one platform.
pub struct DataSources {
    pub catalog: &'static Catalog,
    pub spec: &'static DataSourceSpec,
}

impl DataSources {
    /// Both schemas, by type name.
    pub fn schemas(&self) -> BTreeMap<String, Schema> {
        BTreeMap::from([
            (self.spec.lookup.to_string(), lookup::schema(self)),
            (self.spec.list.to_string(), list::schema(self)),
        ])
    }

    /// Whether `type_name` is one of them.
    pub fn serves(&self, type_name: &str) -> bool {
        type_name == self.spec.lookup || type_name == self.spec.list
    }

    /// Static checks (values may be unknown: never an error for that).
    pub fn validate(&self, type_name: &str, config: &Value) -> Diagnostics {
        if type_name == self.spec.lookup {
            lookup::validate(self, config)
        } else {
            list::validate(self, config)
        }
    }

    /// Reads one of them (its configuration is wholly known).
    pub async fn read<A: IntegrationApi>(
        &self,
        hints: &dyn Hints,
        client: &A,
        type_name: &str,
        config: &Value,
    ) -> ReadDataResponse {
        // Terraform validates before it reads; checking again keeps a read from ever acting on
        // a configuration with errors. Warnings were reported by the validation already.
        let checked = self.validate(type_name, config);
        if checked.has_errors() {
            return ReadDataResponse {
                diagnostics: checked,
                ..Default::default()
            };
        }
        if type_name == self.spec.lookup {
            lookup::read(self, hints, client, config).await
        } else {
            list::read(self, hints, client, config).await
        }
    }
}
