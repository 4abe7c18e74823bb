//! The Infracast platform for the integration engine: the catalog, the API client behind the
//! engine's `IntegrationApi` (`client`), the `provider "infracast"` block (`config`), hints in
//! Infracast's words, and the words of the lookup and list data sources (`data_sources`).
//!
//! [`InfracastProvider`] is the engine's `IntegrationProvider` over [`Infracast`]; build one
//! with [`provider`].

pub mod client;
pub mod config;
pub mod data_sources;

use apiclient::Error;
use integration_engine::catalog::Catalog;
use integration_engine::data_sources::DataSourceSpec;
use integration_engine::errors::Hints;
use integration_engine::plugin::{self, Env};
use integration_engine::provider::{IntegrationProvider, Platform, verified};
use tfplugin::diag::Diagnostics;
use tfplugin::provider::ConfigureRequest;
use tfplugin::schema::Schema;
use tfplugin::value::Value;

use crate::api::Client;
use crate::catalog::CATALOG;
pub use crate::catalog::PROVIDER_NAME;
pub use client::InfracastClient;

/// The product, as the `User-Agent` names it.
pub const PRODUCT: &str = "terraform-provider-infracast";

/// The Infracast provider.
pub type InfracastProvider = IntegrationProvider<Infracast>;

/// A provider reading its settings' environment variables from `env`.
pub fn provider(env: Env) -> InfracastProvider {
    IntegrationProvider::new(Infracast { env })
}

/// A provider reading the process environment.
pub fn provider_from_env() -> InfracastProvider {
    provider(plugin::process_env())
}

/// What Infracast adds to the engine.
pub struct Infracast {
    env: Env,
}

impl Hints for Infracast {
    fn hint(&self, err: &Error, _resource_type: &str) -> Option<String> {
        Some(match err {
            Error::Unauthorized { .. } => "Check the provider's username and password (or \
                 INFRACAST_USERNAME and INFRACAST_PASSWORD)."
                .into(),
            Error::Transport { .. } => "Check the provider's url (or INFRACAST_URL): \
                 https://api.infracast.io, or your installation's own host, reachable from where \
                 Terraform runs."
                .into(),
            Error::TlsUntrusted { .. } => "The API's TLS certificate is not trusted. For a \
                 self-hosted installation with a private certificate authority, set the \
                 provider's ca_file (or INFRACAST_CA_FILE) to that CA's PEM file."
                .into(),
            Error::Api { status: 403, .. } => "Infracast refused the user: check that the \
                 provider's tenant (INFRACAST_TENANT) is the user's tenant, and that the user \
                 has the tenant:read and tenant:update permissions."
                .into(),
            Error::Api { status: 400, .. } => "Infracast refused the integration's \
                 configuration. Most types' wire formats are inferred from Infracast's \
                 documentation (the resource's page says which): if the message names a key \
                 this provider sent, please report the mismatch."
                .into(),
            _ => return None,
        })
    }
}

impl Platform for Infracast {
    type Client = InfracastClient;

    fn catalog(&self) -> &'static Catalog {
        &CATALOG
    }

    fn data_source_spec(&self) -> Option<&'static DataSourceSpec> {
        Some(&data_sources::SPEC)
    }

    fn provider_schema(&self) -> Schema {
        config::schema()
    }

    fn validate_provider_config(&self, config: &Value) -> Diagnostics {
        config::validate(config)
    }

    async fn configure(&self, request: &ConfigureRequest) -> Result<InfracastClient, Diagnostics> {
        let version = env!("CARGO_PKG_VERSION");
        let agent = plugin::user_agent(PRODUCT, version, &request.terraform_version);
        let settings = config::resolve(&request.config, &*self.env, agent)?;
        let client = Client::new(settings.client).map(InfracastClient);
        let validate = &config::VALIDATE_SETTING;
        verified(client, settings.validate, validate, &CATALOG, self).await
    }
}
