//! The tfplugin6 `Provider` gRPC service over any [`Provider`]: decode → logic → encode.
//!
//! Handlers are thin. They decode each `DynamicValue` against the schema of the type named in
//! the request, call the provider, and encode its answer. Two protocol rules are enforced here
//! for every provider: write-only attributes are null in everything returned to Terraform, and
//! nothing returned after apply or read is unknown. RPCs this layer does not serve answer
//! UNIMPLEMENTED through the generated default bodies.
//!
//! - [`identity`]: resource identities beside state; identity schemas and upgrades.
//! - [`list`]: `ListResource` (a server stream) and its validation, for `terraform query`.
//! - [`moved`]: `MoveResourceState` and `GenerateResourceConfig`.

mod convert;
mod identity;
mod list;
mod moved;

use std::sync::Arc;

use tonic::codegen::BoxStream;
use tonic::{Request, Response, Status};

use super::diag::Diagnostics;
use super::generated::tfplugin6 as pb;
use super::generated::tfplugin6::provider_server;
use super::provider::{
    ApplyRequest, ConfigureRequest, ImportRequest, PlanRequest, Provider, ReadDataRequest,
    ReadRequest, UpgradeRequest,
};
use super::schema::Schema;
use super::value::Value;

/// The gRPC face of a provider.
pub struct ProviderService<P> {
    provider: Arc<P>,
    schema_response: pb::get_provider_schema::Response,
}

impl<P: Provider> ProviderService<P> {
    pub fn new(provider: Arc<P>) -> Self {
        let s = provider.schemas();
        let schema_response = pb::get_provider_schema::Response {
            provider: Some(convert::schema(&s.provider)),
            resource_schemas: s
                .resources
                .iter()
                .map(|(n, s)| (n.clone(), convert::schema(s)))
                .collect(),
            data_source_schemas: s
                .data_sources
                .iter()
                .map(|(n, s)| (n.clone(), convert::schema(s)))
                .collect(),
            list_resource_schemas: s
                .list_resources
                .iter()
                .map(|(n, s)| (n.clone(), convert::schema(s)))
                .collect(),
            server_capabilities: Some(pb::ServerCapabilities {
                plan_destroy: false,
                // Every process serves the same schema: Terraform may reuse what it fetched once.
                get_provider_schema_optional: true,
                move_resource_state: provider.capabilities().move_resource_state,
                generate_resource_config: provider.capabilities().generate_resource_config,
            }),
            ..Default::default()
        };
        ProviderService {
            provider,
            schema_response,
        }
    }

    fn resource_schema(&self, type_name: &str) -> Result<&Schema, Diagnostics> {
        self.provider
            .schemas()
            .resources
            .get(type_name)
            .ok_or_else(|| unknown_type("resource type", type_name))
    }

    fn data_source_schema(&self, type_name: &str) -> Result<&Schema, Diagnostics> {
        self.provider
            .schemas()
            .data_sources
            .get(type_name)
            .ok_or_else(|| unknown_type("data source", type_name))
    }
}

fn unknown_type(kind: &str, name: &str) -> Diagnostics {
    let mut d = Diagnostics::new();
    d.error(
        format!("Unknown {kind} {name}"),
        format!("This provider does not serve the {kind} {name}."),
    );
    d
}

/// What goes back to Terraform as state: write-only attributes null, and (after apply or read)
/// nothing unknown.
fn settle(schema: &Schema, mut value: Value, allow_unknown: bool) -> Value {
    schema.block.null_write_only(&mut value);
    if !allow_unknown && value.contains_unknown() {
        tracing::warn!(
            "provider returned unknown values after apply or read; sending null instead"
        );
        value = null_unknowns(value);
    }
    value
}

fn null_unknowns(v: Value) -> Value {
    match v {
        Value::Unknown => Value::Null,
        Value::List(items) => Value::List(items.into_iter().map(null_unknowns).collect()),
        Value::Set(items) => Value::Set(items.into_iter().map(null_unknowns).collect()),
        Value::Tuple(items) => Value::Tuple(items.into_iter().map(null_unknowns).collect()),
        Value::Map(m) => Value::Map(m.into_iter().map(|(k, v)| (k, null_unknowns(v))).collect()),
        Value::Object(m) => {
            Value::Object(m.into_iter().map(|(k, v)| (k, null_unknowns(v))).collect())
        }
        other => other,
    }
}

