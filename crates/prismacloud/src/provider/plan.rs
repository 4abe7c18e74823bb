//! Planning an integration resource change, derived from the catalog.
//!
//! The rules Terraform enforces shape this: a provider may only fill in computed values (defaults
//! where the configuration is null, values the API assigns), write-only values are null in the
//! plan, and an immutable field that changes must be reported in `requires_replace`.

use std::collections::BTreeMap;

use crate::catalog::{Field, IntegrationType, Mutability};
use tfplugin::diag::AttributePath;
use tfplugin::provider::{PlanRequest, PlanResponse};
use tfplugin::value::Value;

use super::identity::identity_of;
use super::schema::{STATUS_ATTRIBUTES, default_value, secret_names};

/// Attributes the API sets again on every update.
const CHANGED_BY_UPDATE: &[&str] = &[
    "last_modified_by",
    "last_modified_ts",
    "status",
    "valid",
    "reason",
];

/// Attributes that describe the user's intent (everything but what the API computes).
fn configurable(ty: &IntegrationType) -> Vec<String> {
    let mut names = vec![
        "name".to_string(),
        "description".to_string(),
        "enabled".to_string(),
    ];
    for f in ty.fields {
        if f.secret {
            let n = secret_names(f);
            names.push(n.plain);
            names.push(n.version);
        } else {
            names.push(f.attribute());
        }
    }
    names
}

/// The attributes of an immutable field whose change replaces the integration: the attribute
/// itself, or for a secret its plain form and the version of its write-only form (a new
/// write-only value alone is not seen until its version changes).
fn replacing(field: &Field) -> Vec<String> {
    if field.secret {
        let n = secret_names(field);
        vec![n.plain, n.version]
    } else {
        vec![field.attribute()]
    }
}

/// Every top-level attribute of the type's resource whose change forces replacement.
pub fn replacing_attributes(ty: &IntegrationType) -> Vec<String> {
    ty.fields
        .iter()
        .filter(|f| f.mutability == Mutability::ForcesReplacement)
        .flat_map(replacing)
        .collect()
}

pub fn plan(ty: &IntegrationType, request: &PlanRequest) -> PlanResponse {
    let proposed = &request.proposed_new_state;
    let Some(proposed_map) = proposed.as_object() else {
        // Destroy (null) passes through.
        return PlanResponse {
            planned_state: proposed.clone(),
            planned_private: request.prior_private.clone(),
            ..PlanResponse::default()
        };
    };
    let config = &request.config;
    let prior = &request.prior_state;
    let mut planned: BTreeMap<String, Value> = proposed_map.clone();

    // Defaults apply whenever configuration leaves a defaulted attribute null, also on update
    // (removing `roll_up_interval = 30` from configuration means "back to 60").
    let mut defaults = vec![
        ("description".to_string(), Value::string("")),
        ("enabled".to_string(), Value::Bool(true)),
    ];
    for f in ty.fields {
        if let Some(d) = f.default() {
            defaults.push((f.attribute(), default_value(d)));
        }
    }
    for (name, value) in defaults {
        if config.get(&name).is_null() {
            planned.insert(name, value);
        }
    }
    for f in ty.fields.iter().filter(|f| f.secret) {
        planned.insert(secret_names(f).write_only, Value::Null);
    }

    let mut requires_replace = Vec::new();
    if prior.is_null() {
        planned.insert("id".into(), Value::Unknown);
        for (name, _, _) in STATUS_ATTRIBUTES {
            planned.insert(name.to_string(), Value::Unknown);
        }
    } else {
        let changed = configurable(ty)
            .iter()
            .any(|name| planned.get(name).unwrap_or(&Value::Null) != prior.get(name));
        planned.insert("id".into(), prior.get("id").clone());
        for (name, _, _) in STATUS_ATTRIBUTES {
            let value = if changed && CHANGED_BY_UPDATE.contains(name) {
                Value::Unknown
            } else {
                prior.get(name).clone()
            };
            planned.insert(name.to_string(), value);
        }
        for f in ty
            .fields
            .iter()
            .filter(|f| f.mutability == Mutability::ForcesReplacement)
        {
            let watched = replacing(f);
            // A secret the state does not know (after import) cannot be compared: the update
            // sends it, and the API refuses if it differs.
            if f.secret && watched.iter().all(|name| prior.get(name).is_null()) {
                continue;
            }
            for name in watched {
                if planned.get(&name).unwrap_or(&Value::Null) != prior.get(&name) {
                    requires_replace.push(AttributePath::root(&name));
                }
            }
        }
    }
    let planned_state = Value::Object(planned);
    PlanResponse {
        planned_identity: identity_of(&planned_state),
        planned_state,
        requires_replace,
        planned_private: request.prior_private.clone(),
        diagnostics: Default::default(),
    }
}

#[cfg(test)]
mod tests;
