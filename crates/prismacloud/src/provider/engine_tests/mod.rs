//! The engine's derivations on the Prisma Cloud catalog: schemas, wire mapping, validation,
//! plans, state, identities, list resources, generated configuration, error diagnostics and
//! the lookup and list data sources, each checked on the real integration types.

mod convert;
mod ds_arguments;
mod ds_list;
mod ds_lookup;
mod ds_summary;
mod errors;
mod generate;
mod identity;
mod list;
mod plan;
mod schema;
mod state;
mod validate;

/// What the tests of the engine's modules name without a path.
mod prelude {
    pub use std::collections::BTreeMap;

    pub use integration_engine::catalog::{Field, IntegrationType};
    pub use tfplugin::diag::{AttributePath, Diagnostics};
    pub use tfplugin::provider::{ImportRequest, PlanRequest, UpgradeIdentityRequest};
    pub use tfplugin::schema::Presence;
    pub use tfplugin::value::{Type, Value};

    pub use crate::catalog::CATALOG;

    /// The engine's lookup and list data sources with Prisma Cloud's words.
    pub fn sources() -> integration_engine::data_sources::DataSources {
        integration_engine::data_sources::DataSources {
            catalog: &CATALOG,
            spec: &crate::provider::data_sources::SPEC,
        }
    }
}
