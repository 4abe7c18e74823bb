//! Registry-style documentation, generated: `docs/index.md`, `docs/resources/<name>.md`,
//! `docs/data-sources/<name>.md` and `docs/list-resources/<name>.md` (names without the
//! provider's prefix), in the layout and Markdown conventions of the Terraform Registry and
//! `tfplugindocs`.
//!
//! Every page is derived from three authorities and nothing else: the schemas the provider
//! serves ([`ProviderSchemas`]: descriptions, types, presence, sensitive, write-only,
//! identities), the catalog for what a schema cannot say (which attributes force replacement),
//! and the example files under `examples/` (example usage and the import command). A type
//! without its example is an error, so a new type cannot ship undocumented.
//!
//! `make docs` writes each provider's pages (its `docgen` example); each provider's tests fail
//! when the committed pages differ from what [`generate`] produces.
//!
//! # Layout
//!
//! - [`examples`]: reading `examples/` (and the `terraform import` line of `import.sh`).
//! - `attributes`: the schema as Markdown — grouped lists, type names, markers, nested sections.
//! - `page`: one page — front matter, description, example usage, schema, import.
//! - [`tree`]: writing the pages under `docs/` and comparing them with what is there.

mod attributes;
pub mod examples;
mod page;
pub mod tree;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::catalog::Catalog;
use crate::plan::replacing_attributes;
use tfplugin::schema::ProviderSchemas;

pub use examples::Examples;

/// Why documentation could not be generated or compared.
#[derive(Debug, thiserror::Error)]
pub enum DocsError {
    #[error("{path} is missing: every {what} needs it (see examples/README.md)")]
    MissingExample { path: PathBuf, what: String },
    #[error("{path}: {reason}")]
    BadExample { path: PathBuf, reason: String },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// One generated page: where it goes under `docs/`, and its Markdown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// Relative to the `docs/` directory, e.g. `resources/integration_slack.md`.
    pub path: PathBuf,
    pub text: String,
}

/// What the catalog knows and the schemas cannot say: per resource type, the attributes whose
/// change forces replacement (a plan-time decision, not a schema flag).
#[derive(Clone, Debug, Default)]
pub struct Facts {
    replacing: BTreeMap<String, BTreeSet<String>>,
}

impl Facts {
    /// The facts of every catalog entry's resource.
    pub fn from_catalog(catalog: &Catalog) -> Facts {
        Facts {
            replacing: catalog
                .types
                .iter()
                .map(|ty| {
                    let names = replacing_attributes(ty).into_iter().collect();
                    (catalog.resource_name(ty), names)
                })
                .collect(),
        }
    }

    /// Whether changing the top-level `attribute` of `type_name` replaces the object.
    pub fn forces_replacement(&self, type_name: &str, attribute: &str) -> bool {
        self.replacing
            .get(type_name)
            .is_some_and(|names| names.contains(attribute))
    }
}

/// Every page of a provider built on `catalog`, from the schemas it serves and the examples
/// under `examples_dir`.
pub fn generate(
    catalog: &Catalog,
    schemas: &ProviderSchemas,
    examples_dir: &Path,
) -> Result<Vec<Page>, DocsError> {
    render(
        catalog.provider,
        schemas,
        &Facts::from_catalog(catalog),
        &Examples::new(examples_dir),
    )
}

/// Every page for `schemas`: the index, one page per resource (with its identity, if any), one
/// per data source and one per list resource.
pub fn render(
    provider_name: &str,
    schemas: &ProviderSchemas,
    facts: &Facts,
    examples: &Examples,
) -> Result<Vec<Page>, DocsError> {
    let mut pages = vec![page::index(provider_name, schemas, examples)?];
    for (name, schema) in &schemas.resources {
        let identity = schemas.identities.get(name);
        pages.push(page::resource(name, schema, identity, facts, examples)?);
    }
    for (name, schema) in &schemas.data_sources {
        pages.push(page::data_source(name, schema, examples)?);
    }
    for (name, schema) in &schemas.list_resources {
        pages.push(page::list_resource(name, schema, examples)?);
    }
    Ok(pages)
}

/// A type's page name: its name without the provider prefix (`prismacloud_integration_slack`
/// → `integration_slack`), the provider being the type name's first word.
pub fn short_name(type_name: &str) -> &str {
    type_name
        .split_once('_')
        .map_or(type_name, |(_, rest)| rest)
}
