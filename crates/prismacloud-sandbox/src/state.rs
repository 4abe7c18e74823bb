//! The state one sandbox shares between requests: configuration, the kit's part (counters,
//! faults, buckets), sessions and integrations. Each part has its own lock, held for a few
//! microseconds.

use std::fmt;
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard};

use sandbox_kit::sessions::Sessions;
use sandbox_kit::{FaultConfig, Kit, Stats};
use serde_json::Value;

use super::config::SandboxConfig;
use super::error::ApiError;
use super::render;
use super::store::Store;

/// Shared, cheaply clonable state of a sandbox. Tests inspect it in-process.
#[derive(Clone)]
pub struct SandboxState {
    inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) config: SandboxConfig,
    pub(crate) kit: Kit,
    pub(crate) sessions: Sessions,
    store: RwLock<Store>,
}

impl SandboxState {
    /// Fresh state: no integrations, no sessions, full buckets.
    pub fn new(config: SandboxConfig) -> SandboxState {
        let inner = Inner {
            kit: Kit::new(config.kit_settings()),
            sessions: Sessions::new(config.token_ttl),
            store: RwLock::new(Store::default()),
            config,
        };
        SandboxState {
            inner: Arc::new(inner),
        }
    }

    /// The configuration this sandbox runs with.
    pub fn config(&self) -> &SandboxConfig {
        &self.inner.config
    }

    /// Every stored integration, in creation order, in the v1 shape **with secrets in clear
    /// text** (so tests can assert what a client really sent). Never served over HTTP.
    pub fn integrations(&self) -> Vec<Value> {
        self.store()
            .list()
            .into_iter()
            .map(render::inspect)
            .collect()
    }

    /// A snapshot of the request counters.
    pub fn stats(&self) -> Stats {
        self.inner.kit.stats()
    }

    /// The fault injection in force.
    pub fn faults(&self) -> FaultConfig {
        self.inner.kit.faults()
    }

    /// Replaces the fault injection (and starts its sequence and budgets again); `Err` says
    /// what is wrong with `config`.
    pub fn set_faults(&self, config: FaultConfig) -> Result<(), String> {
        self.inner.kit.set_faults(config)
    }

    /// Zeroes the counters only (integrations, buckets and faults carry on), to count one
    /// phase of a test on its own.
    pub fn reset_stats(&self) {
        self.inner.kit.reset_stats();
    }

    /// Forgets every integration, zeroes the counters, refills the rate-limit buckets and
    /// starts the fault sequence again (same configuration). Issued tokens stay valid, so a
    /// connected client keeps working.
    pub fn reset(&self) {
        sandbox_kit::control::reset_all(self);
    }

    pub(crate) fn inner(&self) -> &Inner {
        &self.inner
    }

    pub(crate) fn store(&self) -> RwLockReadGuard<'_, Store> {
        self.inner
            .store
            .read()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs `change` under the store's write lock: every change of the integrations goes
    /// through here. A `change` that fails must leave the store as it found it.
    pub(crate) fn change<T>(
        &self,
        change: impl FnOnce(&mut Store) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let mut store = self
            .inner
            .store
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        change(&mut store)
    }
}

impl fmt::Debug for SandboxState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SandboxState")
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}
