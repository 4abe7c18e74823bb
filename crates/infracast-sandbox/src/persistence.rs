//! How the integrations are kept in a state file (`--state`, written by the kit's
//! [`sandbox_kit::StateFile`]): in creation order, each with its tenant, id and whole config,
//! secrets in clear text, so that a restarted sandbox answers as before. Loading checks every
//! integration by the rules a create follows: a hand-edited file cannot bring in what the API
//! would refuse.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::request::render;
use crate::rules;
use crate::store::{Store, Stored};

/// The kit's name for this data: another vendor's file is refused.
pub(crate) const FORMAT: &str = "infracast-sandbox";
/// The shape's version: a file of another version is refused.
pub(crate) const VERSION: u32 = 1;

/// One integration as the file holds it.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Record {
    id: String,
    tenant: String,
    #[serde(rename = "type")]
    type_name: String,
    name: String,
    config: Map<String, Value>,
}

/// The file's data.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Saved {
    integrations: Vec<Record>,
}

/// The store as the file keeps it.
pub(crate) fn save(store: &Store) -> Saved {
    let integrations = store
        .all()
        .into_iter()
        .map(|s| Record {
            id: s.id.clone(),
            tenant: s.tenant.clone(),
            type_name: s.type_name.clone(),
            name: s.name.clone(),
            config: s.config.clone(),
        })
        .collect();
    Saved { integrations }
}

/// The store a file describes, or why it cannot be one.
pub(crate) fn load(saved: Saved) -> Result<Store, String> {
    let mut ids = BTreeSet::new();
    let mut items = Vec::new();
    for (seq, record) in saved.integrations.into_iter().enumerate() {
        let at = format!("integration {:?}", record.id);
        if !ids.insert(record.id.clone()) {
            return Err(format!("{at} appears twice"));
        }
        let rules = rules::find(&record.type_name)
            .ok_or_else(|| format!("{at} has the unknown type {:?}", record.type_name))?;
        if record.name.trim().is_empty() || record.tenant.trim().is_empty() {
            return Err(format!("{at} has no name or no tenant"));
        }
        let config = rules.accept(&record.config).map_err(|issues| {
            let problems: Vec<String> = issues
                .iter()
                .map(|i| format!("{}: {}", i.field, i.issue))
                .collect();
            format!("{at} is not valid: {}", problems.join("; "))
        })?;
        items.push(Stored {
            id: record.id,
            tenant: record.tenant,
            type_name: record.type_name,
            name: record.name,
            config,
            seq: seq as u64 + 1,
        });
    }
    let mut store = Store::default();
    store.restore(items);
    Ok(store)
}

/// An integration as tests inspect it: the read shape, its tenant, and everything stored.
pub(crate) fn inspect(stored: &Stored) -> Value {
    let mut value = render(stored);
    value["tenant"] = Value::from(stored.tenant.clone());
    value["stored_config"] = Value::Object(stored.config.clone());
    value
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_saved_store_loads_back_and_a_bad_file_says_why() {
        let mut store = Store::default();
        let config = json!({"url": "https://x.example", "secret": "s", "events": ["job.failed"],
            "timeout_seconds": 30});
        let id = store
            .insert(
                "acme",
                "webhook",
                "n".into(),
                config.as_object().unwrap().clone(),
            )
            .id
            .clone();
        let text = serde_json::to_string(&save(&store)).unwrap();
        let loaded = load(serde_json::from_str(&text).unwrap()).unwrap();
        assert_eq!(loaded.get("acme", &id), store.get("acme", &id));
        let bad: Saved = serde_json::from_value(json!({"integrations": [
            {"id": "intg-1", "tenant": "acme", "type": "webhook", "name": "n", "config": {}}
        ]}))
        .unwrap();
        let why = load(bad).unwrap_err();
        assert!(why.contains("config.url: is required"), "{why}");
    }
}
