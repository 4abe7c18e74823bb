//! List snapshots: one `GET` of a whole collection shared by many callers, so that reading N
//! items costs one API call instead of N.
//!
//! A snapshot is one collection's unfiltered list, kept in memory for a short time. A client
//! has one per collection it lists, named by a key of its choosing (Prisma Cloud: its two
//! endpoint families). Fetching is single-flight per key: callers that need a newer list than
//! the one kept queue behind one fetcher, and when they get in they take what it fetched if it
//! is new enough, so a burst of concurrent reads costs one list. Callers queued behind a
//! *failed* fetch get its error rather than each trying again; later callers try again.
//!
//! "New enough" is expressed with a logical clock: every list takes a tick when it is *sent*,
//! and a caller asks for a list sent after a tick of its own choosing:
//!
//! - a refresh ([`Snapshots::fresh`]) asks for one sent after this client's last write and at
//!   most `ttl` old: the client's own creates, updates and deletes invalidate it (they tick at
//!   their start and at their end, [`Snapshots::writing`]), and an out-of-band change shows
//!   in a new process, or in this one once the short `ttl` has passed;
//! - a create that must find what it just posted asks for one sent after its POST answered.
//!
//! Items stay JSON until asked for: a create looking for the one it posted reads one item, not
//! the hundreds around it. An item missing from a fresh list must still be read by id: it may
//! be newer than the list, and only that read may conclude it is gone.

use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::{Error, Transport};

/// Default lifetime of a list snapshot serving refreshes: long enough for Terraform to read
/// hundreds of resources from one list, short enough that a change made meanwhile is seen soon
/// after.
pub const DEFAULT_LIST_SNAPSHOT_TTL: Duration = Duration::from_secs(10);

/// One collection's items as one list answer showed them.
#[derive(Debug)]
pub struct Listing {
    /// The clock tick taken when the list was sent.
    sent: u64,
    /// When it was sent.
    taken: Instant,
    items: Vec<Value>,
    /// Index into `items` by id.
    by_id: HashMap<String, usize>,
}

impl Listing {
    /// A list sent at tick `sent` and instant `taken`, indexed by `id_of` each item.
    pub fn new(
        sent: u64,
        taken: Instant,
        items: Vec<Value>,
        id_of: fn(&Value) -> Option<String>,
    ) -> Listing {
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

    /// The listed item with this id.
    pub fn item(&self, id: &str) -> Option<&Value> {
        self.by_id.get(id).map(|&i| &self.items[i])
    }

    /// Every listed item, in the order of the answer.
    pub fn items(&self) -> &[Value] {
        &self.items
    }

    fn satisfies(&self, after: u64, max_age: Option<Duration>) -> bool {
        self.sent > after && max_age.is_none_or(|age| self.taken.elapsed() < age)
    }
}

/// The snapshot state of one collection.
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

/// The snapshots of every collection of a client, keyed by `K`, and the clock.
pub struct Snapshots<K> {
    ttl: Duration,
    id_of: fn(&Value) -> Option<String>,
    clock: AtomicU64,
    last_write: AtomicU64,
    slots: Mutex<HashMap<K, Arc<Slot>>>,
}

impl<K> Snapshots<K> {
    /// Snapshots that serve refreshes for `ttl` (zero: never), indexing items by `id_of`.
    pub fn new(ttl: Duration, id_of: fn(&Value) -> Option<String>) -> Self {
        Snapshots {
            ttl,
            id_of,
            clock: AtomicU64::new(0),
            last_write: AtomicU64::new(0),
            slots: Mutex::new(HashMap::new()),
        }
    }

    /// A new tick: lists sent from now on are "after" it.
    pub fn tick(&self) -> u64 {
        self.clock.fetch_add(1, Ordering::SeqCst) + 1
    }

    /// Marks a write in progress: every list sent before the guard drops is stale for
    /// refreshes, whether the write went through or not.
    pub fn writing(&self) -> WriteGuard<'_, K> {
        self.wrote();
        WriteGuard(self)
    }

    fn wrote(&self) {
        let now = self.tick();
        self.last_write.fetch_max(now, Ordering::SeqCst);
    }
}

impl<K: Copy + Eq + Hash> Snapshots<K> {
    fn slot(&self, key: K) -> Arc<Slot> {
        Arc::clone(lock(&self.slots).entry(key).or_default())
    }

    /// For a refresh: a list of `key` sent after this client's last write and less than
    /// `ttl` ago, fetched by `fetch` if none is kept. `None` when snapshots are off, or when
    /// the list failed (the caller reads by id, which reports the precise error); only a stop
    /// is an error.
    pub async fn fresh<F, Fut>(
        &self,
        key: K,
        transport: &Transport,
        fetch: F,
    ) -> Result<Option<Arc<Listing>>, Error>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Vec<Value>, Error>>,
    {
        if self.ttl.is_zero() {
            return Ok(None);
        }
        let after = self.last_write.load(Ordering::SeqCst);
        match self
            .listing(key, after, Some(self.ttl), transport, fetch)
            .await
        {
            Ok(listing) => Ok(Some(listing)),
            Err(error) if error.is_stopped() => Err(error),
            Err(error) => {
                tracing::debug!(%error, "listing failed; reading by id");
                Ok(None)
            }
        }
    }

    /// A list of `key` sent after tick `after` (and, with `max_age`, that recent): the one
    /// kept if it qualifies, else a new one from `fetch`, fetched once for all who are
    /// waiting.
    pub async fn listing<F, Fut>(
        &self,
        key: K,
        after: u64,
        max_age: Option<Duration>,
        transport: &Transport,
        fetch: F,
    ) -> Result<Arc<Listing>, Error>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Vec<Value>, Error>>,
    {
        let slot = self.slot(key);
        if let Some(listing) = slot.usable(after, max_age) {
            return Ok(listing);
        }
        let fetches_seen = slot.fetches.load(Ordering::SeqCst);
        let _fetching = tokio::select! {
            guard = slot.fetch.lock() => guard,
            () = transport.stopped() => return Err(transport.stopped_error()),
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
        let sent = self.tick();
        let taken = Instant::now();
        let outcome = match fetch().await {
            Ok(items) => {
                let listing = Arc::new(Listing::new(sent, taken, items, self.id_of));
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

/// See [`Snapshots::writing`].
pub struct WriteGuard<'a, K>(&'a Snapshots<K>);

impl<K> Drop for WriteGuard<'_, K> {
    fn drop(&mut self) {
        self.0.wrote();
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

    fn id_of(item: &Value) -> Option<String> {
        item.get("id").and_then(Value::as_str).map(str::to_owned)
    }

    fn listing(sent: u64, age: Duration) -> Listing {
        Listing::new(sent, Instant::now() - age, Vec::new(), id_of)
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
        let s = Snapshots::<u8>::new(Duration::from_secs(10), id_of);
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
    fn items_are_indexed_by_the_vendor_id() {
        let items = vec![serde_json::json!({"id": "a"}), serde_json::json!({"x": 1})];
        let l = Listing::new(1, Instant::now(), items, id_of);
        assert_eq!(l.item("a"), Some(&serde_json::json!({"id": "a"})));
        assert_eq!(l.item("b"), None);
        assert_eq!(l.items().len(), 2);
    }
}
