//! The resource identity of every integration resource (Terraform 1.12+): `{ id }`, the
//! integration's ID, which the API assigns and never changes.
//!
//! It is what `import { to = ..., identity = { id = "..." } }` names, what `terraform query`
//! lists, and what Terraform stores beside each integration's state. Read, plan, apply, import
//! and move all derive it from the state's `id`, so the two can never disagree.

use tfplugin::diag::Diagnostics;
use tfplugin::provider::{ImportRequest, UpgradeIdentityRequest, UpgradeIdentityResponse};
use tfplugin::schema::{IdentityAttribute, IdentitySchema};
use tfplugin::value::{Type, Value};

/// Bump with any change to the identity's shape (and upgrade older identities).
pub const IDENTITY_VERSION: i64 = 0;

pub fn identity_schema(description: &str) -> IdentitySchema {
    IdentitySchema {
        version: IDENTITY_VERSION,
        attributes: vec![IdentityAttribute {
            name: "id".into(),
            ty: Type::String,
            description: description.into(),
            required_for_import: true,
            optional_for_import: false,
        }],
    }
}

/// The identity of the integration in `state`: `Null` while there is none (destroyed, or not
/// created yet — also in the plan of a create, where the ID is unknown: Terraform renders
/// planned identities as JSON, which cannot hold an unknown value).
pub fn identity_of(state: &Value) -> Value {
    match state.get("id") {
        Value::Null | Value::Unknown => Value::Null,
        id => Value::Object([("id".to_string(), id.clone())].into()),
    }
}

/// The ID an import block names, by `id = "..."` or by `identity = { id = "..." }`.
pub fn import_id(request: &ImportRequest) -> Result<String, Diagnostics> {
    let id = match request.identity.get("id").as_str() {
        Some(from_identity) if request.id.trim().is_empty() => from_identity,
        _ => request.id.as_str(),
    }
    .trim();
    if id.is_empty() {
        let mut d = Diagnostics::new();
        d.error(
            "Missing integration ID",
            format!(
                "Importing {} needs the integration's ID: `id = \"<integration id>\"` or \
                 `identity = {{ id = \"<integration id>\" }}` in the import block. \
                 `terraform query` lists the IDs of existing integrations.",
                request.type_name
            ),
        );
        return Err(d);
    }
    Ok(id.to_string())
}

/// Version 0 is the only identity version so far.
pub fn upgrade(request: UpgradeIdentityRequest) -> UpgradeIdentityResponse {
    let mut response = UpgradeIdentityResponse::default();
    match (request.version, request.raw_identity.get("id")) {
        (IDENTITY_VERSION, Some(serde_json::Value::String(id))) => {
            response.upgraded_identity = identity_of(&Value::Object(
                [("id".to_string(), Value::string(id.as_str()))].into(),
            ));
        }
        (version, _) => response.diagnostics.error(
            format!("Unreadable identity of {}", request.type_name),
            format!(
                "The stored identity (version {version}) is not one this provider writes \
                 (version {IDENTITY_VERSION}, an object with a string `id`). If it comes from a \
                 newer provider version, upgrade the provider."
            ),
        ),
    }
    response
}
