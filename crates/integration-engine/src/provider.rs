//! [`IntegrationProvider`]: a whole Terraform provider from a [`Platform`] — one resource type
//! and one list resource per catalog entry, the lookup and list data sources, identities,
//! import, `terraform query` and generated configuration — implementing `tfplugin`'s
//! [`Provider`].
//!
//! A platform supplies what differs between vendors: its catalog, its `provider` block (schema,
//! checks, and how it becomes a client), its words for errors ([`Hints`]), and any data source
//! or `moved` support of its own.

use std::collections::BTreeMap;
use std::future::Future;
use std::sync::RwLock;

use tfplugin::diag::Diagnostics;
use tfplugin::provider::{
    ApplyRequest, ApplyResponse, Capabilities, ConfigureRequest, GenerateConfigRequest,
    GenerateConfigResponse, ImportRequest, ImportResponse, ListRequest, ListSink, MoveRequest,
    MoveResponse, PlanRequest, PlanResponse, Provider, ReadDataRequest, ReadDataResponse,
    ReadRequest, ReadResponse, UpgradeIdentityRequest, UpgradeIdentityResponse, UpgradeRequest,
    UpgradeResponse,
};
use tfplugin::schema::{ProviderSchemas, Schema};
use tfplugin::value::Value;

use crate::api::IntegrationApi;
use crate::catalog::Catalog;
use crate::data_sources::{DataSourceSpec, DataSources};
use crate::errors::{self, Hints};
use crate::resource::{Context, IntegrationResource};
use crate::settings::{self, Setting};
use crate::{generate, identity, list};

/// What a vendor supplies to become a provider.
pub trait Platform: Hints + Send + Sync + 'static {
    /// Its API client, as the engine uses it.
    type Client: IntegrationApi;

    /// Every resource type and the frame they share.
    fn catalog(&self) -> &'static Catalog;

    /// The names and words of the lookup and list data sources; `None` for neither.
    fn data_source_spec(&self) -> Option<&'static DataSourceSpec>;

    /// The `provider` block's schema.
    fn provider_schema(&self) -> Schema;

    /// Static checks of the `provider` block (values may be unknown).
    fn validate_provider_config(&self, config: &Value) -> Diagnostics;

    /// The client for a configured `provider` block (settings resolved, environment read).
    fn configure(
        &self,
        request: &ConfigureRequest,
    ) -> impl Future<Output = Result<Self::Client, Diagnostics>> + Send;

    /// Data sources of the platform's own (e.g. a test call), by type name.
    fn own_data_sources(&self) -> BTreeMap<String, Schema> {
        BTreeMap::new()
    }

    /// Static checks of one of [`Platform::own_data_sources`].
    fn validate_own_data_source(&self, _type_name: &str, _config: &Value) -> Diagnostics {
        Diagnostics::new()
    }

    /// Reads one of [`Platform::own_data_sources`]. The engine calls it only with a wholly
    /// known configuration that [`Platform::validate_own_data_source`] found no error in.
    fn read_own_data_source(
        &self,
        _client: &Self::Client,
        type_name: &str,
        _config: &Value,
    ) -> impl Future<Output = ReadDataResponse> + Send {
        let diagnostics = unknown_data_source(type_name);
        async move {
            ReadDataResponse {
                diagnostics,
                ..Default::default()
            }
        }
    }

    /// Whether the platform moves state from other resource types (`moved` blocks).
    fn moves_state(&self) -> bool {
        false
    }

    /// `moved` from another resource type into `target`.
    fn move_resource_state(
        &self,
        target: &IntegrationResource,
        _request: &MoveRequest,
    ) -> MoveResponse {
        let mut diagnostics = Diagnostics::new();
        diagnostics.error(
            "Moving state is not supported",
            format!(
                "{} cannot take state from another resource type.",
                target.type_name
            ),
        );
        MoveResponse {
            diagnostics,
            ..Default::default()
        }
    }
}

