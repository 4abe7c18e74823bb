//! The lifecycle of one integration resource type — read, plan, apply, import, upgrade — the
//! same code for every catalog entry.
//!
//! Conventions (from the providers we learn from): read drops the resource from state when the
//! integration is gone; delete treats "already gone" as success; create never leaves an
//! integration that state does not know of (the client adopts rather than duplicates, and a
//! partly finished create is still recorded). Read is served from a list snapshot shared by
//! all the reads of a run (see `api::Client::get_coalesced`); import reads by id.

use crate::api::{Client, Error as ApiError};
use crate::catalog::IntegrationType;
use tfplugin::diag::{AttributePath, Diagnostics};
use tfplugin::provider::{
    ApplyRequest, ApplyResponse, ImportRequest, ImportResponse, ImportedResource, PlanRequest,
    PlanResponse, ReadRequest, ReadResponse, UpgradeRequest, UpgradeResponse,
};
use tfplugin::schema::Schema;
use tfplugin::value::Value;

use super::errors::api_error;
use super::identity::{identity_of, import_id};
use super::schema::resource_schema;
use super::state::{fill_unknowns, integration_request, secret_values, state_from_api};
use super::validate::UnsetSecrets;
use super::{plan, validate};

pub struct IntegrationResource {
    pub ty: &'static IntegrationType,
    pub type_name: String,
    pub schema: Schema,
}

impl IntegrationResource {
    pub fn new(ty: &'static IntegrationType, provider: &str) -> Self {
        IntegrationResource {
            ty,
            type_name: ty.resource_name(provider),
            schema: resource_schema(ty),
        }
    }

    /// "the Slack integration "alerts"" for messages.
    fn describe(&self, state: &Value) -> String {
        match state.get("name").as_str() {
            Some(name) => format!("the {} integration {name:?}", self.ty.title),
            None => format!(
                "the {} integration {}",
                self.ty.title,
                state.get("id").as_str().unwrap_or("")
            ),
        }
    }

