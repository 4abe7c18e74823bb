//! Resource identities on the wire (protocol 6.9): the identity schemas, the identity data that
//! travels beside state in read, plan, apply, import and move, and identity upgrades.
//!
//! Rules enforced here for every provider: identity data is decoded against the type's identity
//! schema (a type without one never sends or receives identities), and an identity sent to
//! Terraform is wholly known. Terraform rejects unknown identities after read, apply, import and
//! move; in a plan it accepts one for a create but then fails to render the plan as JSON
//! ("value is not known", Terraform 1.15). So an identity that is not wholly known is dropped
//! (and logged): no identity is always acceptable.

use tonic::Response;

use super::convert;
use super::{ProviderService, Reply};
use crate::diag::Diagnostics;
use crate::generated::tfplugin6 as pb;
use crate::provider::{Provider, UpgradeIdentityRequest};
use crate::value::{Type, Value};

impl<P: Provider> ProviderService<P> {
    pub(super) fn identity_type(&self, type_name: &str) -> Option<Type> {
        self.provider
            .schemas()
            .identities
            .get(type_name)
            .map(|s| s.value_type())
    }

    /// The identity Terraform sent, or `Null` when it sent none.
    pub(super) fn decode_identity(
        &self,
        type_name: &str,
        data: Option<&pb::ResourceIdentityData>,
    ) -> Result<Value, Diagnostics> {
        let Some(dv) = data.and_then(|d| d.identity_data.as_ref()) else {
            return Ok(Value::Null);
        };
        match self.identity_type(type_name) {
            Some(ty) => convert::decode(Some(dv), &ty, "resource identity"),
            None => Ok(Value::Null),
        }
    }

    /// The identity to send back; `None` for a null or not wholly known identity.
    pub(super) fn encode_identity(
        &self,
        type_name: &str,
        identity: &Value,
    ) -> Option<pb::ResourceIdentityData> {
        if identity.is_null() {
            return None;
        }
        let Some(ty) = self.identity_type(type_name) else {
            tracing::warn!(
                resource = type_name,
                "provider returned an identity for a type without an identity schema; dropped"
            );
            return None;
        };
        if identity.contains_unknown() {
            tracing::warn!(
                resource = type_name,
                "provider returned an identity that is not wholly known; dropped"
            );
            return None;
        }
        Some(pb::ResourceIdentityData {
            identity_data: convert::encode(identity, &ty),
        })
    }

    pub(super) fn identity_schemas_response(&self) -> pb::get_resource_identity_schemas::Response {
        pb::get_resource_identity_schemas::Response {
            identity_schemas: self
                .provider
                .schemas()
                .identities
                .iter()
                .map(|(n, s)| (n.clone(), convert::identity_schema(s)))
                .collect(),
            diagnostics: Vec::new(),
        }
    }

    pub(super) fn upgrade_identity(
        &self,
        r: pb::upgrade_resource_identity::Request,
    ) -> Reply<pb::upgrade_resource_identity::Response> {
        let answer = |d: Diagnostics| {
            Ok(Response::new(pb::upgrade_resource_identity::Response {
                upgraded_identity: None,
                diagnostics: convert::diagnostics(&d),
            }))
        };
        let Some(ty) = self.identity_type(&r.type_name) else {
            return answer(super::unknown_type("resource identity", &r.type_name));
        };
        let raw = r.raw_identity.map(|s| s.json).unwrap_or_default();
        let raw_identity = if raw.is_empty() {
            serde_json::Value::Null
        } else {
            match serde_json::from_slice(&raw) {
                Ok(v) => v,
                Err(e) => {
                    let mut d = Diagnostics::new();
                    d.error(
                        format!("Unreadable identity for {}", r.type_name),
                        format!("The stored resource identity is not JSON: {e}."),
                    );
                    return answer(d);
                }
            }
        };
        let out = self
            .provider
            .upgrade_resource_identity(UpgradeIdentityRequest {
                type_name: r.type_name.clone(),
                version: r.version,
                raw_identity,
            });
        if out.upgraded_identity.contains_unknown() {
            let mut d = out.diagnostics;
            d.error(
                format!("Invalid identity upgrade for {}", r.type_name),
                "The provider produced an identity with unknown values. This is a bug in the \
                 provider.",
            );
            return answer(d);
        }
        let upgraded = out.upgraded_identity;
        Ok(Response::new(pb::upgrade_resource_identity::Response {
            upgraded_identity: (!upgraded.is_null()).then(|| pb::ResourceIdentityData {
                identity_data: convert::encode(&upgraded, &ty),
            }),
            diagnostics: convert::diagnostics(&out.diagnostics),
        }))
    }
}
