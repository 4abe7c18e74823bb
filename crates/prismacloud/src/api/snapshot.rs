//! List snapshots: one `GET` of the whole collection shared by many callers, so that reading
//! N integrations costs one API call instead of N.
//!
//! A snapshot is one family's unfiltered list (classic `GET /integration`, or tenant
//! `GET .../integration?onlyEnabled=false`), kept in memory for a short time. Fetching is
//! single-flight per family: callers that need a newer list than the one kept queue behind one
//! fetcher, and when they get in they take what it fetched if it is new enough, so a burst of
//! concurrent reads costs one list. Callers queued behind a *failed* fetch get its error
//! rather than each trying again; later callers try again.
//!
//! "New enough" is expressed with a logical clock: every list takes a tick when it is *sent*,
//! and a caller asks for a list sent after a tick of its own choosing:
//!
//! - a refresh ([`Client::get_coalesced`]) asks for one sent after this client's last write and
//!   at most `ttl` old: this client's own creates, updates and deletes invalidate it (they
//!   tick at their start and at their end), and an out-of-band change shows in a new process,
//!   or in this one once the short `ttl` has passed;
//! - a create that must find what it just posted asks for one sent after its POST answered.
//!
//! An integration that is not in a fresh list is read by id: it may be newer than the list or
//! served by the other family, and only that `GET` may conclude it is gone.

use super::SERVICE;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use super::client::Client;
use apiclient::Error;
use serde_json::Value;

use super::messages::Redactions;
use super::model::{Integration, id_of};
use super::operations::{check_id, list_items};
use super::route::{Family, normalize_type};

/// One family's integrations as one list answer showed them.
///
/// Items stay JSON until asked for: a create looking for the one it posted reads one item,
/// not the hundreds around it.
#[derive(Debug)]
pub(crate) struct Listing {
    /// The clock tick taken when the list was sent.
    sent: u64,
    /// When it was sent.
    taken: Instant,
    items: Vec<Value>,
    /// Index into `items` by id.
    by_id: HashMap<String, usize>,
}

impl Listing {
    fn new(sent: u64, taken: Instant, items: Vec<Value>) -> Listing {
        let by_id = items
            .iter()
            .enumerate()
            .filter_map(|(index, item)| id_of(item).map(|id| (id, index)))
            .collect();
        Listing {
            sent,
            taken,
            items,
            by_id,
        }
    }

    /// The integration with this id, if it is listed and readable.
    pub(crate) fn get(&self, id: &str) -> Option<Integration> {
        self.by_id.get(id).and_then(|&i| read(&self.items[i]))
    }

    /// The integration of `integration_type` named exactly `name`.
    pub(crate) fn find(&self, name: &str, integration_type: &str) -> Option<Integration> {
        let wanted = normalize_type(integration_type);
        self.items
            .iter()
            .filter(|item| {
                text(item, "name") == Some(name)
                    && text(item, "integrationType").is_some_and(|t| normalize_type(t) == wanted)
            })
            .find_map(read)
    }

    fn satisfies(&self, after: u64, max_age: Option<Duration>) -> bool {
        self.sent > after && max_age.is_none_or(|age| self.taken.elapsed() < age)
    }
}

fn text<'a>(item: &'a Value, key: &str) -> Option<&'a str> {
    item.get(key).and_then(Value::as_str)
}

/// A listed item as an integration. One that cannot be read counts as not listed: a caller
/// looking for it reads it by id and gets the precise error.
fn read(item: &Value) -> Option<Integration> {
    Integration::from_json(item)
        .map_err(|detail| tracing::debug!(%detail, "unreadable item in a list"))
        .ok()
}

/// The snapshot state of one family.
#[derive(Default)]
struct Slot {
    latest: Mutex<Option<Arc<Listing>>>,
    /// Fetches that ended, successfully or not.
    fetches: AtomicU64,
    /// The tick of the last fetch that failed, and its error.
    failure: Mutex<Option<(u64, Error)>>,
    /// Held by the one caller fetching.
    fetch: tokio::sync::Mutex<()>,
}

impl Slot {
    fn usable(&self, after: u64, max_age: Option<Duration>) -> Option<Arc<Listing>> {
        lock(&self.latest)
            .as_ref()
            .filter(|l| l.satisfies(after, max_age))
            .cloned()
    }
}

/// The snapshots of both families, and the clock.
pub(crate) struct Snapshots {
    ttl: Duration,
    clock: AtomicU64,
    last_write: AtomicU64,
    classic: Slot,
    tenant: Slot,
}

impl Snapshots {
    /// Snapshots that serve refreshes for `ttl` (zero: refreshes always read by id).
    pub(crate) fn new(ttl: Duration) -> Self {
        Snapshots {
            ttl,
            clock: AtomicU64::new(0),
            last_write: AtomicU64::new(0),
            classic: Slot::default(),
            tenant: Slot::default(),
        }
    }

    /// A new tick: lists sent from now on are "after" it.
    pub(crate) fn tick(&self) -> u64 {
        self.clock.fetch_add(1, Ordering::SeqCst) + 1
    }

    /// Marks a write in progress: every list sent before the guard drops is stale for
    /// refreshes, whether the write went through or not.
    pub(crate) fn writing(&self) -> WriteGuard<'_> {
        self.wrote();
        WriteGuard(self)
    }

    fn wrote(&self) {
        let now = self.tick();
        self.last_write.fetch_max(now, Ordering::SeqCst);
    }

    fn slot(&self, family: Family) -> &Slot {
        match family {
            Family::Classic => &self.classic,
            Family::Tenant => &self.tenant,
        }
    }
}

