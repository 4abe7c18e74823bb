//! The lifecycle of one resource type — read, plan, apply, import, upgrade — the same code for
//! every catalog entry of every platform.
//!
//! Conventions (from the providers we learn from): read drops the resource from state when the
//! integration is gone; delete treats "already gone" as success; create never leaves an
//! integration that state does not know of. Read may be served from a list shared by all the
//! reads of a run (`IntegrationApi::read`); import reads by id.
//!
//! # Nothing lost
//!
//! A create can fail after the API may have stored the integration. When the client knows its id
//! (`Error::CreatedIncomplete`) the state records it; when it does not (the answer was lost, and
//! so was every lookup after it: `Error::CreateOutcomeUnknown`, `Error::CreatedButNotFound`),
//! the state still records the integration, with an empty id and a *pending* mark in the
//! resource's private data. Either way Terraform keeps the resource, tainted, as SDK providers
//! keep a half-finished create. The next read of a pending resource looks it up by name and
//! type: found, it is the resource (and, tainted, is replaced by the next apply); not found, it
//! was never stored and the next apply creates it. One more apply therefore always converges
//! to exactly one integration.

use apiclient::Error as ApiError;
use tfplugin::diag::{AttributePath, Diagnostics};
use tfplugin::provider::{
    ApplyRequest, ApplyResponse, ImportRequest, ImportResponse, ImportedResource, PlanRequest,
    PlanResponse, ReadRequest, ReadResponse, UpgradeRequest, UpgradeResponse,
};
use tfplugin::schema::Schema;
use tfplugin::value::Value;

use crate::api::{Integration, IntegrationApi};
use crate::catalog::{Catalog, IntegrationType};
use crate::errors::{Attributes, Hints, api_error_about};
use crate::identity::{identity_of, import_id};
use crate::schema::resource_schema;
use crate::state::{fill_unknowns, integration_request, secret_values, state_from_api};
use crate::validate::UnsetSecrets;
use crate::{plan, validate};

/// The private data that marks a resource whose create may have stored it under an id nobody
/// learned.
pub const PENDING_CREATE: &[u8] = br#"{"pending_create":true}"#;

/// Whether a state's private data marks a pending create.
fn is_pending(private: &[u8]) -> bool {
    private == PENDING_CREATE
}

/// What an operation works with: the platform's catalog and words, and its client.
pub struct Context<'a, A> {
    pub catalog: &'static Catalog,
    pub hints: &'a dyn Hints,
    pub client: &'a A,
}

pub struct IntegrationResource {
    pub catalog: &'static Catalog,
    pub ty: &'static IntegrationType,
    pub type_name: String,
    pub schema: Schema,
}

impl IntegrationResource {
    pub fn new(catalog: &'static Catalog, ty: &'static IntegrationType) -> Self {
        IntegrationResource {
            catalog,
            ty,
            type_name: catalog.resource_name(ty),
            schema: resource_schema(catalog, ty),
        }
    }

    /// "the Slack integration "alerts"" for messages.
    fn describe(&self, state: &Value) -> String {
        let what = self.catalog.describe(self.ty);
        match state.get("name").as_str() {
            Some(name) => format!("{what} {name:?}"),
            None => format!("{what} {}", state.get("id").as_str().unwrap_or("")),
        }
    }

    /// The diagnostic of a failed call; a message about one of the attributes of `config` (null
    /// when there is none) names it and points at it.
    fn error<A>(
        &self,
        cx: &Context<'_, A>,
        action: String,
        e: &ApiError,
        secrets: &[secrecy::SecretString],
        config: &Value,
    ) -> Diagnostics {
        let prefixes = cx.hints.config_path_prefixes();
        let at = Attributes::of_resource(self.catalog, self.ty, prefixes, config);
        let (catalog, name) = (self.catalog, &self.type_name);
        api_error_about(catalog, cx.hints, &action, name, e, secrets, Some(&at)).into()
    }

    /// Static checks. An unset secret may be the one the API holds for an existing
    /// integration, so only [`Self::plan`] can tell whether it is missing.
    pub fn validate(&self, config: &Value) -> Diagnostics {
        let mut diags = Diagnostics::new();
        validate::validate_frame(self.catalog, config, &mut diags);
        validate::validate_config_with(
            self.ty,
            config,
            &AttributePath::default(),
            UnsetSecrets::MaybeKept,
            &mut diags,
        );
        diags
    }

