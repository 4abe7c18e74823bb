//! [`SandboxState`]: what every request shares — the configuration, the integrations, the
//! access and refresh tokens, and the counters.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use serde_json::Value;

use crate::config::SandboxConfig;
use crate::request::render;
use crate::store::Store;
use crate::tokens::Sessions;

/// The sandbox's shared state; clones share it.
#[derive(Clone)]
pub struct SandboxState {
    inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub config: SandboxConfig,
    pub store: RwLock<Store>,
    /// Access tokens (`Authorization: Bearer`).
    pub access: Sessions,
    /// Refresh tokens, each good for one `POST /api/v1/auth/refresh`.
    pub refresh: Sessions,
    pub logins: AtomicU64,
    pub refreshes: AtomicU64,
}

impl SandboxState {
    pub fn new(config: SandboxConfig) -> SandboxState {
        SandboxState {
            inner: Arc::new(Inner {
                access: Sessions::new(config.access_ttl),
                refresh: Sessions::new(config.refresh_ttl),
                config,
                store: RwLock::new(Store::default()),
                logins: AtomicU64::new(0),
                refreshes: AtomicU64::new(0),
            }),
        }
    }

    pub(crate) fn inner(&self) -> &Inner {
        &self.inner
    }

    pub fn config(&self) -> &SandboxConfig {
        &self.inner.config
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

    /// Every stored integration of every tenant as the API reads it, plus `tenant` and, under
    /// `secrets`, what reads leave out: for tests that check what was sent.
    pub fn integrations(&self) -> Vec<Value> {
        self.store()
            .all()
            .into_iter()
            .map(|s| {
                let mut v = render(s);
                v["tenant"] = Value::from(s.tenant.clone());
                v["stored_config"] = Value::Object(s.config.clone());
                v
            })
            .collect()
    }

    /// Successful logins (credentials) so far.
    pub fn logins(&self) -> u64 {
        self.inner.logins.load(Ordering::Relaxed)
    }

    /// Successful refreshes so far.
    pub fn refreshes(&self) -> u64 {
        self.inner.refreshes.load(Ordering::Relaxed)
    }
}
