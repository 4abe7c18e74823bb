//! `POST /{integration_type}/activate` and `/deactivate`: every configuration of a type at
//! once. The answer is the type's first configuration; a type without one is 404.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde_json::Value;

use crate::error::ApiError;
use crate::render;
use crate::source_type::SourceType;
use crate::state::SandboxState;
use crate::store::now;

fn set_enabled(state: &SandboxState, segment: &str, on: bool) -> Result<Json<Value>, ApiError> {
    let ty = SourceType::parse_segment(segment).ok_or_else(ApiError::not_found)?;
    state.change(|store| {
        let at = now();
        let mut first = None;
        for c in store.of_type_mut(ty) {
            if c.enabled != on {
                c.enabled = on;
                c.modified_at = at.clone();
            }
            first.get_or_insert_with(|| render::one(c));
        }
        first.map(Json).ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                vec![format!("No entity context sync configuration of type {ty}")],
            )
        })
    })
}

pub async fn activate(
    State(state): State<SandboxState>,
    Path(segment): Path<String>,
) -> Result<Json<Value>, ApiError> {
    set_enabled(&state, &segment, true)
}

pub async fn deactivate(
    State(state): State<SandboxState>,
    Path(segment): Path<String>,
) -> Result<Json<Value>, ApiError> {
    set_enabled(&state, &segment, false)
}
