//! The state one sandbox shares between requests: configuration, the kit's part (counters,
//! faults, buckets), the stored configurations, and the state file that keeps them across
//! restarts (a save holds the store's lock while it writes, so the file never misses a change
//! that was answered).

use std::fmt;
use std::path::Path;
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use sandbox_kit::{Kit, StateFile, StateFileError};
use serde_json::Value;

use crate::config::SandboxConfig;
use crate::error::ApiError;
use crate::persistence;
use crate::render;
use crate::store::{CredentialState, Store};

/// Shared, cheaply clonable state of a sandbox. Tests inspect it in-process.
#[derive(Clone)]
pub struct SandboxState {
    inner: Arc<Inner>,
}

struct Inner {
    config: SandboxConfig,
    kit: Kit,
    store: RwLock<Store>,
    state_file: Option<StateFile>,
}

impl SandboxState {
    /// A sandbox that forgets everything when it stops.
    pub fn new(config: SandboxConfig) -> SandboxState {
        SandboxState::build(config, Store::default(), None)
    }

    /// A sandbox whose configurations live in the file at `path` (`--state FILE`): read now
    /// (checked as a create would check them), and saved after every change before the change
    /// is answered.
    pub fn persistent(config: SandboxConfig, path: &Path) -> Result<Self, StateFileError> {
        let (file, saved) =
            StateFile::open::<Store>(path, persistence::FORMAT, persistence::VERSION)?;
        let store = match saved {
            Some(store) => {
                persistence::check(&store).map_err(|why| file.invalid(why))?;
                store
            }
            None => Store::default(),
        };
        // Saved at once: a path that cannot be written is a start-up error, not the first
        // create's.
        file.save(&store)?;
        Ok(SandboxState::build(config, store, Some(file)))
    }

    fn build(config: SandboxConfig, store: Store, state_file: Option<StateFile>) -> Self {
        let kit = Kit::new(config.kit_settings());
        SandboxState {
            inner: Arc::new(Inner {
                config,
                kit,
                store: RwLock::new(store),
                state_file,
            }),
        }
    }

    /// The configuration this sandbox runs with.
    pub fn config(&self) -> &SandboxConfig {
        &self.inner.config
    }

    /// The kit's share of the state: counters (`stats`), fault injection (`set_faults`),
    /// rate-limit buckets.
    pub fn kit(&self) -> &Kit {
        &self.inner.kit
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
        self.change(|store| match store.get_mut(id) {
            Some(c) => {
                c.state = CredentialState::Invalid;
                Ok(())
            }
            None => Err(ApiError::not_found()),
        })
        .is_ok()
    }

    /// Deletes `id` as a colleague in the web app would. Whether it existed.
    pub fn delete_out_of_band(&self, id: &str) -> bool {
        self.change(|store| {
            if store.remove(id) {
                Ok(())
            } else {
                Err(ApiError::not_found())
            }
        })
        .is_ok()
    }

    /// Applies `f` to the store and saves the result to the state file, if any, before the
    /// lock is released. A change that cannot be saved is undone and answered 500.
    pub(crate) fn change<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let mut store = self.store_mut();
        let Some(file) = &self.inner.state_file else {
            return f(&mut store);
        };
        let before = store.clone();
        let out = f(&mut store)?;
        if let Err(error) = file.save(&*store) {
            tracing::error!(target: "sandbox", %error, "cannot save the state file");
            *store = before;
            return Err(ApiError::new(
                axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                vec!["The sandbox could not save its state file".into()],
            ));
        }
        Ok(out)
    }

    pub(crate) fn store(&self) -> RwLockReadGuard<'_, Store> {
        self.inner
            .store
            .read()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn store_mut(&self) -> RwLockWriteGuard<'_, Store> {
        self.inner
            .store
            .write()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

impl fmt::Debug for SandboxState {
    /// The configuration (its keys redacted), not the stored secrets.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SandboxState")
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{DEFAULT_API_KEY, DEFAULT_APP_KEY};

    #[test]
    fn debug_output_shows_neither_key() {
        let shown = format!("{:?}", SandboxState::new(SandboxConfig::default()));
        assert!(shown.contains("SandboxState"), "{shown}");
        for key in [DEFAULT_API_KEY, DEFAULT_APP_KEY] {
            assert!(!shown.contains(key), "{shown}");
        }
    }
}
