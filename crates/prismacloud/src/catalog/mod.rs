//! The Prisma Cloud catalog: every integration type as data, for the integration engine.
//!
//! One [`IntegrationType`] entry per `integrationType` of the API documentation (in `types/`),
//! and [`CATALOG`]: the frame every Prisma Cloud integration has (`name`, `description`,
//! `enabled`) and the status the API reports. The engine derives the resources from it.

mod types;

pub use integration_engine::catalog::{
    Catalog, Check, Computed, ComputedKind, DefaultValue, Entries, Field, IntegrationType, Kind,
    Mutability, Presence, Rule, SecretsOnUpdate, snake_case,
};
pub use types::ALL;

/// The provider's name: resource types are `prismacloud_integration_<integrationType>`.
pub const PROVIDER_NAME: &str = "prismacloud";

/// Everything the engine derives the Prisma Cloud provider's resources from.
pub static CATALOG: Catalog = Catalog {
    provider: PROVIDER_NAME,
    vendor: "Prisma Cloud",
    resource_infix: "integration",
    object: "integration",
    frame: FRAME,
    computed: STATUS,
    types: ALL,
    id_description: "The integration's ID, assigned by Prisma Cloud.",
    identity_description: "The integration's ID, as Prisma Cloud assigned it (a UUID).",
    secrets_on_update: SecretsOnUpdate::KeptAndRotated,
    notice: None,
};

/// The keys every integration has at the top level of the API's object.
const FRAME: &[Field] = &[
    Field::required(
        "name",
        Kind::String,
        "Name of the integration: 5 to 100 characters, starting with a letter or digit, unique \
         among the tenant's integrations.",
    )
    .checked(&[Check::Name { min: 5, max: 100 }]),
    Field::defaulted(
        "description",
        Kind::String,
        DefaultValue::String(""),
        "Description of the integration.",
    ),
    Field::defaulted(
        "enabled",
        Kind::Bool,
        DefaultValue::Bool(true),
        "Whether Prisma Cloud sends alerts through the integration.",
    ),
];

/// Read-only attributes filled from what the API reports.
const STATUS: &[Computed] = &[
    Computed {
        key: "createdBy",
        kind: ComputedKind::String,
        changes_on_update: false,
        description: "Who created the integration.",
    },
    Computed {
        key: "createdTs",
        kind: ComputedKind::Number,
        changes_on_update: false,
        description: "When the integration was created, in milliseconds since the Unix epoch.",
    },
    Computed {
        key: "lastModifiedBy",
        kind: ComputedKind::String,
        changes_on_update: true,
        description: "Who last modified the integration.",
    },
    Computed {
        key: "lastModifiedTs",
        kind: ComputedKind::Number,
        changes_on_update: true,
        description: "When the integration was last modified, in milliseconds since the Unix \
                      epoch.",
    },
    Computed {
        key: "status",
        kind: ComputedKind::String,
        changes_on_update: true,
        description: "The integration's status as the API reports it (`GREEN`, `RED`, `YELLOW` \
                      or `NA`); null where the API does not report one.",
    },
    Computed {
        key: "valid",
        kind: ComputedKind::Bool,
        changes_on_update: true,
        description: "Whether the API considers the integration valid; null where the API does \
                      not report it.",
    },
    Computed {
        key: "reason",
        kind: ComputedKind::String,
        changes_on_update: true,
        description: "Why the integration is not valid, when the API says.",
    },
];

/// Look an integration type up by its API name.
pub fn find(name: &str) -> Option<&'static IntegrationType> {
    CATALOG.find(name)
}

#[cfg(test)]
mod tests;
