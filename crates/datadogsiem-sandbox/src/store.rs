//! The configurations of the one organization, in creation order. Secrets are kept apart from
//! everything a read returns.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::source_type::SourceType;

/// The state of a configuration's credentials, as the API reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CredentialState {
    Valid,
    Invalid,
    Initializing,
}

impl CredentialState {
    pub fn as_str(self) -> &'static str {
        match self {
            CredentialState::Valid => "valid",
            CredentialState::Invalid => "invalid",
            CredentialState::Initializing => "initializing",
        }
    }
}

/// A stored configuration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredConfig {
    pub id: String,
    pub ty: SourceType,
    pub name: String,
    pub domain: String,
    pub enabled: bool,
    pub settings: Option<Map<String, Value>>,
    /// Never returned by a read.
    pub secrets: Map<String, Value>,
    pub state: CredentialState,
    pub created_at: String,
    pub modified_at: String,
}

/// Now, in RFC 3339 (UTC, seconds).
pub fn now() -> String {
    let now = OffsetDateTime::now_utc();
    let seconds = now.replace_nanosecond(0).unwrap_or(now);
    seconds.format(&Rfc3339).unwrap_or_default()
}

/// Every configuration, in creation order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Store {
    configs: Vec<StoredConfig>,
}

impl Store {
    pub fn insert(&mut self, config: StoredConfig) {
        self.configs.push(config);
    }

    pub fn get(&self, id: &str) -> Option<&StoredConfig> {
        self.configs.iter().find(|c| c.id == id)
    }

    pub fn get_mut(&mut self, id: &str) -> Option<&mut StoredConfig> {
        self.configs.iter_mut().find(|c| c.id == id)
    }

    /// Removes `id`; whether it was there.
    pub fn remove(&mut self, id: &str) -> bool {
        let before = self.configs.len();
        self.configs.retain(|c| c.id != id);
        self.configs.len() != before
    }

    /// Every configuration, or those of one type.
    pub fn list(&self, ty: Option<SourceType>) -> impl Iterator<Item = &StoredConfig> {
        self.configs
            .iter()
            .filter(move |c| ty.is_none_or(|t| c.ty == t))
    }

    /// The configurations of one type, to change them.
    pub fn of_type_mut(&mut self, ty: SourceType) -> impl Iterator<Item = &mut StoredConfig> {
        self.configs.iter_mut().filter(move |c| c.ty == ty)
    }

    pub fn clear(&mut self) {
        self.configs.clear();
    }
}