/// The error for a data source type the provider does not serve.
pub fn unknown_data_source(type_name: &str) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    diagnostics.error(
        format!("Unknown data source {type_name}"),
        "This provider does not serve that data source.",
    );
    diagnostics
}

/// The client a platform's [`Platform::configure`] built (or why it could not), its settings
/// first proven to work ([`IntegrationApi::verify`]) when `check` (the value of the `validate`
/// setting, [`settings::validate_setting`]) is on, so that a wrong password or an unreachable
/// URL is one diagnostic for the run, at plan time, rather than one per resource.
pub async fn verified<A: IntegrationApi>(
    client: Result<A, apiclient::Error>,
    check: bool,
    validate: &Setting,
    catalog: &Catalog,
    hints: &dyn Hints,
) -> Result<A, Diagnostics> {
    let client = client.map_err(|e| {
        let mut d = Diagnostics::new();
        d.error("Invalid provider configuration", e.to_string());
        d
    })?;
    if !check {
        return Ok(client);
    }
    match client.verify().await {
        Ok(()) => Ok(client),
        Err(e) => {
            let skip = settings::turn_off(validate);
            Err(errors::settings_error(catalog, hints, &e, &skip).into())
        }
    }
}

/// A provider built from a platform.
pub struct IntegrationProvider<P: Platform> {
    platform: P,
    schemas: ProviderSchemas,
    resources: BTreeMap<String, IntegrationResource>,
    data_sources: Option<DataSources>,
    client: RwLock<Option<P::Client>>,
}

impl<P: Platform> IntegrationProvider<P> {
    pub fn new(platform: P) -> Self {
        let catalog = platform.catalog();
        let resources: BTreeMap<String, IntegrationResource> = catalog
            .types
            .iter()
            .map(|ty| {
                let r = IntegrationResource::new(catalog, ty);
                (r.type_name.clone(), r)
            })
            .collect();
        let data_sources = platform
            .data_source_spec()
            .map(|spec| DataSources { catalog, spec });
        let mut data_source_schemas = platform.own_data_sources();
        if let Some(d) = &data_sources {
            data_source_schemas.extend(d.schemas());
        }
        let identity = identity::identity_schema(catalog.identity_description);
        let schemas = ProviderSchemas {
            provider: platform.provider_schema(),
            resources: resources
                .iter()
                .map(|(n, r)| (n.clone(), r.schema.clone()))
                .collect(),
            data_sources: data_source_schemas,
            identities: resources
                .keys()
                .map(|n| (n.clone(), identity.clone()))
                .collect(),
            list_resources: resources
                .iter()
                .map(|(n, r)| (n.clone(), list::list_schema(catalog, r.ty)))
                .collect(),
        };
        IntegrationProvider {
            platform,
            schemas,
            resources,
            data_sources,
            client: RwLock::new(None),
        }
    }

    /// The platform this provider serves.
    pub fn platform(&self) -> &P {
        &self.platform
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

    fn client(&self) -> Result<P::Client, Diagnostics> {
        let guard = self.client.read().unwrap_or_else(|e| e.into_inner());
        guard.clone().ok_or_else(|| {
            let mut d = Diagnostics::new();
            d.error(
                "Provider not configured",
                format!(
                    "The {} provider was used before Terraform configured it. This is a bug in \
                     Terraform or the provider; please report it.",
                    self.platform.catalog().provider
                ),
            );
            d
        })
    }

    fn context<'a>(&'a self, client: &'a P::Client) -> Context<'a, P::Client> {
        Context {
            catalog: self.platform.catalog(),
            hints: &self.platform,
            client,
        }
    }

    /// The resource named in a request and the configured client.
    fn resource_and_client(
        &self,
        type_name: &str,
    ) -> Result<(&IntegrationResource, P::Client), Diagnostics> {
        let r = self.resource(type_name)?;
        Ok((r, self.client()?))
    }
}

impl<P: Platform> Provider for IntegrationProvider<P> {
    fn schemas(&self) -> &ProviderSchemas {
        &self.schemas
    }

