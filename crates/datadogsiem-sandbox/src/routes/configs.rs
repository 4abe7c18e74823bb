//! List, create, get, update and delete.

use std::collections::BTreeMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::error::{ApiError, clip};
use crate::render;
use crate::request;
use crate::secrets;
use crate::source_type::SourceType;
use crate::state::SandboxState;
use crate::store::{CredentialState, StoredConfig, now};

/// The one query parameter the list takes.
const TYPE_FILTER: &str = "filter[integration_type]";

/// `GET /`: every configuration (no pagination), optionally of one type.
pub async fn list(
    State(state): State<SandboxState>,
    Query(query): Query<BTreeMap<String, String>>,
) -> Result<Json<Value>, ApiError> {
    let mut filter = None;
    for (name, value) in &query {
        if name != TYPE_FILTER {
            return Err(ApiError::invalid(format!(
                "unknown query parameter {}",
                clip(name)
            )));
        }
        filter = Some(SourceType::parse(value).ok_or_else(|| {
            ApiError::invalid(format!(
                "{TYPE_FILTER} must be one of {}",
                SourceType::names()
            ))
        })?);
    }
    let store = state.store();
    let items: Vec<Value> = store.list(filter).map(render::item).collect();
    Ok(Json(json!({ "data": items })))
}

/// Whether the Entra ID prerequisite holds.
fn entra_ready(state: &SandboxState) -> bool {
    state
        .config()
        .azure_app_registrations
        .iter()
        .any(|r| r.resource_collection_enabled)
}

/// The source's verdict on credentials (see `secrets`), and Entra ID's prerequisite.
pub fn source_accepts(
    state: &SandboxState,
    ty: SourceType,
    domain: &str,
    secrets_sent: &serde_json::Map<String, Value>,
) -> Result<(), ApiError> {
    if ty == SourceType::EntraId && !entra_ready(state) {
        return Err(ApiError::invalid(
            "No Azure App Registration with resource collection enabled: the Entra ID \
             integration needs one (see GET /entra_id/azure_app_registrations)",
        ));
    }
    if secrets::refused(secrets_sent) {
        return Err(ApiError::invalid(secrets::refusal(ty, domain)));
    }
    Ok(())
}

/// `POST /`: 200 with the new configuration (enabled: the create takes no `enabled`).
pub async fn create(
    State(state): State<SandboxState>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let c = request::create(&body)?;
    source_accepts(&state, c.ty, &c.domain, &c.secrets)?;
    let at = now();
    let stored = StoredConfig {
        id: uuid::Uuid::new_v4().to_string(),
        ty: c.ty,
        name: c.name,
        domain: c.domain,
        enabled: true,
        settings: c.settings,
        secrets: c.secrets,
        state: CredentialState::Valid,
        created_at: at.clone(),
        modified_at: at,
    };
    let answer = render::one(&stored);
    state.change(|store| {
        store.insert(stored);
        Ok(())
    })?;
    Ok(Json(answer))
}

/// `GET /{id}`.
pub async fn get_one(
    State(state): State<SandboxState>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let store = state.store();
    let c = store.get(&id).ok_or_else(ApiError::not_found)?;
    Ok(Json(render::one(c)))
}

/// `PATCH /{id}`: only what is sent changes; `integration_type` must be sent and be the
/// configuration's; secrets sent are merged key by key into the stored ones, then the whole
/// is checked again and the sent ones go to the source.
pub async fn update(
    State(state): State<SandboxState>,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let p = request::patch(&body, &id)?;
    let answer = state.change(|store| {
        let c = store.get_mut(&id).ok_or_else(ApiError::not_found)?;
        if p.ty != c.ty {
            return Err(ApiError::invalid(format!(
                "integration_type cannot change: this configuration is {}",
                c.ty
            )));
        }
        let mut merged = c.secrets.clone();
        if let Some(sent) = &p.secrets {
            merged.extend(sent.clone());
            let mut problems = Vec::new();
            secrets::check(c.ty, &merged, false, &mut problems);
            if !problems.is_empty() {
                return Err(ApiError::bad_request(problems));
            }
            let domain = p.domain.as_deref().unwrap_or(&c.domain);
            source_accepts(&state, c.ty, domain, sent)?;
        }
        if let Some(name) = p.name {
            c.name = name;
        }
        if let Some(domain) = p.domain {
            c.domain = domain;
        }
        if let Some(enabled) = p.enabled {
            c.enabled = enabled;
        }
        if let Some(settings) = p.settings {
            c.settings = settings;
        }
        if p.secrets.is_some() {
            c.secrets = merged;
            c.state = CredentialState::Valid;
        }
        c.modified_at = now();
        Ok(render::one(c))
    })?;
    Ok(Json(answer))
}

/// `DELETE /{id}`: 204, empty.
pub async fn delete(
    State(state): State<SandboxState>,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    state.change(|store| {
        if store.remove(&id) {
            Ok(StatusCode::NO_CONTENT)
        } else {
            Err(ApiError::not_found())
        }
    })
}