/// Terraform older than 1.11 does not know write-only attributes and would store them in state.
fn check_write_only_support(
    schema: &Schema,
    config: &Value,
    allowed: bool,
    diags: &mut Diagnostics,
) {
    if allowed {
        return;
    }
    for a in schema.block.attributes.iter().filter(|a| a.write_only) {
        if !config.get(&a.name).is_null() {
            diags.attribute_error(
                super::diag::AttributePath::root(&a.name),
                format!("{} needs Terraform 1.11 or later", a.name),
                "Write-only attributes are supported from Terraform 1.11. Upgrade Terraform, or \
                 use the attribute without the _wo suffix instead.",
            );
        }
    }
}

/// Unwrap a result, or answer the RPC with its diagnostics.
macro_rules! try_diags {
    ($e:expr, $resp:ident) => {
        match $e {
            Ok(v) => v,
            Err(d) => {
                // Some responses have no field but diagnostics: the update is then a no-op.
                #[allow(clippy::needless_update)]
                let response = pb::$resp::Response {
                    diagnostics: convert::diagnostics(&d),
                    ..Default::default()
                };
                return Ok(Response::new(response));
            }
        }
    };
}

type Reply<T> = Result<Response<T>, Status>;

#[tonic::async_trait]
impl<P: Provider> provider_server::Provider for ProviderService<P> {
    async fn get_provider_schema(
        &self,
        _: Request<pb::get_provider_schema::Request>,
    ) -> Reply<pb::get_provider_schema::Response> {
        Ok(Response::new(self.schema_response.clone()))
    }

    async fn get_resource_identity_schemas(
        &self,
        _: Request<pb::get_resource_identity_schemas::Request>,
    ) -> Reply<pb::get_resource_identity_schemas::Response> {
        Ok(Response::new(self.identity_schemas_response()))
    }

    async fn upgrade_resource_identity(
        &self,
        request: Request<pb::upgrade_resource_identity::Request>,
    ) -> Reply<pb::upgrade_resource_identity::Response> {
        self.upgrade_identity(request.into_inner())
    }

    async fn validate_provider_config(
        &self,
        request: Request<pb::validate_provider_config::Request>,
    ) -> Reply<pb::validate_provider_config::Response> {
        let ty = self.provider.schemas().provider.value_type();
        let config = try_diags!(
            convert::decode(
                request.get_ref().config.as_ref(),
                &ty,
                "provider configuration"
            ),
            validate_provider_config
        );
        let d = self.provider.validate_provider_config(&config);
        Ok(Response::new(pb::validate_provider_config::Response {
            diagnostics: convert::diagnostics(&d),
        }))
    }

    async fn validate_resource_config(
        &self,
        request: Request<pb::validate_resource_config::Request>,
    ) -> Reply<pb::validate_resource_config::Response> {
        let r = request.into_inner();
        let schema = try_diags!(self.resource_schema(&r.type_name), validate_resource_config);
        let config = try_diags!(
            convert::decode(r.config.as_ref(), &schema.value_type(), "configuration"),
            validate_resource_config
        );
        let mut d = self
            .provider
            .validate_resource_config(&r.type_name, &config);
        let allowed = r
            .client_capabilities
            .as_ref()
            .is_some_and(|c| c.write_only_attributes_allowed);
        check_write_only_support(schema, &config, allowed, &mut d);
        Ok(Response::new(pb::validate_resource_config::Response {
            diagnostics: convert::diagnostics(&d),
        }))
    }

    async fn validate_data_resource_config(
        &self,
        request: Request<pb::validate_data_resource_config::Request>,
    ) -> Reply<pb::validate_data_resource_config::Response> {
        let r = request.into_inner();
        let schema = try_diags!(
            self.data_source_schema(&r.type_name),
            validate_data_resource_config
        );
        let config = try_diags!(
            convert::decode(r.config.as_ref(), &schema.value_type(), "configuration"),
            validate_data_resource_config
        );
        let d = self
            .provider
            .validate_data_source_config(&r.type_name, &config);
        Ok(Response::new(pb::validate_data_resource_config::Response {
            diagnostics: convert::diagnostics(&d),
        }))
    }

    async fn configure_provider(
        &self,
        request: Request<pb::configure_provider::Request>,
    ) -> Reply<pb::configure_provider::Response> {
        let r = request.into_inner();
        let ty = self.provider.schemas().provider.value_type();
        let config = try_diags!(
            convert::decode(r.config.as_ref(), &ty, "provider configuration"),
            configure_provider
        );
        let d = self
            .provider
            .configure(ConfigureRequest {
                terraform_version: r.terraform_version,
                config,
            })
            .await;
        Ok(Response::new(pb::configure_provider::Response {
            diagnostics: convert::diagnostics(&d),
        }))
    }

