//! The integrations every tenant has, secrets included, in creation order.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

/// One stored integration.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored {
    /// `intg-` and 12 hex digits, unique across tenants.
    pub id: String,
    pub tenant: String,
    pub type_name: String,
    pub name: String,
    /// Everything accepted, secrets included (reads leave them out).
    pub config: Map<String, Value>,
    /// Creation order.
    pub seq: u64,
}

#[derive(Debug, Default)]
pub struct Store {
    items: BTreeMap<String, Stored>,
    next_seq: u64,
}

impl Store {
    /// Stores a new integration; its id.
    pub fn insert(
        &mut self,
        tenant: &str,
        type_name: &str,
        name: String,
        config: Map<String, Value>,
    ) -> &Stored {
        let id = loop {
            let id = format!("intg-{:012x}", rand::random::<u64>() & 0xffff_ffff_ffff);
            if !self.items.contains_key(&id) {
                break id;
            }
        };
        self.next_seq += 1;
        let stored = Stored {
            id: id.clone(),
            tenant: tenant.into(),
            type_name: type_name.into(),
            name,
            config,
            seq: self.next_seq,
        };
        self.items.entry(id).or_insert(stored)
    }

    /// The integration `id` of `tenant` (another tenant's is not found).
    pub fn get(&self, tenant: &str, id: &str) -> Option<&Stored> {
        self.items.get(id).filter(|s| s.tenant == tenant)
    }

    /// Replaces name and config of `id` (a PUT); `None` when `tenant` has no such integration.
    pub fn replace(
        &mut self,
        tenant: &str,
        id: &str,
        name: String,
        config: Map<String, Value>,
    ) -> Option<&Stored> {
        let stored = self.items.get_mut(id).filter(|s| s.tenant == tenant)?;
        stored.name = name;
        stored.config = config;
        Some(stored)
    }

    /// Removes `id` of `tenant`; whether it was there.
    pub fn remove(&mut self, tenant: &str, id: &str) -> bool {
        if self.get(tenant, id).is_none() {
            return false;
        }
        self.items.remove(id).is_some()
    }

    /// Every integration of `tenant`, oldest first.
    pub fn list(&self, tenant: &str) -> Vec<&Stored> {
        let mut items: Vec<&Stored> = self.items.values().filter(|s| s.tenant == tenant).collect();
        items.sort_by_key(|s| s.seq);
        items
    }

    /// Every integration of every tenant, oldest first.
    pub fn all(&self) -> Vec<&Stored> {
        let mut items: Vec<&Stored> = self.items.values().collect();
        items.sort_by_key(|s| s.seq);
        items
    }

    /// Restores saved integrations (a state file), keeping their ids and order.
    pub fn restore(&mut self, items: Vec<Stored>) {
        for item in items {
            self.next_seq = self.next_seq.max(item.seq);
            self.items.insert(item.id.clone(), item);
        }
    }

    pub fn clear(&mut self) {
        self.items.clear();
    }
}
