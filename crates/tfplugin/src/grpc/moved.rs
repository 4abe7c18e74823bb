//! `MoveResourceState` (a `moved` block across resource types or providers) and
//! `GenerateResourceConfig` (configuration from state, for `-generate-config-out`).
//!
//! Both turn one value into another for a resource type of ours. The source of a move belongs to
//! another schema (often another provider's), so its state arrives as raw JSON for the provider
//! to read. Rules enforced for every provider: a moved state is a settled state (write-only
//! attributes null, nothing unknown — Terraform rejects both); generated configuration has every
//! computed-only attribute null (Terraform would write them into the file, and then refuse the
//! file) and nothing unknown.

use super::convert;
use super::{ProviderService, settle};
use crate::diag::Diagnostics;
use crate::generated::tfplugin6 as pb;
use crate::provider::{GenerateConfigRequest, MoveRequest, Provider};

fn json_or_null(raw: Option<pb::RawState>, what: &str) -> Result<serde_json::Value, Diagnostics> {
    let bytes = raw.map(|s| s.json).unwrap_or_default();
    if bytes.is_empty() {
        return Ok(serde_json::Value::Null);
    }
    serde_json::from_slice(&bytes).map_err(|e| {
        let mut d = Diagnostics::new();
        d.error(
            format!("Unreadable {what}"),
            format!("Terraform sent a {what} that is not JSON: {e}."),
        );
        d
    })
}

impl<P: Provider> ProviderService<P> {
    pub(super) fn move_state(
        &self,
        r: pb::move_resource_state::Request,
    ) -> pb::move_resource_state::Response {
        let fail = |d: Diagnostics| pb::move_resource_state::Response {
            diagnostics: convert::diagnostics(&d),
            ..Default::default()
        };
        let schema = match self.resource_schema(&r.target_type_name) {
            Ok(s) => s,
            Err(d) => return fail(d),
        };
        let source_state = match json_or_null(r.source_state, "source state") {
            Ok(v) => v,
            Err(d) => return fail(d),
        };
        let source_identity = match json_or_null(r.source_identity, "source identity") {
            Ok(serde_json::Value::Null) => None,
            Ok(v) => Some(v),
            Err(d) => return fail(d),
        };
        let out = self.provider.move_resource_state(MoveRequest {
            source_provider_address: r.source_provider_address,
            source_type_name: r.source_type_name,
            source_schema_version: r.source_schema_version,
            source_state,
            source_private: r.source_private,
            source_identity,
            source_identity_schema_version: r.source_identity_schema_version,
            target_type_name: r.target_type_name.clone(),
        });
        if out.diagnostics.has_errors() {
            return fail(out.diagnostics);
        }
        let state = settle(schema, out.target_state, false);
        pb::move_resource_state::Response {
            target_state: convert::encode(&state, &schema.value_type()),
            diagnostics: convert::diagnostics(&out.diagnostics),
            target_private: out.target_private,
            target_identity: self.encode_identity(&r.target_type_name, &out.target_identity),
        }
    }

    pub(super) fn generate_config(
        &self,
        r: pb::generate_resource_config::Request,
    ) -> pb::generate_resource_config::Response {
        let fail = |d: Diagnostics| pb::generate_resource_config::Response {
            diagnostics: convert::diagnostics(&d),
            ..Default::default()
        };
        let schema = match self.resource_schema(&r.type_name) {
            Ok(s) => s,
            Err(d) => return fail(d),
        };
        let ty = schema.value_type();
        let state = match convert::decode(r.state.as_ref(), &ty, "state") {
            Ok(v) => v,
            Err(d) => return fail(d),
        };
        let out = self
            .provider
            .generate_resource_config(GenerateConfigRequest {
                type_name: r.type_name,
                state,
            });
        if out.diagnostics.has_errors() {
            return fail(out.diagnostics);
        }
        let mut config = settle(schema, out.config, false);
        schema.block.null_computed_only(&mut config);
        pb::generate_resource_config::Response {
            config: convert::encode(&config, &ty),
            diagnostics: convert::diagnostics(&out.diagnostics),
        }
    }
}
