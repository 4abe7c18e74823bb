//! The credential checks and Entra ID's prerequisite.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde_json::{Value, json};

use super::configs::source_accepts;
use crate::error::ApiError;
use crate::request;
use crate::state::SandboxState;
use crate::store::CredentialState;

/// `POST /validate`: 200, empty, when the source accepts the credentials; 400 otherwise.
/// Nothing is stored.
pub async fn credentials(
    State(state): State<SandboxState>,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    let c = request::credentials(&body)?;
    source_accepts(&state, c.ty, &c.domain, &c.secrets)?;
    Ok(StatusCode::OK)
}

/// `POST /{id}/validate`: 200, empty, while the stored credentials still work; 400 once they
/// stopped (see `SandboxState::revoke`).
pub async fn stored(
    State(state): State<SandboxState>,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let store = state.store();
    let c = store.get(&id).ok_or_else(ApiError::not_found)?;
    match c.state {
        CredentialState::Invalid => Err(ApiError::invalid(format!(
            "Invalid credentials: {} no longer accepts the credentials of this configuration",
            c.ty
        ))),
        CredentialState::Valid | CredentialState::Initializing => Ok(StatusCode::OK),
    }
}

/// `GET /entra_id/azure_app_registrations`.
pub async fn app_registrations(State(state): State<SandboxState>) -> Json<Value> {
    let config = state.config();
    let registrations = &config.azure_app_registrations;
    let entra = state
        .store()
        .list(Some(crate::source_type::SourceType::EntraId))
        .next()
        .cloned();
    let mut attributes = json!({
        "azure_app_registrations": registrations,
        "has_valid_prerequisite": registrations.iter().any(|r| r.resource_collection_enabled),
    });
    if let Some(c) = entra {
        attributes["integration_id"] = json!(c.id);
        attributes["is_enabled"] = json!(c.enabled);
        attributes["subscribed_at"] = json!(c.created_at);
    }
    Json(json!({"data": {
        "id": config.org_id,
        "type": "entra_id_azure_app_registrations",
        "attributes": attributes,
    }}))
}
