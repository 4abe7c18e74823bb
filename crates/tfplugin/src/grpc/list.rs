//! `ListResource` (a server stream) and `ValidateListResourceConfig`: list resources for
//! `terraform query` (protocol 6.10).
//!
//! The provider's listing runs as its own task and sends events into a bounded channel; this
//! layer encodes each one as it arrives. Rules enforced for every provider: a listed type must
//! also be a managed resource type with an identity (Terraform requires both); every result
//! carries a known identity; the resource object is sent only when Terraform asked for it, with
//! write-only attributes null and nothing unknown; no more results than `limit`.

use tokio_stream::StreamExt;
use tokio_stream::wrappers::ReceiverStream;
use tonic::codegen::BoxStream;

use super::convert;
use super::{ProviderService, settle, unknown_type};
use crate::diag::Diagnostics;
use crate::generated::tfplugin6 as pb;
use crate::provider::{ListEvent, ListRequest, ListSink, Provider};
use crate::schema::Schema;
use crate::value::{Type, Value};

/// How far a provider may list ahead of Terraform reading.
const LIST_BUFFER: usize = 16;

/// What encoding one listing's events needs.
struct Listing {
    type_name: String,
    resource: Schema,
    identity: Type,
    include_resource_object: bool,
}

impl<P: Provider> ProviderService<P> {
    /// The list block's schema, the resource schema and the identity type of a list resource.
    fn listing_schemas(&self, type_name: &str) -> Result<(&Schema, &Schema, Type), Diagnostics> {
        let schemas = self.provider.schemas();
        let list = schemas
            .list_resources
            .get(type_name)
            .ok_or_else(|| unknown_type("list resource", type_name))?;
        match (
            schemas.resources.get(type_name),
            schemas.identities.get(type_name),
        ) {
            (Some(resource), Some(identity)) => Ok((list, resource, identity.value_type())),
            _ => {
                let mut d = Diagnostics::new();
                d.error(
                    format!("List resource {type_name} has no identity"),
                    format!(
                        "The list resource {type_name} needs a managed resource type of the same \
                         name with an identity schema. This is a bug in the provider."
                    ),
                );
                Err(d)
            }
        }
    }

    pub(super) fn validate_list(
        &self,
        r: pb::validate_list_resource_config::Request,
    ) -> pb::validate_list_resource_config::Response {
        let d = self
            .listing_schemas(&r.type_name)
            .and_then(|(list, _, _)| {
                convert::decode(r.config.as_ref(), &list.value_type(), "list configuration")
            })
            .map(|config| {
                self.provider
                    .validate_list_resource_config(&r.type_name, &config)
            })
            .unwrap_or_else(|d| d);
        pb::validate_list_resource_config::Response {
            diagnostics: convert::diagnostics(&d),
        }
    }

    pub(super) fn list(
        &self,
        r: pb::list_resource::Request,
    ) -> BoxStream<pb::list_resource::Event> {
        let found = self
            .listing_schemas(&r.type_name)
            .and_then(|(list, res, id)| {
                let config =
                    convert::decode(r.config.as_ref(), &list.value_type(), "list configuration")?;
                Ok((config, res.clone(), id))
            });
        let (config, resource, identity) = match found {
            Ok(parts) => parts,
            Err(d) => {
                let event = pb::list_resource::Event {
                    diagnostic: convert::diagnostics(&d),
                    ..Default::default()
                };
                return Box::pin(tokio_stream::once(Ok(event)));
            }
        };
        let listing = Listing {
            type_name: r.type_name.clone(),
            resource,
            identity,
            include_resource_object: r.include_resource_object,
        };
        let (sink, rx) = ListSink::channel(LIST_BUFFER);
        let provider = self.provider.clone();
        let request = ListRequest {
            type_name: r.type_name,
            config,
            include_resource_object: r.include_resource_object,
            limit: r.limit,
        };
        tokio::spawn(async move { provider.list_resource(request, sink).await });

        let limit = usize::try_from(r.limit).unwrap_or(0);
        let mut results = 0usize;
        let stream = ReceiverStream::new(rx)
            .take_while(move |e| {
                if e.identity.is_null() {
                    return true; // diagnostics only: not a result
                }
                results += 1;
                results <= limit
            })
            .map(move |e| Ok(listing.encode(e)));
        Box::pin(stream)
    }
}

impl Listing {
    fn encode(&self, e: ListEvent) -> pb::list_resource::Event {
        let mut diagnostics = e.diagnostics;
        let identity = if e.identity.is_null() {
            if diagnostics.is_empty() {
                diagnostics.error(
                    format!("Listed {} without identity", self.type_name),
                    "The provider listed an object without its identity. This is a bug in the \
                     provider.",
                );
            }
            None
        } else if e.identity.contains_unknown() {
            diagnostics.error(
                format!("Listed {} with an unknown identity", self.type_name),
                "The provider listed an object whose identity is not known. This is a bug in \
                 the provider.",
            );
            None
        } else {
            Some(pb::ResourceIdentityData {
                identity_data: convert::encode(&e.identity, &self.identity),
            })
        };
        let resource_object = e
            .resource_object
            .filter(|_| self.include_resource_object)
            .filter(|v: &Value| !v.is_null())
            .and_then(|v| {
                let state = settle(&self.resource, v, false);
                convert::encode(&state, &self.resource.value_type())
            });
        pb::list_resource::Event {
            identity,
            display_name: e.display_name,
            resource_object,
            diagnostic: convert::diagnostics(&diagnostics),
        }
    }
}