/// See [`Snapshots::writing`].
pub(crate) struct WriteGuard<'a>(&'a Snapshots);

impl Drop for WriteGuard<'_> {
    fn drop(&mut self) {
        self.0.wrote();
    }
}

impl Client {
    /// One integration, for a refresh: from a shared snapshot of the list when one is fresh,
    /// otherwise by id.
    ///
    /// Concurrent calls share one list call per family. A list is fresh when it was sent after
    /// this client's last create, update or delete, and less than the configured
    /// `list_snapshot_ttl` ago. An integration missing from the list is read by id (it may be
    /// newer than the list); [`Error::NotFound`] comes only from that read. When the list
    /// fails, every caller falls back to reading by id.
    pub async fn get_coalesced(
        &self,
        id: &str,
        integration_type: &str,
    ) -> Result<Integration, Error> {
        check_id(id)?;
        let snapshots = &self.inner.snapshots;
        if !snapshots.ttl.is_zero() {
            let family = self.inner.endpoints.family(Some(integration_type));
            let after = snapshots.last_write.load(Ordering::SeqCst);
            match self.listing(family, after, Some(snapshots.ttl)).await {
                Ok(listing) => {
                    if let Some(found) = listing.get(id) {
                        return Ok(found);
                    }
                }
                Err(Error::Stopped { .. }) => return Err(Error::Stopped { service: SERVICE }),
                Err(error) => {
                    tracing::debug!(%error, "listing integrations failed; reading by id");
                }
            }
        }
        self.get(id, Some(integration_type)).await
    }

    /// A list of `family` sent after tick `after` (and, with `max_age`, that recent): the one
    /// kept if it qualifies, else a new one, fetched once for all who are waiting.
    pub(crate) async fn listing(
        &self,
        family: Family,
        after: u64,
        max_age: Option<Duration>,
    ) -> Result<Arc<Listing>, Error> {
        let snapshots = &self.inner.snapshots;
        let slot = snapshots.slot(family);
        if let Some(listing) = slot.usable(after, max_age) {
            return Ok(listing);
        }
        let fetches_seen = slot.fetches.load(Ordering::SeqCst);
        let _fetching = tokio::select! {
            guard = slot.fetch.lock() => guard,
            () = self.inner.transport.cancel.cancelled() => return Err(Error::Stopped { service: SERVICE }),
        };
        // While we waited, someone may have fetched what we need, or failed to: then this
        // caller shares the failure rather than sending the same list again at once.
        if let Some(listing) = slot.usable(after, max_age) {
            return Ok(listing);
        }
        if slot.fetches.load(Ordering::SeqCst) != fetches_seen
            && let Some((_, error)) = lock(&slot.failure)
                .as_ref()
                .filter(|(sent, _)| *sent > after)
        {
            return Err(error.clone());
        }
        let sent = snapshots.tick();
        let taken = Instant::now();
        let spec = self.family_list_spec(family, None);
        let result = self
            .call_ok(&spec, Redactions::default())
            .await
            .and_then(|response| list_items(&spec, &response));
        let outcome = match result {
            Ok(items) => {
                let listing = Arc::new(Listing::new(sent, taken, items));
                *lock(&slot.latest) = Some(Arc::clone(&listing));
                Ok(listing)
            }
            Err(error) => {
                *lock(&slot.failure) = Some((sent, error.clone()));
                Err(error)
            }
        };
        slot.fetches.fetch_add(1, Ordering::SeqCst);
        outcome
    }
}

/// Locks a std mutex; a poisoned one is still consistent here (critical sections only assign
/// whole values).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(sent: u64, age: Duration) -> Listing {
        Listing::new(sent, Instant::now() - age, Vec::new())
    }

    #[test]
    fn a_listing_must_be_sent_after_the_tick_asked_for() {
        let l = listing(5, Duration::ZERO);
        assert!(l.satisfies(4, None));
        assert!(!l.satisfies(5, None));
        assert!(!l.satisfies(6, None));
    }

    #[test]
    fn a_listing_must_be_younger_than_the_age_asked_for() {
        let l = listing(5, Duration::from_secs(3));
        assert!(l.satisfies(0, Some(Duration::from_secs(10))));
        assert!(!l.satisfies(0, Some(Duration::from_secs(2))));
    }

    #[test]
    fn writes_make_earlier_lists_stale_for_refreshes() {
        let s = Snapshots::new(Duration::from_secs(10));
        let before = s.tick();
        let write = s.writing();
        let during = s.tick();
        drop(write);
        let last_write = s.last_write.load(Ordering::SeqCst);
        assert!(last_write > before, "a list sent before a write is stale");
        assert!(last_write > during, "so is one sent while it runs");
        assert!(s.tick() > last_write, "one sent after it is fresh");
    }

    #[test]
    fn find_matches_name_exactly_and_type_by_its_normal_name() {
        let items = vec![
            serde_json::json!({
                "id": "1", "name": "Corp IdP", "enabled": true, "integrationType": "OKTA_IDP"
            }),
            serde_json::json!({"id": 2, "name": "unreadable: no enabled", "integrationType": "x"}),
        ];
        let l = Listing::new(1, Instant::now(), items);
        assert_eq!(l.find("Corp IdP", "okta").map(|i| i.id), Some("1".into()));
        assert!(l.find("corp idp", "okta").is_none());
        assert!(l.find("Corp IdP", "slack").is_none());
        assert_eq!(l.get("1").map(|i| i.integration_type), Some("okta".into()));
        assert!(
            l.get("2").is_none(),
            "listed but unreadable counts as not listed"
        );
        assert!(l.get("3").is_none());
    }
}
