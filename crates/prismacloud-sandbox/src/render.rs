//! How a stored integration reads on the wire, per family.
//!
//! - v1: lower-case `integrationType`, secrets **masked** as a run of asterisks (secure webhook
//!   header values too).
//! - classic: UPPER-CASE `integrationType`, secrets **absent** (a secure header has no `value`),
//!   plus `status`, `valid`, `reason`.
//!
//! Both behaviours exist in the real API; a client must treat masked and absent alike.

use serde_json::{Map, Value, json};

use super::reachability;
use super::store::Integration;

/// What v1 reads show in place of a secret.
pub(crate) const MASK: &str = "**********";

fn common(integration: &Integration, integration_type: &str, config: Map<String, Value>) -> Value {
    json!({
        "id": integration.id.to_string(),
        "name": integration.name,
        "description": integration.description,
        "enabled": integration.enabled,
        "integrationType": integration_type,
        "integrationConfig": config,
        "createdBy": integration.created_by,
        "createdTs": integration.created_ts,
        "lastModifiedBy": integration.last_modified_by,
        "lastModifiedTs": integration.last_modified_ts,
    })
}

/// The v1 representation.
pub(crate) fn v1(integration: &Integration) -> Value {
    let config = integration.config.shown(&|_| Value::from(MASK));
    common(integration, integration.ty.wire_name(), config)
}

/// The classic representation. `status` follows the reachability convention: `NA` when disabled,
/// `GREEN` when reachable, `RED` (with a `reason`) when not; the sandbox never answers `YELLOW`.
pub(crate) fn classic(integration: &Integration) -> Value {
    let config = integration.config.plain.clone();
    let mut value = common(integration, integration.ty.classic_name(), config);
    let probe = reachability::probe(&integration.config.exposed_map());
    let (status, valid, reason) = match (integration.enabled, probe) {
        (false, outcome) => ("NA", outcome.is_ok(), Value::Null),
        (true, Ok(())) => ("GREEN", true, Value::Null),
        (true, Err(unreachable)) => (
            "RED",
            false,
            Value::from(format!("{} could not be reached", unreachable.subject)),
        ),
    };
    if let Value::Object(fields) = &mut value {
        fields.insert("status".to_owned(), Value::from(status));
        fields.insert("valid".to_owned(), Value::from(valid));
        fields.insert("reason".to_owned(), reason);
    }
    value
}

/// The v1 shape with secrets in clear text, for in-process inspection only.
pub(crate) fn inspect(integration: &Integration) -> Value {
    common(
        integration,
        integration.ty.wire_name(),
        integration.config.exposed_map(),
    )
}
