//! Planning an integration resource change, derived from the catalog.
//!
//! The rules Terraform enforces shape this: a provider may only fill in computed values (defaults
//! where the configuration is null, values the API assigns), write-only values are null in the
//! plan, and an immutable field that changes must be reported in `requires_replace`. Nested
//! defaults are filled in from the configuration of each entry, never from whatever entry held
//! that index before (Terraform proposes entries of a list by index).

use std::collections::BTreeMap;

use crate::catalog::{Catalog, Field, IntegrationType, Kind, Mutability};
use crate::convert::same_json;
use crate::identity::identity_of;
use crate::schema::{default_value, secret_names};
use tfplugin::diag::AttributePath;
use tfplugin::provider::{PlanRequest, PlanResponse};
use tfplugin::value::Value;

/// Attributes that describe the user's intent (everything but what the API computes).
fn configurable(catalog: &Catalog, ty: &IntegrationType) -> Vec<String> {
    let mut names = Vec::new();
    for f in catalog.frame.iter().chain(ty.fields) {
        if f.holds_secrets() {
            let n = secret_names(f);
            names.push(n.plain);
            names.push(n.version);
        }
        if !f.secret {
            names.push(f.attribute());
        }
    }
    names
}

/// The attributes of an immutable field whose change replaces the integration: the attribute
/// itself, or for a secret its plain form and the version of its write-only form (a new
/// write-only value alone is not seen until its version changes).
fn replacing(field: &Field) -> Vec<String> {
    let mut names = Vec::new();
    if !field.secret {
        names.push(field.attribute());
    }
    if field.holds_secrets() {
        let n = secret_names(field);
        names.extend([n.plain, n.version]);
    }
    names
}

/// Every top-level attribute of the type's resource whose change forces replacement (frame
/// fields never do).
pub fn replacing_attributes(ty: &IntegrationType) -> Vec<String> {
    ty.fields
        .iter()
        .filter(|f| f.mutability == Mutability::ForcesReplacement)
        .flat_map(replacing)
        .collect()
}

/// The attributes holding JSON text (plain forms of secrets included), where a configuration
/// equal as JSON to the prior state keeps the prior text.
fn json_attributes(catalog: &Catalog, ty: &IntegrationType) -> Vec<String> {
    catalog
        .frame
        .iter()
        .chain(ty.fields)
        .filter(|f| matches!(f.kind, Kind::Json))
        .map(Field::attribute)
        .collect()
}

/// `planned`, a nested value of `kind`, with each nested default filled in where `config` leaves
/// it null (in every entry of a list, matched by index as Terraform matches them).
fn nested_defaults(kind: &Kind, config: &Value, planned: &Value) -> Value {
    let Some(fields) = kind.nested_fields() else {
        return planned.clone();
    };
    match planned {
        Value::Object(_) => object_defaults(fields, config, planned),
        Value::List(items) => Value::List(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let configured = config.as_elements().and_then(|c| c.get(i));
                    object_defaults(fields, configured.unwrap_or(&Value::Null), item)
                })
                .collect(),
        ),
        _ => planned.clone(),
    }
}

fn object_defaults(fields: &[Field], config: &Value, planned: &Value) -> Value {
    let Value::Object(m) = planned else {
        return planned.clone();
    };
    let mut m = m.clone();
    for f in fields {
        let attr = f.attribute();
        let configured = config.get(&attr);
        if let Some(d) = f.default()
            && configured.is_null()
        {
            m.insert(attr, default_value(d));
        } else if let Some(value) = m.get(&attr) {
            let filled = nested_defaults(&f.kind, configured, value);
            m.insert(attr, filled);
        }
    }
    Value::Object(m)
}

pub fn plan(catalog: &Catalog, ty: &IntegrationType, request: &PlanRequest) -> PlanResponse {
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
    for f in catalog.frame.iter().chain(ty.fields) {
        let attr = f.attribute();
        if let Some(d) = f.default()
            && config.get(&attr).is_null()
        {
            planned.insert(attr, default_value(d));
        } else if let Some(value) = planned.get(&attr) {
            let filled = nested_defaults(&f.kind, config.get(&attr), value);
            planned.insert(attr, filled);
        }
    }
    // The same JSON written differently (key order, spacing) is no change: keep the prior text,
    // as Terraform allows for a value equal to the configuration's.
    for name in json_attributes(catalog, ty) {
        if let (Value::String(configured), Value::String(before)) =
            (config.get(&name), prior.get(&name))
            && configured != before
            && same_json(configured, before)
        {
            planned.insert(name, Value::String(before.clone()));
        }
    }
    for f in ty.fields.iter().filter(|f| f.holds_secrets()) {
        planned.insert(secret_names(f).write_only, Value::Null);
    }

    let mut requires_replace = Vec::new();
    if prior.is_null() {
        planned.insert("id".into(), Value::Unknown);
        for c in catalog.computed {
            planned.insert(c.attribute(), Value::Unknown);
        }
    } else {
        let changed = configurable(catalog, ty)
            .iter()
            .any(|name| planned.get(name).unwrap_or(&Value::Null) != prior.get(name));
        planned.insert("id".into(), prior.get("id").clone());
        for c in catalog.computed {
            let name = c.attribute();
            let value = if changed && c.changes_on_update {
                Value::Unknown
            } else {
                prior.get(&name).clone()
            };
            planned.insert(name, value);
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
