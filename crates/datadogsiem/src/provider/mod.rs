//! The Datadog Cloud SIEM platform for the integration engine: the catalog, the API client
//! behind the engine's `IntegrationApi` (`client`), the `provider "datadogsiem"` block
//! (`config`), hints in Datadog's words, and the data sources of Datadog's own endpoints.
//!
//! [`DatadogSiemProvider`] is the engine's `IntegrationProvider` over [`Datadog`]; build one
//! with [`provider`].

pub mod client;
pub mod config;
pub mod data_sources;

use std::collections::BTreeMap;

use integration_engine::catalog::Catalog;
use integration_engine::data_sources::DataSourceSpec;
use integration_engine::errors::Hints;
use integration_engine::plugin::user_agent;
pub use integration_engine::plugin::{Env, process_env};
use integration_engine::provider::{IntegrationProvider, Platform, verified};
use tfplugin::diag::Diagnostics;
use tfplugin::provider::{ConfigureRequest, ReadDataResponse};
use tfplugin::schema::Schema;
use tfplugin::value::Value;

use crate::api::{Client, Error};
use crate::catalog::CATALOG;
pub use crate::catalog::PROVIDER_NAME;
pub use client::DatadogClient;

/// The Datadog Cloud SIEM provider.
pub type DatadogSiemProvider = IntegrationProvider<Datadog>;

/// The provider, its settings falling back to the environment variables `env` gives (a test's
/// own, or [`process_env`]).
pub fn provider(env: Env) -> DatadogSiemProvider {
    IntegrationProvider::new(Datadog { env })
}

/// The provider as Terraform runs it: settings fall back to the process environment.
pub fn provider_from_env() -> DatadogSiemProvider {
    provider(process_env())
}

/// What Datadog adds to the engine.
pub struct Datadog {
    env: Env,
}

impl Hints for Datadog {
    fn hint(&self, err: &Error, resource_type: &str) -> Option<String> {
        match err {
            Error::Transport { .. } => {
                return Some(
                    "Check the provider's site or api_url (or DD_SITE, DD_HOST): the API must \
                     be reachable from where Terraform runs."
                        .into(),
                );
            }
            Error::TlsUntrusted { .. } => {
                return Some(
                    "The API's TLS certificate is not trusted. Behind a proxy with a private \
                     certificate authority, set the provider's ca_file (or \
                     DATADOGSIEM_CA_FILE) to that CA's PEM file."
                        .into(),
                );
            }
            _ => {}
        }
        Some(match err.status()? {
            401 | 403 => "Check the provider's api_key and app_key (or DD_API_KEY and \
                 DD_APP_KEY): Datadog refuses keys that are wrong, that belong to an \
                 organization on another site (check site, DD_SITE or DD_HOST), or whose user \
                 lacks the manage_integrations permission."
                .into(),
            400 if resource_type.starts_with("datadogsiem_entity_context_sync_") => {
                "Datadog checks the credentials against the source before it stores them: \
                 check the secrets (the datadogsiem_credentials_check data source tests them \
                 without storing anything)."
                    .into()
            }
            _ => return None,
        })
    }
}

impl Platform for Datadog {
    type Client = DatadogClient;

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

    async fn configure(&self, request: &ConfigureRequest) -> Result<DatadogClient, Diagnostics> {
        let version = env!("CARGO_PKG_VERSION");
        let agent = user_agent(
            "terraform-provider-datadogsiem",
            version,
            &request.terraform_version,
        );
        let settings = config::resolve(&request.config, &*self.env, agent)?;
        let client = Client::new(settings.client).map(DatadogClient);
        let validate = &config::VALIDATE_SETTING;
        verified(client, settings.validate, validate, &CATALOG, self).await
    }

    fn own_data_sources(&self) -> BTreeMap<String, Schema> {
        data_sources::own_schemas()
    }

    fn validate_own_data_source(&self, type_name: &str, config: &Value) -> Diagnostics {
        data_sources::validate(type_name, config)
    }

    async fn read_own_data_source(
        &self,
        client: &DatadogClient,
        type_name: &str,
        config: &Value,
    ) -> ReadDataResponse {
        data_sources::read(self, &client.0, type_name, config).await
    }
}
