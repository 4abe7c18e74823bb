//! The contract between the protocol layer and a provider implementation.
//!
//! The gRPC layer ([`super::grpc`]) decodes each request against the schema, calls one method of
//! [`Provider`] with a typed request, and encodes the typed response. Every response carries
//! [`Diagnostics`]: user-facing problems are diagnostics, never gRPC errors.
//!
//! Resource identities travel beside the state in read, plan, apply and import: `Null` where a
//! resource type has no identity (or none is known yet). The RPCs for adopting existing objects
//! — listing them for `terraform query` ([`ListRequest`]), generating configuration from state
//! ([`GenerateConfigRequest`]) and `moved` blocks across resource types ([`MoveRequest`]) —
//! have default bodies that report "not supported", so a provider implements only what it
//! declares (schemas and [`Capabilities`]).

mod list;

use std::future::Future;

use super::diag::{AttributePath, Diagnostics};
use super::schema::ProviderSchemas;
use super::value::Value;

pub use list::{ListClosed, ListEvent, ListRequest, ListSink};

pub struct ConfigureRequest {
    pub terraform_version: String,
    pub config: Value,
}

pub struct ReadRequest {
    pub type_name: String,
    pub current_state: Value,
    pub private: Vec<u8>,
    /// The stored identity; `Null` when none was stored yet.
    pub current_identity: Value,
}

#[derive(Default)]
pub struct ReadResponse {
    /// `Null` removes the resource from state (it is gone).
    pub new_state: Value,
    pub private: Vec<u8>,
    pub diagnostics: Diagnostics,
    /// Must be wholly known.
    pub new_identity: Value,
}

pub struct PlanRequest {
    pub type_name: String,
    /// `Null` on create.
    pub prior_state: Value,
    /// `Null` on destroy.
    pub proposed_new_state: Value,
    pub config: Value,
    pub prior_private: Vec<u8>,
    pub prior_identity: Value,
}

#[derive(Default)]
pub struct PlanResponse {
    pub planned_state: Value,
    pub requires_replace: Vec<AttributePath>,
    pub planned_private: Vec<u8>,
    pub diagnostics: Diagnostics,
    /// May be unknown on create; known otherwise.
    pub planned_identity: Value,
}

pub struct ApplyRequest {
    pub type_name: String,
    pub prior_state: Value,
    /// `Null` on destroy.
    pub planned_state: Value,
    /// The configuration: the only place write-only values are visible.
    pub config: Value,
    pub planned_private: Vec<u8>,
    pub planned_identity: Value,
}

#[derive(Default)]
pub struct ApplyResponse {
    pub new_state: Value,
    pub private: Vec<u8>,
    pub diagnostics: Diagnostics,
    /// Must be wholly known.
    pub new_identity: Value,
}

pub struct ImportRequest {
    pub type_name: String,
    /// The import block's `id`; empty when importing by identity.
    pub id: String,
    /// The import block's `identity`; `Null` when importing by id.
    pub identity: Value,
}

/// One object an import produced; Terraform reads it next to complete it.
pub struct ImportedResource {
    pub type_name: String,
    pub state: Value,
    pub private: Vec<u8>,
    pub identity: Value,
}

#[derive(Default)]
pub struct ImportResponse {
    pub imported: Vec<ImportedResource>,
    pub diagnostics: Diagnostics,
}

pub struct UpgradeRequest {
    pub type_name: String,
    /// The schema version the state was written with.
    pub version: i64,
    /// The state decoded against the *current* schema's type.
    pub state: Value,
}

#[derive(Default)]
pub struct UpgradeResponse {
    pub upgraded_state: Value,
    pub diagnostics: Diagnostics,
}

pub struct ReadDataRequest {
    pub type_name: String,
    pub config: Value,
}

#[derive(Default)]
pub struct ReadDataResponse {
    pub state: Value,
    pub diagnostics: Diagnostics,
}

pub struct UpgradeIdentityRequest {
    pub type_name: String,
    /// The identity schema version the stored identity was written with.
    pub version: i64,
    /// The stored identity, as JSON (it may not fit the current identity type).
    pub raw_identity: serde_json::Value,
}

#[derive(Default)]
pub struct UpgradeIdentityResponse {
    pub upgraded_identity: Value,
    pub diagnostics: Diagnostics,
}

/// A `moved` block whose source is another resource type, possibly of another provider.
/// Terraform sends it before configuring the provider: moving is a pure state transformation.
pub struct MoveRequest {
    /// e.g. `registry.terraform.io/hashicorp/aws`.
    pub source_provider_address: String,
    pub source_type_name: String,
    pub source_schema_version: i64,
    /// The source state as stored (JSON, in the source type's schema).
    pub source_state: serde_json::Value,
    pub source_private: Vec<u8>,
    /// The source identity as stored, if any.
    pub source_identity: Option<serde_json::Value>,
    pub source_identity_schema_version: i64,
    pub target_type_name: String,
}

