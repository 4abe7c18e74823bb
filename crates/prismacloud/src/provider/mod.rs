//! The Prisma Cloud provider: joins the protocol layer ([`tfplugin`]), the
//! [`crate::catalog`] and the API client ([`crate::api`]).
//!
//! [`PrismaCloudProvider`] implements [`Provider`]: it serves one resource type per catalog
//! entry and the [`data_sources`] and, once Terraform has configured it, keeps one shared API
//! client (one login, one token).

pub mod config;
pub mod convert;
pub mod data_sources;
mod errors;
#[cfg(test)]
mod fixtures;
pub mod generate;
pub mod identity;
pub mod list;
pub mod moved;
pub mod plan;
pub mod resource;
pub mod schema;
pub mod state;
pub mod validate;

use std::collections::BTreeMap;
use std::sync::RwLock;

use crate::api::Client;
use crate::catalog;
use tfplugin::diag::Diagnostics;
use tfplugin::provider::{
    ApplyRequest, ApplyResponse, Capabilities, ConfigureRequest, GenerateConfigRequest,
    GenerateConfigResponse, ImportRequest, ImportResponse, ListRequest, ListSink, MoveRequest,
    MoveResponse, PlanRequest, PlanResponse, Provider, ReadDataRequest, ReadDataResponse,
    ReadRequest, ReadResponse, UpgradeIdentityRequest, UpgradeIdentityResponse, UpgradeRequest,
    UpgradeResponse,
};
use tfplugin::schema::ProviderSchemas;
use tfplugin::value::Value;

use resource::IntegrationResource;
pub use schema::PROVIDER_NAME;

/// Where the provider reads its environment variables (injectable for tests).
pub type Env = Box<dyn Fn(&str) -> Option<String> + Send + Sync>;

pub struct PrismaCloudProvider {
    schemas: ProviderSchemas,
    resources: BTreeMap<String, IntegrationResource>,
    client: RwLock<Option<Client>>,
    env: Env,
}

impl Default for PrismaCloudProvider {
    fn default() -> Self {
        Self::new(Box::new(|name| std::env::var(name).ok()))
    }
}

impl PrismaCloudProvider {
    pub fn new(env: Env) -> Self {
        let resources: BTreeMap<String, IntegrationResource> = catalog::ALL
            .iter()
            .map(|ty| {
                let r = IntegrationResource::new(ty, PROVIDER_NAME);
                (r.type_name.clone(), r)
            })
            .collect();
        let schemas = ProviderSchemas {
            provider: config::schema(),
            resources: resources
                .iter()
                .map(|(n, r)| (n.clone(), r.schema.clone()))
                .collect(),
            data_sources: data_sources::schemas(),
            identities: resources
                .keys()
                .map(|n| (n.clone(), identity::identity_schema()))
                .collect(),
            list_resources: resources
                .iter()
                .map(|(n, r)| (n.clone(), list::list_schema(r.ty)))
                .collect(),
        };
        PrismaCloudProvider {
            schemas,
            resources,
            client: RwLock::new(None),
            env,
        }
    }

    fn resource(&self, type_name: &str) -> Result<&IntegrationResource, Diagnostics> {
        self.resources.get(type_name).ok_or_else(|| {
            let mut d = Diagnostics::new();
            d.error(
                format!("Unknown resource type {type_name}"),
                "This provider does not serve that resource type.",
            );
            d
        })
    }

    fn client(&self) -> Result<Client, Diagnostics> {
        let guard = self.client.read().unwrap_or_else(|e| e.into_inner());
        guard.clone().ok_or_else(|| {
            let mut d = Diagnostics::new();
            d.error(
                "Provider not configured",
                "The prismacloud provider was used before Terraform configured it. This is a \
                 bug in Terraform or the provider; please report it.",
            );
            d
        })
    }

    fn user_agent(terraform_version: &str) -> String {
        let tf = if terraform_version.is_empty() {
            "unknown"
        } else {
            terraform_version
        };
        format!(
            "terraform-provider-prismacloud/{} (+Terraform {tf})",
            env!("CARGO_PKG_VERSION")
        )
    }
}

impl Provider for PrismaCloudProvider {
    fn schemas(&self) -> &ProviderSchemas {
        &self.schemas
    }

    fn validate_provider_config(&self, config: &Value) -> Diagnostics {
        config::validate(config)
    }

