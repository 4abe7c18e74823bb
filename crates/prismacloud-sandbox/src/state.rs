//! The state one sandbox shares between requests: configuration, sessions, rate-limit buckets,
//! integrations and counters. Each part has its own lock, held for a few microseconds.

use std::fmt;
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use serde_json::Value;

use super::config::SandboxConfig;
use super::faults::{FaultConfig, Faults};
use super::rate_limit::RateLimiter;
use super::render;
use super::session::Sessions;
use super::stats::{Stats, StatsRecorder};
use super::store::Store;

/// Shared, cheaply clonable state of a sandbox. Tests inspect it in-process.
#[derive(Clone)]
pub struct SandboxState {
    inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) config: SandboxConfig,
    pub(crate) sessions: Sessions,
    pub(crate) limiter: Option<RateLimiter>,
    pub(crate) stats: StatsRecorder,
    pub(crate) faults: Faults,
    store: RwLock<Store>,
}

impl SandboxState {
    /// Fresh state: no integrations, no sessions, full buckets.
    pub fn new(config: SandboxConfig) -> SandboxState {
        let inner = Inner {
            sessions: Sessions::new(config.token_ttl),
            limiter: config.rate_limit.map(RateLimiter::new),
            stats: StatsRecorder::default(),
            faults: Faults::new(config.faults.clone()),
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
        self.inner.stats.snapshot()
    }

    /// The fault injection in force.
    pub fn faults(&self) -> FaultConfig {
        self.inner.faults.config()
    }

    /// Replaces the fault injection (and starts its sequence and budgets again); `Err` says
    /// what is wrong with `config`.
    pub fn set_faults(&self, config: FaultConfig) -> Result<(), String> {
        self.inner.faults.set(config)
    }

    /// Zeroes the counters only (integrations, buckets and faults carry on), to count one
    /// phase of a test on its own.
    pub fn reset_stats(&self) {
        self.inner.stats.reset();
    }

    /// Forgets every integration, zeroes the counters, refills the rate-limit buckets and
    /// starts the fault sequence again (same configuration). Issued tokens stay valid, so a
    /// connected client keeps working.
    pub fn reset(&self) {
        self.store_mut().clear();
        self.inner.faults.reset();
        self.inner.stats.reset();
        if let Some(limiter) = &self.inner.limiter {
            limiter.reset();
        }
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
