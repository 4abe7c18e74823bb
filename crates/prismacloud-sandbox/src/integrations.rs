//! What the endpoints of both families do to the store: create, update, enable/disable, delete
//! and test. The route modules only adapt these to their URLs and response shapes.
//!
//! Validation and the store change happen under one write lock (`SandboxState::change`, which
//! also saves the change to the state file, if any), so uniqueness rules (names, one Amazon
//! Security Lake) hold under concurrent requests.

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::Value;
use uuid::Uuid;

use super::error::{ApiError, Family, Violation, keys};
use super::integration_type::IntegrationType;
use super::reachability;
use super::request::{Draft, Op, check_family, json_object, read_draft};
use super::rules::{self, ValidConfig};
use super::state::SandboxState;
use super::store::{Integration, Store, now_ms};

fn unexpected() -> ApiError {
    ApiError::internal("validation passed without a complete body")
}

/// Creates an integration from a create body.
pub(crate) fn create(
    state: &SandboxState,
    user: &str,
    family: Family,
    body: &[u8],
) -> Result<Integration, ApiError> {
    let body = json_object(body)?;
    let mut out = Vec::new();
    let draft = read_draft(&body, family, Op::Create, None, &mut out);
    state.change(|store| create_in(store, user, family, draft, out))
}

fn create_in(
    store: &mut Store,
    user: &str,
    family: Family,
    draft: Draft,
    mut out: Vec<Violation>,
) -> Result<Integration, ApiError> {
    let config = validate_new(store, &draft, family, &mut out);
    if let Some(name) = &draft.name
        && store.name_taken(name, None)
    {
        out.push(Violation::new(
            keys::NAME_EXISTS,
            "name",
            "an integration with this name already exists",
        ));
    }
    if draft.ty == Some(IntegrationType::AwsSdl) && store.has_type(IntegrationType::AwsSdl) {
        out.push(Violation::new(
            keys::SDL_EXISTS,
            "integrationType",
            "only one Amazon Security Lake (aws_sdl) integration is allowed per customer",
        ));
    }
    ApiError::check(out)?;
    let (Some(name), Some(ty), Some(config)) = (draft.name, draft.ty, config) else {
        return Err(unexpected());
    };
    let now = now_ms();
    let integration = Integration {
        id: Uuid::new_v4(),
        seq: 0,
        name,
        description: draft.description.unwrap_or_default(),
        ty,
        enabled: draft.enabled.unwrap_or(true),
        config,
        created_by: user.to_owned(),
        created_ts: now,
        last_modified_by: user.to_owned(),
        last_modified_ts: now,
    };
    Ok(store.insert(integration).clone())
}

/// Validates the type and config of a create or test draft.
fn validate_new(
    store: &Store,
    draft: &Draft,
    family: Family,
    out: &mut Vec<Violation>,
) -> Option<ValidConfig> {
    let ty = draft.ty?;
    check_family(family, ty, out);
    let raw = draft.config.as_ref()?;
    rules::validate_config(ty, raw, &|id| store.type_of(id), out)
}

/// Applies an update draft to `existing` without storing it: secrets the body omits are kept,
/// defaults re-applied, immutable keys and the type guarded.
fn apply_update(
    store: &Store,
    existing: &Integration,
    draft: Draft,
    family: Family,
    user: &str,
    out: &mut Vec<Violation>,
) -> Option<Integration> {
    check_family(family, existing.ty, out);
    if draft.ty.is_some_and(|ty| ty != existing.ty) {
        out.push(Violation::new(
            keys::TYPE_NOT_MUTABLE,
            "integrationType",
            format!(
                "integrationType cannot change (this integration is {})",
                existing.ty.wire_name()
            ),
        ));
    }
    let config = draft.config.and_then(|raw| {
        let merged = rules::keep_omitted_secrets(existing.ty, &existing.config, raw);
        let config = rules::validate_config(existing.ty, &merged, &|id| store.type_of(id), out)?;
        rules::check_mutability(existing.ty, &existing.config, &config, out);
        Some(config)
    });
    let (Some(name), Some(config)) = (draft.name, config) else {
        return None;
    };
    Some(Integration {
        name,
        description: draft.description.unwrap_or_default(),
        enabled: draft.enabled.unwrap_or(existing.enabled),
        config,
        last_modified_by: user.to_owned(),
        last_modified_ts: now_ms(),
        ..existing.clone()
    })
}

