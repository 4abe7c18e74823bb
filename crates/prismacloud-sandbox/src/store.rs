//! The integrations of the one tenant, shared by the classic and the v1 families.

use std::collections::HashMap;
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::Value;
use uuid::Uuid;

use super::integration_type::IntegrationType;
use super::rules::ValidConfig;

/// A stored integration. Secrets live in `config.secrets`, apart from everything a read returns.
#[derive(Debug, Clone)]
pub(crate) struct Integration {
    pub(crate) id: Uuid,
    /// Creation order, for stable listings.
    pub(crate) seq: u64,
    pub(crate) name: String,
    pub(crate) description: String,
    pub(crate) ty: IntegrationType,
    pub(crate) enabled: bool,
    pub(crate) config: ValidConfig,
    pub(crate) created_by: String,
    pub(crate) created_ts: i64,
    pub(crate) last_modified_by: String,
    pub(crate) last_modified_ts: i64,
}

/// Milliseconds since the Unix epoch.
pub(crate) fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Names are unique per customer regardless of case ("Alerts" and "alerts" clash).
fn name_key(name: &str) -> String {
    name.to_lowercase()
}

/// Integrations by id, with a name index.
#[derive(Debug, Default)]
pub(crate) struct Store {
    by_id: HashMap<Uuid, Integration>,
    by_name: HashMap<String, Uuid>,
    next_seq: u64,
}

impl Store {
    pub(crate) fn get(&self, id: &Uuid) -> Option<&Integration> {
        self.by_id.get(id)
    }

    /// The type of the integration `id` names, if it names one.
    pub(crate) fn type_of(&self, id: &str) -> Option<IntegrationType> {
        let id = Uuid::try_parse(id).ok()?;
        self.by_id.get(&id).map(|i| i.ty)
    }

    /// Every integration, in creation order.
    pub(crate) fn list(&self) -> Vec<&Integration> {
        let mut all: Vec<&Integration> = self.by_id.values().collect();
        all.sort_by_key(|i| i.seq);
        all
    }

    /// Whether another integration than `except` already has `name`.
    pub(crate) fn name_taken(&self, name: &str, except: Option<Uuid>) -> bool {
        self.by_name
            .get(&name_key(name))
            .is_some_and(|owner| Some(*owner) != except)
    }

    /// Whether an integration of type `ty` exists.
    pub(crate) fn has_type(&self, ty: IntegrationType) -> bool {
        self.by_id.values().any(|i| i.ty == ty)
    }

    /// Whether a Snowflake integration uses `id` as its staging integration.
    pub(crate) fn used_as_staging(&self, id: &Uuid) -> bool {
        let id = Value::from(id.to_string());
        self.by_id.values().any(|i| {
            i.ty == IntegrationType::Snowflake
                && i.config.plain.get("stagingIntegrationId") == Some(&id)
        })
    }

    /// Stores a new integration, giving it the next creation number.
    pub(crate) fn insert(&mut self, mut integration: Integration) -> &Integration {
        integration.seq = self.next_seq;
        self.next_seq += 1;
        let id = integration.id;
        self.by_name.insert(name_key(&integration.name), id);
        self.by_id.entry(id).insert_entry(integration).into_mut()
    }

    /// Replaces a stored integration (same id), keeping the name index right.
    pub(crate) fn replace(&mut self, integration: Integration) {
        if let Some(old) = self.by_id.get(&integration.id) {
            self.by_name.remove(&name_key(&old.name));
        }
        self.by_name
            .insert(name_key(&integration.name), integration.id);
        self.by_id.insert(integration.id, integration);
    }

    pub(crate) fn set_enabled(&mut self, id: &Uuid, enabled: bool, by: &str) -> bool {
        let Some(integration) = self.by_id.get_mut(id) else {
            return false;
        };
        integration.enabled = enabled;
        integration.last_modified_by = by.to_owned();
        integration.last_modified_ts = now_ms();
        true
    }

    pub(crate) fn remove(&mut self, id: &Uuid) -> Option<Integration> {
        let removed = self.by_id.remove(id)?;
        self.by_name.remove(&name_key(&removed.name));
        Some(removed)
    }

    pub(crate) fn clear(&mut self) {
        self.by_id.clear();
        self.by_name.clear();
    }
}
