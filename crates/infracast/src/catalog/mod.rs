//! The Infracast catalog: every integration of the Integrations Overview as data, for the
//! integration engine.
//!
//! One [`IntegrationType`] entry per integration (in `types/`), and [`CATALOG`]: the frame every
//! Infracast integration has (`name`) and what the API reports of it (`status`). Only the
//! generic webhook's body is published; every other entry's wire keys and `type` string are
//! inferred from the product's pages, each marked with [`Field::inferred`] (and its type string
//! beside it), so that correcting one is a one-line change. The engine marks those resources as
//! preview in their docs.

mod types;

pub use integration_engine::catalog::{
    Catalog, Check, Computed, ComputedKind, DefaultValue, Field, IntegrationType, Kind, Mutability,
    Presence, Rule, SecretsOnUpdate, snake_case,
};
pub use types::{ALL, EVENTS, INFERRED_EVENTS, SEVERITIES};

/// The provider's name: resource types are `infracast_integration_<type>`.
pub const PROVIDER_NAME: &str = "infracast";

/// Everything the engine derives the Infracast provider's resources from.
pub static CATALOG: Catalog = Catalog {
    provider: PROVIDER_NAME,
    vendor: "Infracast",
    resource_infix: "integration",
    object: "integration",
    frame: FRAME,
    computed: COMPUTED,
    types: ALL,
    id_description: "The integration's ID, assigned by Infracast (e.g. `intg-abc123def456`).",
    identity_description: "The integration's ID, as Infracast assigned it (e.g. \
                           `intg-abc123def456`).",
    // PUT replaces the whole integration and the API never returns a secret: every update
    // sends every secret, from configuration or state.
    secrets_on_update: SecretsOnUpdate::All,
    notice: None,
};

/// The keys every integration has at the top level of the API's object (besides `id`, `type`
/// and `config`).
const FRAME: &[Field] = &[Field::required(
    "name",
    Kind::String,
    "Name of the integration, as Settings → Integrations shows it.",
)
.checked(&[Check::NotEmpty])];

/// Read-only attributes filled from what the API reports.
const COMPUTED: &[Computed] = &[Computed {
    key: "status",
    kind: ComputedKind::String,
    changes_on_update: true,
    description: "The integration's status as Infracast reports it, e.g. `active`. Assert it in \
                  a `check` block with the `infracast_integration` data source.",
}];

/// Look an integration type up by its resource suffix.
pub fn find(name: &str) -> Option<&'static IntegrationType> {
    CATALOG.find(name)
}

#[cfg(test)]
mod tests;
