//! `/api/v1/tenants/{tenant}/integrations[/{id}]`: list (paginated), create, read, replace
//! (PUT: the whole integration, secrets included, since reads never return them), delete.

use std::collections::HashMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::auth::Principal;
use crate::error::{ApiError, Issue};
use crate::request::{parse, render};
use crate::state::SandboxState;

fn not_found(id: &str) -> ApiError {
    ApiError::not_found(format!("integration {id:?} not found"))
}

/// A whole number ≥ 1 from the query, or `default`.
fn positive(query: &HashMap<String, String>, key: &str, default: u32) -> Result<u32, Issue> {
    match query.get(key) {
        None => Ok(default),
        Some(raw) => match raw.trim().parse::<u32>() {
            Ok(n) if n >= 1 => Ok(n),
            _ => Err(Issue::new(key, "must be a whole number, at least 1")),
        },
    }
}

pub async fn list(
    State(state): State<SandboxState>,
    principal: Principal,
    Path(tenant): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    principal.may_read(&tenant)?;
    let config = state.config();
    let page = positive(&query, "page", 1);
    let per_page = positive(&query, "per_page", config.default_per_page);
    let (page, per_page) = match (page, per_page) {
        (Ok(p), Ok(n)) => (p, n.min(config.max_per_page)),
        (p, n) => {
            return Err(ApiError::invalid(
                [p.err(), n.err()].into_iter().flatten().collect(),
            ));
        }
    };
    let store = state.store();
    let all = store.list(&tenant);
    let total = all.len();
    let size = per_page as usize;
    let items: Vec<Value> = all
        .into_iter()
        .skip((page as usize - 1).saturating_mul(size))
        .take(size)
        .map(render)
        .collect();
    Ok(Json(json!({
        "items": items,
        "total": total,
        "page": page,
        "per_page": per_page,
        "total_pages": total.div_ceil(size),
    }))
    .into_response())
}

pub async fn create(
    State(state): State<SandboxState>,
    principal: Principal,
    Path(tenant): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    principal.may_update(&tenant)?;
    let body = parse(&body)?;
    let created = state.change(|store| {
        Ok(render(store.insert(
            &tenant,
            body.rules.name,
            body.name,
            body.config,
        )))
    })?;
    Ok((StatusCode::CREATED, Json(created)).into_response())
}

pub async fn read(
    State(state): State<SandboxState>,
    principal: Principal,
    Path((tenant, id)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    principal.may_read(&tenant)?;
    let store = state.store();
    let stored = store.get(&tenant, &id).ok_or_else(|| not_found(&id))?;
    Ok(Json(render(stored)).into_response())
}

pub async fn replace(
    State(state): State<SandboxState>,
    principal: Principal,
    Path((tenant, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, ApiError> {
    principal.may_update(&tenant)?;
    let body = parse(&body)?;
    let replaced = state.change(|store| {
        let current = store.get(&tenant, &id).ok_or_else(|| not_found(&id))?;
        if current.type_name != body.rules.name {
            return Err(ApiError::invalid(vec![Issue::new(
                "type",
                format!(
                    "an integration's type cannot change (it is {:?})",
                    current.type_name
                ),
            )]));
        }
        let stored = store.replace(&tenant, &id, body.name, body.config);
        stored.map(render).ok_or_else(|| not_found(&id))
    })?;
    Ok(Json(replaced).into_response())
}

pub async fn delete(
    State(state): State<SandboxState>,
    principal: Principal,
    Path((tenant, id)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    principal.may_update(&tenant)?;
    state.change(|store| {
        if store.remove(&tenant, &id) {
            Ok(StatusCode::NO_CONTENT.into_response())
        } else {
            Err(not_found(&id))
        }
    })
}
