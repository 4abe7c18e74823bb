//! The Datadog Cloud SIEM catalog: every entity context sync source type as data, for the
//! integration engine.
//!
//! One [`IntegrationType`] per `integration_type` of the API (in `types`), and [`CATALOG`]: the
//! frame every configuration has (`name`, `domain`, `enabled`, `settings`), the attributes the
//! API reports (`state`, `created_at`, `modified_at`), the API's preview notice, and the
//! update rule of a partial `PATCH` (secrets are sent only when they changed).
//!
//! Every key of a type is a secret: the API takes them in its `secrets` object and never
//! returns them, so the provider could not read a non-secret one back (the catalog test holds
//! to that).

mod types;

pub use integration_engine::catalog::{
    Catalog, Check, Computed, ComputedKind, DefaultValue, Field, IntegrationType, Kind, Mutability,
    Presence, SecretsOnUpdate,
};
pub use types::ALL;

/// The provider's name: resource types are `datadogsiem_entity_context_sync_<type>`. Distinct
/// from the official `datadog` provider's, so both can sit in one module.
pub const PROVIDER_NAME: &str = "datadogsiem";

/// The API's words on every entity context sync endpoint.
pub const PREVIEW_NOTICE: &str = "**Note**: This endpoint is in preview and is subject to \
                                  change. If you have any feedback, contact Datadog support.";

/// Everything the engine derives the provider's resources from.
pub static CATALOG: Catalog = Catalog {
    provider: PROVIDER_NAME,
    vendor: "Datadog Cloud SIEM",
    resource_infix: "entity_context_sync",
    object: "entity context sync configuration",
    frame: FRAME,
    computed: REPORTED,
    types: ALL,
    id_description: "The configuration's ID, assigned by Datadog.",
    identity_description: "The entity context sync configuration's ID, as Datadog assigned it \
                           (a UUID).",
    secrets_on_update: SecretsOnUpdate::Changed,
    notice: Some(PREVIEW_NOTICE),
};

/// The attributes every configuration has at the top level of the API's `attributes`.
const FRAME: &[Field] = &[
    Field::required(
        "name",
        Kind::String,
        "The display name of the entity context sync configuration.",
    )
    .checked(&[Check::NotEmpty]),
    Field::required(
        "domain",
        Kind::String,
        "The domain associated with the external entity source, for example the identity \
         provider domain of the organization (`example.com`, `example.okta.com`).",
    )
    .checked(&[Check::NotEmpty, Check::NoScheme]),
    Field::defaulted(
        "enabled",
        Kind::Bool,
        DefaultValue::Bool(true),
        "Whether the sync is enabled and actively ingesting entities into Cloud SIEM. The API \
         creates every configuration enabled: `false` disables it right after the create.",
    ),
    Field::optional(
        "settings",
        Kind::Json,
        "Free-form, non-sensitive settings for the sync, as a JSON object (`jsonencode({...})`); \
         the accepted keys depend on the source type. Key order and formatting make no \
         difference. Removing it clears the settings.",
    ),
];

/// Read-only attributes filled from what the API reports.
const REPORTED: &[Computed] = &[
    Computed {
        key: "state",
        kind: ComputedKind::String,
        changes_on_update: true,
        description: "The state of the configured credentials, as Datadog last checked them: \
                      `valid`, `invalid` or `initializing`.",
    },
    Computed {
        key: "created_at",
        kind: ComputedKind::String,
        changes_on_update: false,
        description: "When the configuration was created (RFC 3339).",
    },
    Computed {
        key: "modified_at",
        kind: ComputedKind::String,
        changes_on_update: true,
        description: "When the configuration was last modified (RFC 3339).",
    },
];

/// A source type by its resource suffix (`okta`).
pub fn find(name: &str) -> Option<&'static IntegrationType> {
    CATALOG.find(name)
}

#[cfg(test)]
mod tests;