    fn validate_provider_config(&self, config: &Value) -> Diagnostics {
        self.platform.validate_provider_config(config)
    }

    async fn configure(&self, request: ConfigureRequest) -> Diagnostics {
        match self.platform.configure(&request).await {
            Ok(client) => {
                *self.client.write().unwrap_or_else(|e| e.into_inner()) = Some(client);
                Diagnostics::new()
            }
            Err(d) => d,
        }
    }

    fn validate_resource_config(&self, type_name: &str, config: &Value) -> Diagnostics {
        match self.resource(type_name) {
            Ok(r) => r.validate(config),
            Err(d) => d,
        }
    }

    fn validate_data_source_config(&self, type_name: &str, config: &Value) -> Diagnostics {
        match &self.data_sources {
            Some(d) if d.serves(type_name) => d.validate(type_name, config),
            _ => self.platform.validate_own_data_source(type_name, config),
        }
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
        match self.resource_and_client(&request.type_name) {
            Ok((r, client)) => r.read(&self.context(&client), request).await,
            Err(diagnostics) => ReadResponse {
                new_state: request.current_state,
                diagnostics,
                ..Default::default()
            },
        }
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
        match self.resource_and_client(&request.type_name) {
            Ok((r, client)) => r.apply(&self.context(&client), request).await,
            Err(diagnostics) => ApplyResponse {
                new_state: request.prior_state,
                diagnostics,
                ..Default::default()
            },
        }
    }

    async fn import_resource_state(&self, request: ImportRequest) -> ImportResponse {
        match self.resource_and_client(&request.type_name) {
            Ok((r, client)) => r.import(&self.context(&client), request).await,
            Err(diagnostics) => ImportResponse {
                diagnostics,
                ..Default::default()
            },
        }
    }

    async fn read_data_source(&self, request: ReadDataRequest) -> ReadDataResponse {
        let client = match self.client() {
            Ok(client) => client,
            Err(diagnostics) => {
                return ReadDataResponse {
                    diagnostics,
                    ..Default::default()
                };
            }
        };
        match &self.data_sources {
            Some(d) if d.serves(&request.type_name) => {
                d.read(&self.platform, &client, &request.type_name, &request.config)
                    .await
            }
            _ => {
                // Terraform validates before it reads; checking again keeps a read from ever
                // acting on a configuration with errors (warnings were reported already).
                let checked = self
                    .platform
                    .validate_own_data_source(&request.type_name, &request.config);
                if checked.has_errors() {
                    return ReadDataResponse {
                        diagnostics: checked,
                        ..Default::default()
                    };
                }
                self.platform
                    .read_own_data_source(&client, &request.type_name, &request.config)
                    .await
            }
        }
    }

    fn stop(&self) {
        if let Ok(client) = self.client() {
            client.stop();
        }
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            move_resource_state: self.platform.moves_state(),
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
        match self.resource_and_client(&request.type_name) {
            Ok((r, client)) => {
                let catalog = self.platform.catalog();
                let type_name = r.type_name.clone();
                list::list(
                    catalog,
                    &self.platform,
                    &client,
                    r.ty,
                    &type_name,
                    request,
                    sink,
                )
                .await
            }
            Err(d) => drop(sink.diagnostics(d).await),
        }
    }

    fn move_resource_state(&self, request: MoveRequest) -> MoveResponse {
        match self.resource(&request.target_type_name) {
            Ok(r) => self.platform.move_resource_state(r, &request),
            Err(diagnostics) => MoveResponse {
                diagnostics,
                ..Default::default()
            },
        }
    }

    fn generate_resource_config(&self, request: GenerateConfigRequest) -> GenerateConfigResponse {
        match self.resource(&request.type_name) {
            Ok(r) => generate::generate(r.catalog, r.ty, &r.type_name, &request.state),
            Err(diagnostics) => GenerateConfigResponse {
                diagnostics,
                ..Default::default()
            },
        }
    }
}