#[derive(Default)]
pub struct MoveResponse {
    /// In the target type's schema; must be wholly known.
    pub target_state: Value,
    pub target_private: Vec<u8>,
    pub target_identity: Value,
    pub diagnostics: Diagnostics,
}

/// Configuration for a resource whose state is known (`terraform query -generate-config-out`,
/// `terraform plan -generate-config-out` with import blocks).
pub struct GenerateConfigRequest {
    pub type_name: String,
    pub state: Value,
}

#[derive(Default)]
pub struct GenerateConfigResponse {
    /// A value of the resource type that is valid as configuration. Terraform writes it as HCL;
    /// it writes every sensitive attribute as `null # sensitive` whatever the value, and leaves
    /// out computed attributes that are null.
    pub config: Value,
    pub diagnostics: Diagnostics,
}

/// Optional protocol features a provider implements (advertised in `GetProviderSchema`).
#[derive(Clone, Copy, Debug, Default)]
pub struct Capabilities {
    /// [`Provider::move_resource_state`] is implemented.
    pub move_resource_state: bool,
    /// [`Provider::generate_resource_config`] is implemented.
    pub generate_resource_config: bool,
}

fn not_supported(what: &str, type_name: &str) -> Diagnostics {
    let mut d = Diagnostics::new();
    d.error(
        format!("{what} is not supported for {type_name}"),
        format!(
            "This provider does not implement {what} for {type_name}. This is a bug in the \
             provider: it declared a schema or capability it does not serve."
        ),
    );
    d
}

/// A Terraform provider, in protocol terms. Implementations hold no gRPC types.
pub trait Provider: Send + Sync + 'static {
    /// Every schema the provider serves. Called often: keep it cheap (cache it).
    fn schemas(&self) -> &ProviderSchemas;

    /// Static checks of the provider block (values may be unknown).
    fn validate_provider_config(&self, config: &Value) -> Diagnostics;

    fn configure(&self, request: ConfigureRequest) -> impl Future<Output = Diagnostics> + Send;

    /// Static checks of a resource block (values may be unknown: never an error for that).
    fn validate_resource_config(&self, type_name: &str, config: &Value) -> Diagnostics;

    fn validate_data_source_config(&self, type_name: &str, config: &Value) -> Diagnostics;

    fn upgrade_resource_state(&self, request: UpgradeRequest) -> UpgradeResponse;

    fn read_resource(&self, request: ReadRequest) -> impl Future<Output = ReadResponse> + Send;

    fn plan_resource_change(
        &self,
        request: PlanRequest,
    ) -> impl Future<Output = PlanResponse> + Send;

    fn apply_resource_change(
        &self,
        request: ApplyRequest,
    ) -> impl Future<Output = ApplyResponse> + Send;

    fn import_resource_state(
        &self,
        request: ImportRequest,
    ) -> impl Future<Output = ImportResponse> + Send;

    fn read_data_source(
        &self,
        request: ReadDataRequest,
    ) -> impl Future<Output = ReadDataResponse> + Send;

    /// Terraform asks us to stop (Ctrl-C): end in-flight work promptly.
    fn stop(&self);

    /// Optional features this provider implements.
    fn capabilities(&self) -> Capabilities {
        Capabilities::default()
    }

    /// Rewrites an identity stored with an older identity schema version. Terraform calls it
    /// only when the stored version differs from the current one.
    fn upgrade_resource_identity(
        &self,
        request: UpgradeIdentityRequest,
    ) -> UpgradeIdentityResponse {
        UpgradeIdentityResponse {
            diagnostics: not_supported("upgrading resource identities", &request.type_name),
            ..Default::default()
        }
    }

    /// Static checks of a list block's `config` (values are known: Terraform refuses unknown
    /// list configuration itself).
    fn validate_list_resource_config(&self, _type_name: &str, _config: &Value) -> Diagnostics {
        Diagnostics::new()
    }

    /// Lists existing objects for `terraform query`, sending each to `sink` as it is found.
    /// Stop when `sink` reports [`ListClosed`] (Terraform has all it asked for).
    fn list_resource(
        &self,
        request: ListRequest,
        sink: ListSink,
    ) -> impl Future<Output = ()> + Send {
        async move {
            let _ = sink
                .diagnostics(not_supported("listing", &request.type_name))
                .await;
        }
    }

    /// Converts another resource type's state (a `moved` block) into one of ours.
    fn move_resource_state(&self, request: MoveRequest) -> MoveResponse {
        MoveResponse {
            diagnostics: not_supported("moving state", &request.target_type_name),
            ..Default::default()
        }
    }

    /// Turns a state into configuration.
    fn generate_resource_config(&self, request: GenerateConfigRequest) -> GenerateConfigResponse {
        GenerateConfigResponse {
            diagnostics: not_supported("generating configuration", &request.type_name),
            ..Default::default()
        }
    }
}