/// Replaces an integration from an update body.
pub(crate) fn update(
    state: &SandboxState,
    user: &str,
    family: Family,
    id: Uuid,
    body: &[u8],
) -> Result<Integration, ApiError> {
    let body = json_object(body)?;
    state.change(|store| {
        let existing = store
            .get(&id)
            .ok_or_else(ApiError::integration_not_found)?
            .clone();
        let mut out = Vec::new();
        let draft = read_draft(&body, family, Op::Update, Some(id), &mut out);
        let updated = apply_update(store, &existing, draft, family, user, &mut out);
        if let Some(updated) = &updated
            && store.name_taken(&updated.name, Some(id))
        {
            out.push(Violation::new(
                keys::NAME_EXISTS,
                "name",
                "another integration already has this name",
            ));
        }
        ApiError::check(out)?;
        let updated = updated.ok_or_else(unexpected)?;
        store.replace(updated.clone());
        Ok(updated)
    })
}

/// v1 PATCH: `{"enabled": bool}`.
pub(crate) fn set_enabled(
    state: &SandboxState,
    user: &str,
    id: Uuid,
    body: &[u8],
) -> Result<(), ApiError> {
    let body = json_object(body)?;
    let mut out = Vec::new();
    for key in body.keys().filter(|k| k.as_str() != "enabled") {
        out.push(Violation::unknown("", key, " (PATCH takes only enabled)"));
    }
    let enabled = match body.get("enabled") {
        Some(Value::Bool(enabled)) => Some(*enabled),
        None | Some(Value::Null) => {
            out.push(Violation::new(
                keys::MISSING_PARAMETER,
                "enabled",
                "enabled is required",
            ));
            None
        }
        Some(_) => {
            out.push(Violation::new(
                keys::INVALID_VALUE,
                "enabled",
                "enabled must be a boolean",
            ));
            None
        }
    };
    state.change(|store| {
        let ty = store
            .get(&id)
            .ok_or_else(ApiError::integration_not_found)?
            .ty;
        check_family(Family::V1, ty, &mut out);
        ApiError::check(out)?;
        let enabled = enabled.ok_or_else(unexpected)?;
        store.set_enabled(&id, enabled, user);
        Ok(())
    })
}

/// Deletes an integration. An aws_s3 integration a Snowflake integration stages through cannot go.
pub(crate) fn delete(state: &SandboxState, family: Family, id: Uuid) -> Result<(), ApiError> {
    state.change(|store| {
        let ty = store
            .get(&id)
            .ok_or_else(ApiError::integration_not_found)?
            .ty;
        let mut out = Vec::new();
        check_family(family, ty, &mut out);
        ApiError::check(out)?;
        if store.used_as_staging(&id) {
            return Err(ApiError::one(
                StatusCode::CONFLICT,
                Violation::new(
                    keys::DELETE_CONFLICT,
                    "id",
                    "a snowflake integration uses this integration as its staging integration",
                ),
            ));
        }
        store.remove(&id);
        Ok(())
    })
}

/// The test call: validates as create (or, with `saved`, as an update of that integration)
/// would, then applies the reachability convention.
pub(crate) fn test(
    state: &SandboxState,
    user: &str,
    family: Family,
    body: &[u8],
    saved: Option<Uuid>,
) -> Result<Response, ApiError> {
    let (ty, config) = match saved {
        Some(id) => test_target_saved(state, user, family, body, id)?,
        None => {
            let body = json_object(body)?;
            let mut out = Vec::new();
            let draft = read_draft(&body, family, Op::Test, None, &mut out);
            if let Some(ty) = draft.ty {
                refuse_untestable(ty)?;
            }
            let config = validate_new(&state.store(), &draft, family, &mut out);
            ApiError::check(out)?;
            (draft.ty, config)
        }
    };
    let (Some(ty), Some(config)) = (ty, config) else {
        return Err(unexpected());
    };
    let outcome = reachability::probe(&config.exposed_map());
    Ok(reachability::test_response(ty, outcome))
}

fn test_target_saved(
    state: &SandboxState,
    user: &str,
    family: Family,
    body: &[u8],
    id: Uuid,
) -> Result<(Option<IntegrationType>, Option<ValidConfig>), ApiError> {
    let store = state.store();
    let existing = store.get(&id).ok_or_else(ApiError::integration_not_found)?;
    refuse_untestable(existing.ty)?;
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok((Some(existing.ty), Some(existing.config.clone())));
    }
    let body = json_object(body)?;
    let mut out = Vec::new();
    let draft = read_draft(&body, family, Op::Update, Some(id), &mut out);
    let candidate = apply_update(&store, existing, draft, family, user, &mut out);
    ApiError::check(out)?;
    Ok((Some(existing.ty), candidate.map(|c| c.config)))
}

fn refuse_untestable(ty: IntegrationType) -> Result<(), ApiError> {
    if ty.testable() {
        return Ok(());
    }
    Err(ApiError::bad_request(vec![Violation::new(
        keys::TEST_NOT_SUPPORTED,
        "integrationType",
        format!(
            "{} ({}) integrations have no test call",
            ty.display_name(),
            ty.wire_name()
        ),
    )]))
}