    async fn configure(&self, request: ConfigureRequest) -> Diagnostics {
        let agent = Self::user_agent(&request.terraform_version);
        let settings = match config::resolve(&request.config, &*self.env, agent) {
            Ok(s) => s,
            Err(d) => return d,
        };
        match Client::new(settings) {
            Ok(client) => {
                *self.client.write().unwrap_or_else(|e| e.into_inner()) = Some(client);
                Diagnostics::new()
            }
            Err(e) => {
                let mut d = Diagnostics::new();
                d.error("Invalid provider configuration", e.to_string());
                d
            }
        }
    }

    fn validate_resource_config(&self, type_name: &str, config: &Value) -> Diagnostics {
        match self.resource(type_name) {
            Ok(r) => r.validate(config),
            Err(d) => d,
        }
    }

    fn validate_data_source_config(&self, type_name: &str, config: &Value) -> Diagnostics {
        data_sources::validate(type_name, config)
    }

    fn upgrade_resource_state(&self, request: UpgradeRequest) -> UpgradeResponse {
        match self.resource(&request.type_name) {
            Ok(r) => r.upgrade(request),
            Err(diagnostics) => UpgradeResponse {
                diagnostics,
                ..Default::default()
            },
        }
    }

    async fn read_resource(&self, request: ReadRequest) -> ReadResponse {
        let (r, client) = match self
            .resource(&request.type_name)
            .and_then(|r| Ok((r, self.client()?)))
        {
            Ok(pair) => pair,
            Err(diagnostics) => {
                return ReadResponse {
                    new_state: request.current_state,
                    diagnostics,
                    ..Default::default()
                };
            }
        };
        r.read(&client, request).await
    }

    async fn plan_resource_change(&self, request: PlanRequest) -> PlanResponse {
        match self.resource(&request.type_name) {
            Ok(r) => r.plan(&request),
            Err(diagnostics) => PlanResponse {
                diagnostics,
                ..Default::default()
            },
        }
    }

    async fn apply_resource_change(&self, request: ApplyRequest) -> ApplyResponse {
        let (r, client) = match self
            .resource(&request.type_name)
            .and_then(|r| Ok((r, self.client()?)))
        {
            Ok(pair) => pair,
            Err(diagnostics) => {
                return ApplyResponse {
                    new_state: request.prior_state,
                    diagnostics,
                    ..Default::default()
                };
            }
        };
        r.apply(&client, request).await
    }

    async fn import_resource_state(&self, request: ImportRequest) -> ImportResponse {
        match self
            .resource(&request.type_name)
            .and_then(|r| Ok((r, self.client()?)))
        {
            Ok((r, client)) => r.import(&client, request).await,
            Err(diagnostics) => ImportResponse {
                diagnostics,
                ..Default::default()
            },
        }
    }

    async fn read_data_source(&self, request: ReadDataRequest) -> ReadDataResponse {
        match self.client() {
            Ok(client) => data_sources::read(&client, &request.type_name, &request.config).await,
            Err(diagnostics) => ReadDataResponse {
                diagnostics,
                ..Default::default()
            },
        }
    }

    fn stop(&self) {
        if let Ok(client) = self.client() {
            client.stop();
        }
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            move_resource_state: true,
            generate_resource_config: true,
        }
    }

    fn upgrade_resource_identity(
        &self,
        request: UpgradeIdentityRequest,
    ) -> UpgradeIdentityResponse {
        identity::upgrade(request)
    }

    fn validate_list_resource_config(&self, _type_name: &str, config: &Value) -> Diagnostics {
        list::validate(config)
    }

    async fn list_resource(&self, request: ListRequest, sink: ListSink) {
        match self
            .resource(&request.type_name)
            .and_then(|r| Ok((r, self.client()?)))
        {
            Ok((r, client)) => list::list(&client, r.ty, &r.type_name, request, sink).await,
            Err(d) => drop(sink.diagnostics(d).await),
        }
    }

    fn move_resource_state(&self, request: MoveRequest) -> MoveResponse {
        match self.resource(&request.target_type_name) {
            Ok(r) => moved::move_state(r.ty, &r.type_name, &request),
            Err(diagnostics) => MoveResponse {
                diagnostics,
                ..Default::default()
            },
        }
    }

    fn generate_resource_config(&self, request: GenerateConfigRequest) -> GenerateConfigResponse {
        match self.resource(&request.type_name) {
            Ok(r) => generate::generate(r.ty, &r.type_name, &request.state),
            Err(diagnostics) => GenerateConfigResponse {
                diagnostics,
                ..Default::default()
            },
        }
    }
}
