//! The Prisma Cloud platform for the integration engine: the catalog, the API client behind the
//! engine's `IntegrationApi` (`client`), the `provider "prismacloud"` block (`config`), hints in
//! Prisma Cloud's words, the test data source and `moved` from the official provider.
//!
//! [`PrismaCloudProvider`] is the engine's `IntegrationProvider` over [`PrismaCloud`]; build one
//! with [`provider`].

pub mod client;
pub mod config;
pub mod data_sources;
#[cfg(test)]
mod engine_tests;
#[cfg(test)]
mod fixtures;
pub mod moved;

use std::collections::BTreeMap;

use apiclient::Error;
use integration_engine::catalog::Catalog;
use integration_engine::data_sources::DataSourceSpec;
use integration_engine::errors::Hints;
use integration_engine::provider::{IntegrationProvider, Platform, verified};
use integration_engine::resource::IntegrationResource;
use tfplugin::diag::Diagnostics;
use tfplugin::provider::{ConfigureRequest, MoveRequest, MoveResponse, ReadDataResponse};
use tfplugin::schema::Schema;
use tfplugin::value::Value;

use crate::api::Client;
use crate::catalog::CATALOG;
pub use crate::catalog::PROVIDER_NAME;
pub use client::PrismaClient;

pub use integration_engine::plugin::Env;

/// The Prisma Cloud provider.
pub type PrismaCloudProvider = IntegrationProvider<PrismaCloud>;

/// A provider reading its settings' environment variables from `env`.
pub fn provider(env: Env) -> PrismaCloudProvider {
    IntegrationProvider::new(PrismaCloud { env })
}

/// A provider reading the process environment.
pub fn provider_from_env() -> PrismaCloudProvider {
    provider(integration_engine::plugin::process_env())
}

/// What Prisma Cloud adds to the engine.
pub struct PrismaCloud {
    env: Env,
}

/// API message for a name that is taken.
const NAME_TAKEN: &str = "integration_name_already_exists";

/// How Prisma Cloud's messages name a configuration key: `integrationConfig.queueUrl`.
const CONFIG_PATH_PREFIXES: &[&str] = &["integrationConfig."];

impl Hints for PrismaCloud {
    fn config_path_prefixes(&self) -> &'static [&'static str] {
        CONFIG_PATH_PREFIXES
    }

    fn hint(&self, err: &Error, resource_type: &str) -> Option<String> {
        Some(match err {
            Error::Unauthorized { .. } => "Check the provider's username and password (or \
                 PRISMACLOUD_USERNAME and PRISMACLOUD_PASSWORD): they are a Prisma Cloud access \
                 key ID and its secret key."
                .into(),
            Error::Transport { .. } => "Check the provider's url (or PRISMACLOUD_URL): it is \
                 the base URL of your tenant's Prisma Cloud API, such as \
                 https://api.prismacloud.io, and must be reachable from where Terraform runs."
                .into(),
            Error::TlsUntrusted { .. } => "The API's TLS certificate is not trusted. If it sits \
                 behind a gateway with a private certificate authority, set the provider's \
                 ca_file (or PRISMACLOUD_CA_FILE) to that CA's PEM file."
                .into(),
            Error::Api { .. } if err.has_message(NAME_TAKEN) => format!(
                "Integration names are unique. Choose another name, or bring the existing \
                 integration under Terraform with an import block (to = {resource_type}.<name>, \
                 id = \"<its id>\")."
            ),
            _ => return None,
        })
    }
}

impl Platform for PrismaCloud {
    type Client = PrismaClient;

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

    async fn configure(&self, request: &ConfigureRequest) -> Result<PrismaClient, Diagnostics> {
        let agent = integration_engine::plugin::user_agent(
            "terraform-provider-prismacloud",
            env!("CARGO_PKG_VERSION"),
            &request.terraform_version,
        );
        let settings = config::resolve(&request.config, &*self.env, agent)?;
        let client = Client::new(settings.client).map(PrismaClient);
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
        client: &PrismaClient,
        type_name: &str,
        config: &Value,
    ) -> ReadDataResponse {
        data_sources::read(self, &client.0, type_name, config).await
    }

    fn moves_state(&self) -> bool {
        true
    }

    fn move_resource_state(
        &self,
        target: &IntegrationResource,
        request: &MoveRequest,
    ) -> MoveResponse {
        moved::move_state(target.ty, &target.type_name, request)
    }
}
