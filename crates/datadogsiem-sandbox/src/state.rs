//! The state one sandbox shares between requests: configuration and the stored
//! configurations.

use std::fmt;
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use serde_json::Value;

use crate::config::SandboxConfig;
use crate::render;
use crate::store::{CredentialState, Store};

/// Shared, cheaply clonable state of a sandbox. Tests inspect it in-process.
#[derive(Clone)]
pub struct SandboxState {
    inner: Arc<Inner>,
}

struct Inner {
    config: SandboxConfig,
    store: RwLock<Store>,
}

impl SandboxState {
    /// Fresh state: no configurations.
    pub fn new(config: SandboxConfig) -> SandboxState {
        SandboxState {
            inner: Arc::new(Inner {
                config,
                store: RwLock::new(Store::default()),
            }),
        }
    }

    /// The configuration this sandbox runs with.
    pub fn config(&self) -> &SandboxConfig {
        &self.inner.config
    }

    /// Every stored configuration, in creation order, **with its secrets in clear text** (so
    /// tests can assert what a client really sent). Never served over HTTP.
    pub fn configs(&self) -> Vec<Value> {
        self.store().list(None).map(render::inspect).collect()
    }

    /// One stored configuration with its secrets (see [`SandboxState::configs`]).
    pub fn config_item(&self, id: &str) -> Option<Value> {
        self.store().get(id).map(render::inspect)
    }

    /// Marks the credentials of `id` as no longer working (a revoked token): its `state` reads
    /// `invalid` and `POST /{id}/validate` answers 400. Whether `id` exists.
    pub fn revoke(&self, id: &str) -> bool {
        match self.store_mut().get_mut(id) {
            Some(c) => {
                c.state = CredentialState::Invalid;
                true
            }
            None => false,
        }
    }

    /// Deletes `id` as a colleague in the web app would. Whether it existed.
    pub fn delete_out_of_band(&self, id: &str) -> bool {
        self.store_mut().remove(id)
    }

    /// Forgets every configuration.
    pub fn clear(&self) {
        self.store_mut().clear();
    }

    pub(crate) fn store(&self) -> RwLockReadGuard<'_, Store> {
        self.inner
            .store
            .read()
            .unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn store_mut(&self) -> RwLockWriteGuard<'_, Store> {
        self.inner
            .store
            .write()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

impl fmt::Debug for SandboxState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SandboxState")
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}