    pub fn plan(&self, request: &PlanRequest) -> PlanResponse {
        let mut response = plan::plan(self.catalog, self.ty, request);
        if request.proposed_new_state.is_null() {
            return response;
        }
        if request.prior_state.is_null() {
            // Creating (or replacing): there is no secret in the API to keep.
            validate::validate_config(
                self.ty,
                &request.config,
                &AttributePath::default(),
                &mut response.diagnostics,
            );
        } else {
            // Updating: only the secrets of what the API already holds can be kept.
            validate::validate_new_secret_entries(
                self.ty,
                &request.config,
                &request.prior_state,
                &mut response.diagnostics,
            );
        }
        response
    }

    /// Version 0 is the only version so far: the state decoded against the current schema is
    /// already current.
    pub fn upgrade(&self, request: UpgradeRequest) -> UpgradeResponse {
        let mut diags = Diagnostics::new();
        if request.version > self.schema.version {
            diags.error(
                format!("State of {} is from a newer provider", self.type_name),
                format!(
                    "The state was written with schema version {}, but this provider knows \
                     versions up to {}. Upgrade the provider.",
                    request.version, self.schema.version
                ),
            );
        }
        UpgradeResponse {
            upgraded_state: request.state,
            diagnostics: diags,
        }
    }

    /// The API reports `id` as another type than this resource's.
    fn wrong_type(&self, found: &str, id: &str) -> Option<Diagnostics> {
        if found.eq_ignore_ascii_case(self.ty.wire_type) {
            return None;
        }
        let catalog = self.catalog;
        let object = catalog.object;
        let hint = match catalog.find_wire(found) {
            Some(other) => format!(" Use the resource type {}.", catalog.resource_name(other)),
            None => String::new(),
        };
        let mut d = Diagnostics::new();
        d.error(
            format!(
                "{} {id} is not a {} {object}",
                capitalized(object),
                self.ty.title
            ),
            format!(
                "{} reports {object} {id} as type {found:?}, but {} manages {:?} {object}s.{hint}",
                catalog.vendor, self.type_name, self.ty.wire_type
            ),
        );
        Some(d)
    }

    /// The state of `found`, or a diagnostic when it is of another type.
    fn checked(&self, found: &Integration, id: &str, prior: &Value) -> Result<Value, Diagnostics> {
        match self.wrong_type(&found.integration_type, id) {
            Some(d) => Err(d),
            None => Ok(state_from_api(self.catalog, self.ty, found, prior)),
        }
    }

    pub async fn read<A: IntegrationApi>(
        &self,
        cx: &Context<'_, A>,
        request: ReadRequest,
    ) -> ReadResponse {
        let state = request.current_state;
        let pending = is_pending(&request.private);
        let id = state.get("id").as_str().unwrap_or_default().to_string();
        let found = if pending {
            // A create whose outcome was unknown: the name tells whether it was stored.
            let name = state.get("name").as_str().unwrap_or_default();
            match cx.client.find_by_name(name, self.ty.wire_type).await {
                Ok(Some(found)) => Ok(found),
                Ok(None) => Err(None),
                Err(e) => Err(Some(e)),
            }
        } else {
            cx.client
                .read(&id, self.ty.wire_type)
                .await
                .map_err(|e| (!e.is_not_found()).then_some(e))
        };
        let mut response = match found {
            Ok(found) => match self.checked(&found, &found.id, &state) {
                Ok(new_state) => ReadResponse {
                    new_state,
                    // A pending create is settled either way: drop the mark.
                    private: if pending { Vec::new() } else { request.private },
                    ..Default::default()
                },
                Err(diagnostics) => ReadResponse {
                    diagnostics,
                    new_state: state,
                    private: request.private,
                    ..Default::default()
                },
            },
            Err(None) => {
                tracing::info!(id = %id, resource = %self.type_name, pending, "the integration is gone; removing it from state");
                ReadResponse {
                    new_state: Value::Null,
                    ..Default::default()
                }
            }
            Err(Some(e)) => {
                let secrets = secret_values(self.ty, &[&state]);
                let action = format!("read {}", self.describe(&state));
                ReadResponse {
                    diagnostics: self.error(cx, action, &e, &secrets, &Value::Null),
                    new_state: state,
                    private: request.private,
                    ..Default::default()
                }
            }
        };
        response.new_identity = identity_of(&response.new_state);
        response
    }

    pub async fn apply<A: IntegrationApi>(
        &self,
        cx: &Context<'_, A>,
        request: ApplyRequest,
    ) -> ApplyResponse {
        let mut response = self.apply_change(cx, request).await;
        response.new_identity = identity_of(&response.new_state);
        response
    }

