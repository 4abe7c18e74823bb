//! How the integrations are kept in a state file (`--state`, saved by the kit's
//! [`sandbox_kit::StateFile`]): in creation order, each in the v1 read shape with its secrets
//! in clear text (what `SandboxState::integrations` shows), ids and timestamps included, so a
//! restarted sandbox answers exactly as before and a client's plan stays empty.
//!
//! On load every integration is validated again by the rules a create follows, so a
//! hand-edited file cannot bring in what the API would refuse.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

use super::integration_type::IntegrationType;
use super::render;
use super::request::name_problem;
use super::rules;
use super::store::{Integration, Store};

/// The kit's name for this data; another vendor's state file is refused.
pub(crate) const FORMAT: &str = "prismacloud-sandbox";
/// The shape's version; a file of another version is refused.
pub(crate) const VERSION: u32 = 1;

/// What is written.
#[derive(Debug, Serialize)]
pub(crate) struct SnapshotOut {
    integrations: Vec<Value>,
}

/// What is read.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Snapshot {
    integrations: Vec<Record>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Record {
    id: Uuid,
    name: String,
    description: String,
    enabled: bool,
    integration_type: String,
    integration_config: Map<String, Value>,
    created_by: String,
    created_ts: i64,
    last_modified_by: String,
    last_modified_ts: i64,
}

/// The store as it is written.
pub(crate) fn snapshot(store: &Store) -> SnapshotOut {
    SnapshotOut {
        integrations: store.list().into_iter().map(render::inspect).collect(),
    }
}

/// The store a snapshot describes, or why it cannot be one.
pub(crate) fn restore(snapshot: Snapshot) -> Result<Store, String> {
    let mut types = HashMap::new();
    for record in &snapshot.integrations {
        let ty = IntegrationType::parse(&record.integration_type).ok_or_else(|| {
            format!(
                "{}: unknown integrationType {:?}",
                what(record),
                record.integration_type
            )
        })?;
        if types.insert(record.id, ty).is_some() {
            return Err(format!(
                "{}: a second integration has this id",
                what(record)
            ));
        }
    }
    let lookup = |id: &str| {
        Uuid::try_parse(id)
            .ok()
            .and_then(|id| types.get(&id).copied())
    };
    let mut store = Store::default();
    for record in snapshot.integrations {
        let ty = types[&record.id];
        let mut problems: Vec<String> = Vec::new();
        if let Some(why) = name_problem(&record.name) {
            problems.push(format!("name {why}"));
        }
        if store.name_taken(&record.name, None) {
            problems.push("another integration has this name".to_owned());
        }
        if ty == IntegrationType::AwsSdl && store.has_type(ty) {
            problems.push("only one aws_sdl integration is allowed".to_owned());
        }
        let mut out = Vec::new();
        let config = rules::validate_config(ty, &record.integration_config, &lookup, &mut out);
        problems.extend(out.into_iter().map(|v| v.message));
        let Some(config) = config.filter(|_| problems.is_empty()) else {
            return Err(format!("{}: {}", what(&record), problems.join("; ")));
        };
        store.insert(Integration {
            id: record.id,
            seq: 0,
            name: record.name,
            description: record.description,
            ty,
            enabled: record.enabled,
            config,
            created_by: record.created_by,
            created_ts: record.created_ts,
            last_modified_by: record.last_modified_by,
            last_modified_ts: record.last_modified_ts,
        });
    }
    Ok(store)
}

/// Names a record in an error: its id and name, never its config (it holds secrets).
fn what(record: &Record) -> String {
    format!("integration {} ({:?})", record.id, record.name)
}