    /// Static checks. An unset secret may be the one Prisma Cloud holds for an existing
    /// integration, so only [`Self::plan`] can tell whether it is missing.
    pub fn validate(&self, config: &Value) -> Diagnostics {
        let mut diags = Diagnostics::new();
        validate::validate_name(config.get("name"), AttributePath::root("name"), &mut diags);
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
        let mut response = plan::plan(self.ty, request);
        if request.prior_state.is_null() && !request.proposed_new_state.is_null() {
            // Creating (or replacing): there is no secret in Prisma Cloud to keep.
            validate::validate_config(
                self.ty,
                &request.config,
                &AttributePath::default(),
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

    fn wrong_type(&self, found: &str, id: &str) -> Diagnostics {
        let mut d = Diagnostics::new();
        d.error(
            format!("Integration {id} is not a {} integration", self.ty.title),
            format!(
                "Prisma Cloud reports integration {id} as type {found:?}, but {} manages \
                 {:?} integrations. Use the resource type prismacloud_integration_{found}.",
                self.type_name, self.ty.name
            ),
        );
        d
    }

    pub async fn read(&self, client: &Client, request: ReadRequest) -> ReadResponse {
        let state = request.current_state;
        let id = state.get("id").as_str().unwrap_or_default().to_string();
        // Terraform reads every resource at once: one shared list serves them all.
        let mut response = match client.get_coalesced(&id, self.ty.name).await {
            Ok(found) if found.integration_type != self.ty.name => ReadResponse {
                diagnostics: self.wrong_type(&found.integration_type, &id),
                new_state: state,
                private: request.private,
                ..Default::default()
            },
            Ok(found) => ReadResponse {
                new_state: state_from_api(self.ty, &found, &state),
                private: request.private,
                ..Default::default()
            },
            Err(e) if e.is_not_found() => {
                tracing::info!(id = %id, resource = %self.type_name, "integration is gone; removing it from state");
                ReadResponse {
                    new_state: Value::Null,
                    private: request.private,
                    ..Default::default()
                }
            }
            Err(e) => {
                let secrets = secret_values(self.ty, &[&state]);
                ReadResponse {
                    diagnostics: api_error(
                        &format!("read {}", self.describe(&state)),
                        &self.type_name,
                        &e,
                        &secrets,
                    )
                    .into(),
                    new_state: state,
                    private: request.private,
                    ..Default::default()
                }
            }
        };
        response.new_identity = identity_of(&response.new_state);
        response
    }

    pub async fn apply(&self, client: &Client, request: ApplyRequest) -> ApplyResponse {
        let mut response = self.apply_change(client, request).await;
        response.new_identity = identity_of(&response.new_state);
        response
    }

    async fn apply_change(&self, client: &Client, request: ApplyRequest) -> ApplyResponse {
        let ApplyRequest {
            prior_state: prior,
            planned_state: planned,
            config,
            planned_private,
            ..
        } = request;
        let secrets = secret_values(self.ty, &[&prior, &planned, &config]);
        let fail = |action: String, e: &ApiError, keep: Value| ApplyResponse {
            new_state: keep,
            private: planned_private.clone(),
            diagnostics: api_error(&action, &self.type_name, e, &secrets).into(),
            ..Default::default()
        };

        if planned.is_null() {
            let id = prior.get("id").as_str().unwrap_or_default();
            return match client.delete(id, self.ty.name).await {
                Ok(()) => ApplyResponse {
                    new_state: Value::Null,
                    ..ApplyResponse::default()
                },
                // Nothing was deleted: the state keeps the integration.
                Err(e) => fail(
                    format!("delete {}", self.describe(&prior)),
                    &e,
                    prior.clone(),
                ),
            };
        }

        let body = integration_request(self.ty, &planned, &config, &prior);
        if prior.is_null() {
            match client.create(&body).await {
                Ok(created) => ApplyResponse {
                    new_state: fill_unknowns(
                        &planned,
                        &state_from_api(self.ty, &created, &planned),
                    ),
                    private: planned_private,
                    ..Default::default()
                },
                Err(ApiError::CreatedIncomplete { id, step, source }) => {
                    // It exists: record it (Terraform marks it tainted) so nothing is lost.
                    let mut state = fill_unknowns(&planned, &Value::Null);
                    if let Value::Object(m) = &mut state {
                        m.insert("id".into(), Value::string(&id));
                    }
                    let e = ApiError::CreatedIncomplete { id, step, source };
                    fail(
                        format!("finish creating {}", self.describe(&planned)),
                        &e,
                        state,
                    )
                }
                Err(e) => fail(
                    format!("create {}", self.describe(&planned)),
                    &e,
                    Value::Null,
                ),
            }
        } else {
            let id = prior.get("id").as_str().unwrap_or_default();
            match client.update(id, &body).await {
                Ok(updated) => ApplyResponse {
                    new_state: fill_unknowns(
                        &planned,
                        &state_from_api(self.ty, &updated, &planned),
                    ),
                    private: planned_private,
                    ..Default::default()
                },
                Err(e) => fail(
                    format!("update {}", self.describe(&prior)),
                    &e,
                    prior.clone(),
                ),
            }
        }
    }

    pub async fn import(&self, client: &Client, request: ImportRequest) -> ImportResponse {
        let mut response = ImportResponse::default();
        let id = match import_id(&request) {
            Ok(id) => id,
            Err(diagnostics) => {
                response.diagnostics = diagnostics;
                return response;
            }
        };
        match client.get(&id, Some(self.ty.name)).await {
            Ok(found) if found.integration_type != self.ty.name => {
                response.diagnostics = self.wrong_type(&found.integration_type, &id);
            }
            Ok(found) => {
                let state = state_from_api(self.ty, &found, &Value::Null);
                response.imported.push(ImportedResource {
                    type_name: self.type_name.clone(),
                    identity: identity_of(&state),
                    state,
                    private: Vec::new(),
                })
            }
            Err(e) if e.is_not_found() => response.diagnostics.error(
                format!("Cannot import integration {id:?}"),
                format!(
                    "Prisma Cloud has no integration with id {id:?}. Import takes the \
                     integration's id (a UUID), as shown by the Prisma Cloud console or by \
                     `terraform query` with a list block of this resource type."
                ),
            ),
            Err(e) => response.diagnostics.extend(
                api_error(
                    &format!("import integration {id:?}"),
                    &self.type_name,
                    &e,
                    &[],
                )
                .into(),
            ),
        }
        response
    }
}
