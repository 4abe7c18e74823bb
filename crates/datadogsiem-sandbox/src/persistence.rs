//! How the configurations are kept in a state file (`--state`, saved by the kit's
//! [`sandbox_kit::StateFile`]): the store as it is, secrets in clear text, ids and timestamps
//! included, so a restarted sandbox answers exactly as before and a client's plan stays empty.
//! On load every configuration is checked again by the rules a create follows, so a
//! hand-edited file cannot bring in what the API would refuse.

use std::collections::BTreeSet;

use crate::secrets;
use crate::store::Store;

/// The kit's name for this data; another vendor's state file is refused.
pub const FORMAT: &str = "datadogsiem-sandbox";
/// The shape's version; a file of another version is refused.
pub const VERSION: u32 = 1;

/// Why `store` cannot be what a sandbox holds, if it cannot.
pub fn check(store: &Store) -> Result<(), String> {
    let mut ids = BTreeSet::new();
    for c in store.list(None) {
        let what = format!("configuration {:?}", c.id);
        if uuid::Uuid::try_parse(&c.id).is_err() {
            return Err(format!("{what}: the id is not a UUID"));
        }
        if !ids.insert(c.id.as_str()) {
            return Err(format!("{what}: a second configuration has this id"));
        }
        if c.name.trim().is_empty() || c.domain.trim().is_empty() {
            return Err(format!("{what}: name and domain must not be empty"));
        }
        let mut problems = Vec::new();
        secrets::check(c.ty, &c.secrets, false, &mut problems);
        if !problems.is_empty() {
            return Err(format!("{what}: {}", problems.join("; ")));
        }
    }
    Ok(())
}