    async fn upgrade_resource_state(
        &self,
        request: Request<pb::upgrade_resource_state::Request>,
    ) -> Reply<pb::upgrade_resource_state::Response> {
        let r = request.into_inner();
        let schema = try_diags!(self.resource_schema(&r.type_name), upgrade_resource_state);
        let ty = schema.value_type();
        let raw = r.raw_state.map(|s| s.json).unwrap_or_default();
        let state = if raw.is_empty() {
            Value::Null
        } else {
            try_diags!(
                Value::from_json(&raw, &ty).map_err(|e| {
                    let mut d = Diagnostics::new();
                    d.error(
                        format!("Unreadable state for {}", r.type_name),
                        format!("The stored state could not be read: {e}."),
                    );
                    d
                }),
                upgrade_resource_state
            )
        };
        let out = self.provider.upgrade_resource_state(UpgradeRequest {
            type_name: r.type_name,
            version: r.version,
            state,
        });
        let upgraded = settle(schema, out.upgraded_state, false);
        Ok(Response::new(pb::upgrade_resource_state::Response {
            upgraded_state: convert::encode(&upgraded, &ty),
            diagnostics: convert::diagnostics(&out.diagnostics),
        }))
    }

    async fn read_resource(
        &self,
        request: Request<pb::read_resource::Request>,
    ) -> Reply<pb::read_resource::Response> {
        let r = request.into_inner();
        let schema = try_diags!(self.resource_schema(&r.type_name), read_resource);
        let ty = schema.value_type();
        let current_state = try_diags!(
            convert::decode(r.current_state.as_ref(), &ty, "state"),
            read_resource
        );
        let current_identity = try_diags!(
            self.decode_identity(&r.type_name, r.current_identity.as_ref()),
            read_resource
        );
        let out = self
            .provider
            .read_resource(ReadRequest {
                type_name: r.type_name.clone(),
                current_state,
                private: r.private,
                current_identity,
            })
            .await;
        let state = settle(schema, out.new_state, false);
        Ok(Response::new(pb::read_resource::Response {
            new_identity: self.encode_identity(&r.type_name, &out.new_identity),
            new_state: convert::encode(&state, &ty),
            diagnostics: convert::diagnostics(&out.diagnostics),
            private: out.private,
            ..Default::default()
        }))
    }

    async fn plan_resource_change(
        &self,
        request: Request<pb::plan_resource_change::Request>,
    ) -> Reply<pb::plan_resource_change::Response> {
        let r = request.into_inner();
        let schema = try_diags!(self.resource_schema(&r.type_name), plan_resource_change);
        let ty = schema.value_type();
        let prior_state = try_diags!(
            convert::decode(r.prior_state.as_ref(), &ty, "prior state"),
            plan_resource_change
        );
        let proposed_new_state = try_diags!(
            convert::decode(r.proposed_new_state.as_ref(), &ty, "proposed state"),
            plan_resource_change
        );
        let config = try_diags!(
            convert::decode(r.config.as_ref(), &ty, "configuration"),
            plan_resource_change
        );
        let prior_identity = try_diags!(
            self.decode_identity(&r.type_name, r.prior_identity.as_ref()),
            plan_resource_change
        );
        let out = self
            .provider
            .plan_resource_change(PlanRequest {
                type_name: r.type_name.clone(),
                prior_state,
                proposed_new_state,
                config,
                prior_private: r.prior_private,
                prior_identity,
            })
            .await;
        let planned = settle(schema, out.planned_state, true);
        Ok(Response::new(pb::plan_resource_change::Response {
            planned_identity: self.encode_identity(&r.type_name, &out.planned_identity),
            planned_state: convert::encode(&planned, &ty),
            requires_replace: out.requires_replace.iter().map(convert::path).collect(),
            planned_private: out.planned_private,
            diagnostics: convert::diagnostics(&out.diagnostics),
            ..Default::default()
        }))
    }

