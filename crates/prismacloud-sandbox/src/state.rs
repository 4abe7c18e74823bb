//! The state one sandbox shares between requests: configuration, the kit's part (counters,
//! faults, buckets), sessions and integrations, and the state file that keeps the integrations
//! across restarts. Each part has its own lock, held for a few microseconds (a save to the state
//! file, when there is one, holds the store's lock while it writes).

use std::fmt;
use std::path::Path;
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard};

use sandbox_kit::sessions::Sessions;
use sandbox_kit::{FaultConfig, Kit, StateFile, StateFileError, Stats};
use serde_json::Value;

use super::config::SandboxConfig;
use super::error::ApiError;
use super::persistence;
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
    state_file: Option<StateFile>,
}

impl SandboxState {
    /// Fresh state, in memory only: no integrations, no sessions, full buckets.
    pub fn new(config: SandboxConfig) -> SandboxState {
        SandboxState::with_store(config, Store::default(), None)
    }

    /// State kept in the file at `path` (`--state`): the integrations it holds, or none when it
    /// does not exist yet; every change is saved to it before it is answered. The file is
    /// written at once, so an unwritable path fails here rather than at the first change.
    /// Sessions, counters and faults are not kept: clients log in again after a restart.
    pub fn open(config: SandboxConfig, path: &Path) -> Result<SandboxState, StateFileError> {
        let (file, saved) = StateFile::open(path, persistence::FORMAT, persistence::VERSION)?;
        let store = match saved {
            Some(snapshot) => persistence::restore(snapshot).map_err(|why| file.invalid(why))?,
            None => Store::default(),
        };
        file.save(&persistence::snapshot(&store))?;
        Ok(SandboxState::with_store(config, store, Some(file)))
    }

    fn with_store(config: SandboxConfig, store: Store, state_file: Option<StateFile>) -> Self {
        let inner = Inner {
            kit: Kit::new(config.kit_settings()),
            sessions: Sessions::new(config.token_ttl),
            store: RwLock::new(store),
            state_file,
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

    /// Runs `change` under the store's write lock. When it succeeds and there is a state file,
    /// the store is saved before the caller answers, so an answered change survives a restart.
    /// A `change` that fails must leave the store as it found it.
    pub(crate) fn change<T>(
        &self,
        change: impl FnOnce(&mut Store) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let mut store = self
            .inner
            .store
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        let outcome = change(&mut store)?;
        if let Some(file) = &self.inner.state_file
            && let Err(error) = file.save(&persistence::snapshot(&store))
        {
            tracing::error!(%error, "the change is made but not saved");
            return Err(ApiError::internal(
                "the change is made but the sandbox could not save it to its state file",
            ));
        }
        Ok(outcome)
    }
}

impl fmt::Debug for SandboxState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SandboxState")
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}