    async fn apply_change<A: IntegrationApi>(
        &self,
        cx: &Context<'_, A>,
        request: ApplyRequest,
    ) -> ApplyResponse {
        let ApplyRequest {
            prior_state: prior,
            planned_state: planned,
            config,
            planned_private,
            ..
        } = request;
        let secrets = secret_values(self.ty, &[&prior, &planned, &config]);
        let fail = |action: String, e: &ApiError, keep: Value, private: Vec<u8>| ApplyResponse {
            new_state: keep,
            private,
            diagnostics: self.error(cx, action, e, &secrets, &config),
            ..Default::default()
        };

        if planned.is_null() {
            let id = prior.get("id").as_str().unwrap_or_default();
            let deleted = if id.is_empty() {
                // A pending create that the read did not settle: nothing is known to delete.
                Ok(())
            } else {
                cx.client.delete(id, self.ty.wire_type).await
            };
            return match deleted {
                Ok(()) => ApplyResponse {
                    new_state: Value::Null,
                    ..ApplyResponse::default()
                },
                // Nothing was deleted: the state keeps the integration.
                Err(e) => fail(
                    format!("delete {}", self.describe(&prior)),
                    &e,
                    prior.clone(),
                    planned_private,
                ),
            };
        }

        let body = integration_request(self.catalog, self.ty, &planned, &config, &prior);
        if prior.is_null() {
            match cx.client.create(&body).await {
                Ok(created) => ApplyResponse {
                    new_state: fill_unknowns(
                        &planned,
                        &state_from_api(self.catalog, self.ty, &created, &planned),
                    ),
                    private: planned_private,
                    ..Default::default()
                },
                Err(e) => {
                    let action = format!("create {}", self.describe(&planned));
                    match e.created_id() {
                        // It exists: record it (Terraform marks it tainted) so nothing is lost.
                        Some(id) => {
                            let state = with_id(&planned, id);
                            let action = format!("finish creating {}", self.describe(&planned));
                            fail(action, &e, state, planned_private)
                        }
                        // It may exist under an id nobody knows: record it as pending.
                        None if e.may_have_created() => {
                            let state = with_id(&planned, "");
                            fail(action, &e, state, PENDING_CREATE.to_vec())
                        }
                        None => fail(action, &e, Value::Null, planned_private),
                    }
                }
            }
        } else {
            let id = prior.get("id").as_str().unwrap_or_default();
            match cx.client.update(id, &body).await {
                Ok(updated) => ApplyResponse {
                    new_state: fill_unknowns(
                        &planned,
                        &state_from_api(self.catalog, self.ty, &updated, &planned),
                    ),
                    private: planned_private,
                    ..Default::default()
                },
                Err(e) => fail(
                    format!("update {}", self.describe(&prior)),
                    &e,
                    prior.clone(),
                    planned_private,
                ),
            }
        }
    }

    pub async fn import<A: IntegrationApi>(
        &self,
        cx: &Context<'_, A>,
        request: ImportRequest,
    ) -> ImportResponse {
        let mut response = ImportResponse::default();
        let id = match import_id(&request) {
            Ok(id) => id,
            Err(diagnostics) => {
                response.diagnostics = diagnostics;
                return response;
            }
        };
        let (vendor, object) = (self.catalog.vendor, self.catalog.object);
        match cx.client.get(&id, Some(self.ty.wire_type)).await {
            Ok(found) => match self.checked(&found, &id, &Value::Null) {
                Ok(state) => response.imported.push(ImportedResource {
                    type_name: self.type_name.clone(),
                    identity: identity_of(&state),
                    state,
                    private: Vec::new(),
                }),
                Err(d) => response.diagnostics = d,
            },
            Err(e) if e.is_not_found() => response.diagnostics.error(
                format!("Cannot import {object} {id:?}"),
                format!(
                    "{vendor} has no {object} with id {id:?}. Import takes the {object}'s id, as \
                     shown by {vendor} or by `terraform query` with a list block of this \
                     resource type."
                ),
            ),
            Err(e) => {
                let action = format!("import {object} {id:?}");
                let d = self.error(cx, action, &e, &[], &Value::Null);
                response.diagnostics.extend(d);
            }
        }
        response
    }
}

/// `planned` with its unknowns null and `id` set: the state of a create that did not finish.
fn with_id(planned: &Value, id: &str) -> Value {
    let mut state = fill_unknowns(planned, &Value::Null);
    if let Value::Object(m) = &mut state {
        m.insert("id".into(), Value::string(id));
    }
    state
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