    async fn apply_resource_change(
        &self,
        request: Request<pb::apply_resource_change::Request>,
    ) -> Reply<pb::apply_resource_change::Response> {
        let r = request.into_inner();
        let schema = try_diags!(self.resource_schema(&r.type_name), apply_resource_change);
        let ty = schema.value_type();
        let prior_state = try_diags!(
            convert::decode(r.prior_state.as_ref(), &ty, "prior state"),
            apply_resource_change
        );
        let planned_state = try_diags!(
            convert::decode(r.planned_state.as_ref(), &ty, "planned state"),
            apply_resource_change
        );
        let config = try_diags!(
            convert::decode(r.config.as_ref(), &ty, "configuration"),
            apply_resource_change
        );
        let planned_identity = try_diags!(
            self.decode_identity(&r.type_name, r.planned_identity.as_ref()),
            apply_resource_change
        );
        let out = self
            .provider
            .apply_resource_change(ApplyRequest {
                type_name: r.type_name.clone(),
                prior_state,
                planned_state,
                config,
                planned_private: r.planned_private,
                planned_identity,
            })
            .await;
        let state = settle(schema, out.new_state, false);
        Ok(Response::new(pb::apply_resource_change::Response {
            new_identity: self.encode_identity(&r.type_name, &out.new_identity),
            new_state: convert::encode(&state, &ty),
            private: out.private,
            diagnostics: convert::diagnostics(&out.diagnostics),
            ..Default::default()
        }))
    }

    async fn import_resource_state(
        &self,
        request: Request<pb::import_resource_state::Request>,
    ) -> Reply<pb::import_resource_state::Response> {
        let r = request.into_inner();
        try_diags!(self.resource_schema(&r.type_name), import_resource_state);
        let identity = try_diags!(
            self.decode_identity(&r.type_name, r.identity.as_ref()),
            import_resource_state
        );
        let out = self
            .provider
            .import_resource_state(ImportRequest {
                type_name: r.type_name,
                id: r.id,
                identity,
            })
            .await;
        let mut imported = Vec::new();
        for i in out.imported {
            let schema = try_diags!(self.resource_schema(&i.type_name), import_resource_state);
            let ty = schema.value_type();
            let state = settle(schema, i.state, false);
            imported.push(pb::import_resource_state::ImportedResource {
                identity: self.encode_identity(&i.type_name, &i.identity),
                type_name: i.type_name,
                state: convert::encode(&state, &ty),
                private: i.private,
            });
        }
        Ok(Response::new(pb::import_resource_state::Response {
            imported_resources: imported,
            diagnostics: convert::diagnostics(&out.diagnostics),
            deferred: None,
        }))
    }

    async fn read_data_source(
        &self,
        request: Request<pb::read_data_source::Request>,
    ) -> Reply<pb::read_data_source::Response> {
        let r = request.into_inner();
        let schema = try_diags!(self.data_source_schema(&r.type_name), read_data_source);
        let ty = schema.value_type();
        let config = try_diags!(
            convert::decode(r.config.as_ref(), &ty, "configuration"),
            read_data_source
        );
        let out = self
            .provider
            .read_data_source(ReadDataRequest {
                type_name: r.type_name,
                config,
            })
            .await;
        let state = settle(schema, out.state, false);
        Ok(Response::new(pb::read_data_source::Response {
            state: convert::encode(&state, &ty),
            diagnostics: convert::diagnostics(&out.diagnostics),
            deferred: None,
        }))
    }

    async fn move_resource_state(
        &self,
        request: Request<pb::move_resource_state::Request>,
    ) -> Reply<pb::move_resource_state::Response> {
        Ok(Response::new(self.move_state(request.into_inner())))
    }

    async fn generate_resource_config(
        &self,
        request: Request<pb::generate_resource_config::Request>,
    ) -> Reply<pb::generate_resource_config::Response> {
        Ok(Response::new(self.generate_config(request.into_inner())))
    }

    async fn validate_list_resource_config(
        &self,
        request: Request<pb::validate_list_resource_config::Request>,
    ) -> Reply<pb::validate_list_resource_config::Response> {
        Ok(Response::new(self.validate_list(request.into_inner())))
    }

    async fn list_resource(
        &self,
        request: Request<pb::list_resource::Request>,
    ) -> Reply<BoxStream<pb::list_resource::Event>> {
        Ok(Response::new(self.list(request.into_inner())))
    }

    async fn stop_provider(
        &self,
        _: Request<pb::stop_provider::Request>,
    ) -> Reply<pb::stop_provider::Response> {
        self.provider.stop();
        Ok(Response::new(pb::stop_provider::Response {
            error: String::new(),
        }))
    }
}

#[cfg(test)]
mod tests;
