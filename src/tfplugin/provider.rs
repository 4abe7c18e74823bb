//! The contract between the protocol layer and a provider implementation.
//!
//! The gRPC layer ([`super::grpc`]) decodes each request against the schema, calls one method of
//! [`Provider`] with a typed request, and encodes the typed response. Every response carries
//! [`Diagnostics`]: user-facing problems are diagnostics, never gRPC errors.

use std::future::Future;

use super::diag::{AttributePath, Diagnostics};
use super::schema::ProviderSchemas;
use super::value::Value;

pub struct ConfigureRequest {
    pub terraform_version: String,
    pub config: Value,
}

pub struct ReadRequest {
    pub type_name: String,
    pub current_state: Value,
    pub private: Vec<u8>,
}

#[derive(Default)]
pub struct ReadResponse {
    /// `Null` removes the resource from state (it is gone).
    pub new_state: Value,
    pub private: Vec<u8>,
    pub diagnostics: Diagnostics,
}

pub struct PlanRequest {
    pub type_name: String,
    /// `Null` on create.
    pub prior_state: Value,
    /// `Null` on destroy.
    pub proposed_new_state: Value,
    pub config: Value,
    pub prior_private: Vec<u8>,
}

#[derive(Default)]
pub struct PlanResponse {
    pub planned_state: Value,
    pub requires_replace: Vec<AttributePath>,
    pub planned_private: Vec<u8>,
    pub diagnostics: Diagnostics,
}

pub struct ApplyRequest {
    pub type_name: String,
    pub prior_state: Value,
    /// `Null` on destroy.
    pub planned_state: Value,
    /// The configuration: the only place write-only values are visible.
    pub config: Value,
    pub planned_private: Vec<u8>,
}

#[derive(Default)]
pub struct ApplyResponse {
    pub new_state: Value,
    pub private: Vec<u8>,
    pub diagnostics: Diagnostics,
}

pub struct ImportRequest {
    pub type_name: String,
    pub id: String,
}

/// One object an import produced; Terraform reads it next to complete it.
pub struct ImportedResource {
    pub type_name: String,
    pub state: Value,
    pub private: Vec<u8>,
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
}
