//! [`SandboxState`]: what every request shares — the configuration, the kit's part (counters,
//! faults, buckets), access and refresh tokens, the integrations, and the state file that keeps
//! them across restarts.

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use sandbox_kit::sessions::Sessions;
use sandbox_kit::{FaultConfig, Kit, StateFile, StateFileError, Stats};
use serde_json::Value;

use crate::config::SandboxConfig;
use crate::error::ApiError;
use crate::persistence;
use crate::store::Store;

/// The sandbox's shared state; clones share it. Tests inspect it in-process.
#[derive(Clone)]
pub struct SandboxState {
    inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub config: SandboxConfig,
    pub kit: Kit,
    /// Access tokens (`Authorization: Bearer`).
    pub access: Sessions,
    /// Refresh tokens, each good for one `POST /api/v1/auth/refresh`.
    pub refresh: Sessions,
    /// One lock for reads and changes: a change and its save happen under it.
    store: Mutex<Store>,
    file: Option<StateFile>,
}

impl SandboxState {
    /// A sandbox with no integration, in memory only.
    pub fn new(config: SandboxConfig) -> SandboxState {
        SandboxState::build(config, Store::default(), None)
    }

    /// A sandbox keeping its integrations in the file at `path` (`--state`): what the file
    /// holds, or nothing when it does not exist yet; every change is saved before it is
    /// answered. Tokens, counters and faults are not kept: clients sign in again.
    pub fn open(config: SandboxConfig, path: &Path) -> Result<SandboxState, StateFileError> {
        let (file, saved) = StateFile::open(path, persistence::FORMAT, persistence::VERSION)?;
        let store = match saved {
            None => Store::default(),
            Some(saved) => persistence::load(saved).map_err(|reason| file.invalid(reason))?,
        };
        // Written at once: an unwritable path fails at start, not at the first change.
        file.save(&persistence::save(&store))?;
        Ok(SandboxState::build(config, store, Some(file)))
    }

    fn build(config: SandboxConfig, store: Store, file: Option<StateFile>) -> SandboxState {
        SandboxState {
            inner: Arc::new(Inner {
                kit: Kit::new(config.kit.clone()),
                access: Sessions::new(config.access_ttl),
                refresh: Sessions::new(config.refresh_ttl),
                store: Mutex::new(store),
                file,
                config,
            }),
        }
    }

    pub(crate) fn inner(&self) -> &Inner {
        &self.inner
    }

    pub fn config(&self) -> &SandboxConfig {
        &self.inner.config
    }

    pub(crate) fn store(&self) -> MutexGuard<'_, Store> {
        let lock = self.inner.store.lock();
        lock.unwrap_or_else(PoisonError::into_inner)
    }

    /// Applies `change` to the store, then saves the store to the state file (if any) before
    /// the change is answered, under the same lock so that saves follow the order of changes.
    /// A failed save is a 500; the change stands in memory.
    pub(crate) fn change<T>(
        &self,
        change: impl FnOnce(&mut Store) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let mut store = self.store();
        let outcome = change(&mut store)?;
        let Some(file) = &self.inner.file else {
            return Ok(outcome);
        };
        match file.save(&persistence::save(&store)) {
            Ok(()) => Ok(outcome),
            Err(error) => {
                tracing::error!(target: "sandbox", %error, "cannot save the state file");
                Err(ApiError::internal(
                    "the sandbox could not save its state file",
                ))
            }
        }
    }

    /// Every stored integration of every tenant as the API reads it, plus `tenant` and, under
    /// `stored_config`, everything it holds, secrets included: for tests that check what a
    /// client sent. Never served over HTTP.
    pub fn integrations(&self) -> Vec<Value> {
        self.store()
            .all()
            .into_iter()
            .map(persistence::inspect)
            .collect()
    }

    /// [`SandboxState::integrations`]' entry of `id`.
    pub fn integration(&self, id: &str) -> Option<Value> {
        let store = self.store();
        let found = store.all().into_iter().find(|s| s.id == id);
        found.map(persistence::inspect)
    }

    /// The kit's counters: requests, statuses, logins (`logins`), refreshes
    /// (`token_extensions`), 401s, 429s, faults.
    pub fn stats(&self) -> Stats {
        self.inner.kit.stats()
    }

    /// Successful sign-ins with credentials so far.
    pub fn logins(&self) -> u64 {
        self.stats().logins
    }

    /// Successful refreshes so far.
    pub fn refreshes(&self) -> u64 {
        self.stats().token_extensions
    }

    /// Replaces the fault injection (`Err` says what is wrong with `faults`).
    pub fn set_faults(&self, faults: FaultConfig) -> Result<(), String> {
        self.inner.kit.set_faults(faults)
    }
}
