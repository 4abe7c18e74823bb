//! Which request gets which fault, and whether clients wait as long as `Retry-After` asks.
//!
//! Decisions are a pure function of the seed, the request's sequence number and the rules'
//! remaining budgets: request `n` draws from a generator seeded with `(seed, n)` only, so a run
//! is replayed by the same seed and the same sequence of requests.
//!
//! The `Retry-After` watch remembers, for each answer that asked the client to wait (429 or
//! 503 with `Retry-After`, injected or from the rate limiter), a fingerprint of the request
//! and the moment the wait ends. The same request arriving earlier is an *early retry*.

use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use tokio::time::Instant;

use super::{FaultConfig, FaultKind, FaultRule, RouteTarget};

/// What to do to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Decision {
    pub(crate) kind: FaultKind,
    /// For [`FaultKind::Latency`]: how long to wait.
    pub(crate) latency: Duration,
    /// For 429 and 503: the `Retry-After` to send, in seconds.
    pub(crate) retry_after_secs: u64,
}

/// Live fault injection state of one sandbox.
#[derive(Debug)]
pub(crate) struct Faults {
    inner: Mutex<Inner>,
    sequence: AtomicU64,
    waits: Mutex<HashMap<u64, Instant>>,
}

#[derive(Debug)]
struct Inner {
    config: FaultConfig,
    /// Faults fired so far, per rule (for `limit`).
    fired: Vec<u64>,
    /// The parsed targets of each rule; `None`: every request.
    targets: Vec<Option<Vec<RouteTarget>>>,
}

impl Inner {
    fn new(config: FaultConfig) -> Inner {
        Inner {
            fired: vec![0; config.rules.len()],
            targets: config.rules.iter().map(targets).collect(),
            config,
        }
    }
}

/// The targets of `rule`. A configuration set in code skips [`FaultConfig::check`]; a target
/// that does not parse then matches nothing (never everything), and says so in the log.
fn targets(rule: &FaultRule) -> Option<Vec<RouteTarget>> {
    if rule.routes.is_empty() {
        return None;
    }
    let parsed = rule.routes.iter().filter_map(|route| {
        route
            .parse()
            .map_err(
                |error: String| tracing::warn!(target: "sandbox", %error, "fault target ignored"),
            )
            .ok()
    });
    Some(parsed.collect())
}

impl Faults {
    pub(crate) fn new(config: FaultConfig) -> Faults {
        Faults {
            inner: Mutex::new(Inner::new(config)),
            sequence: AtomicU64::new(0),
            waits: Mutex::new(HashMap::new()),
        }
    }

    /// The configuration in force.
    pub(crate) fn config(&self) -> FaultConfig {
        lock(&self.inner).config.clone()
    }

    /// Replaces the configuration and starts the sequence and the budgets again.
    pub(crate) fn set(&self, config: FaultConfig) -> Result<(), String> {
        config.check()?;
        *lock(&self.inner) = Inner::new(config);
        self.sequence.store(0, Ordering::SeqCst);
        Ok(())
    }

    /// Starts the sequence and the budgets again, keeping the configuration.
    pub(crate) fn reset(&self) {
        let mut inner = lock(&self.inner);
        inner.fired.iter_mut().for_each(|n| *n = 0);
        self.sequence.store(0, Ordering::SeqCst);
        lock(&self.waits).clear();
    }

    /// The decision for the next API request, on `route` (`"METHOD /template"`).
    /// `has_token` says whether it carries a valid token ([`FaultKind::TokenExpiry`] needs one).
    pub(crate) fn decide(&self, route: &str, has_token: bool) -> Option<Decision> {
        let mut inner = lock(&self.inner);
        if !inner.config.is_active() {
            return None;
        }
        let n = self.sequence.fetch_add(1, Ordering::SeqCst);
        let mut rng = StdRng::seed_from_u64(mix(inner.config.seed, n));
        let Inner {
            config,
            fired,
            targets,
        } = &mut *inner;
        let rules = config
            .rules
            .iter()
            .zip(fired.iter_mut())
            .zip(targets.iter());
        for ((rule, fired), targets) in rules {
            let matches = targets
                .as_ref()
                .is_none_or(|targets| targets.iter().any(|t| t.matches_label(route)));
            if !matches || rule.limit.is_some_and(|limit| *fired >= limit) {
                continue;
            }
            // Always draw the same numbers, so that later requests do not depend on this one.
            let (fire, pick, wait) = (
                rng.random::<f64>(),
                rng.random::<u64>(),
                rng.random::<f64>(),
            );
            if fire >= rule.rate {
                return None;
            }
            let kind = pick_kind(&rule.weights.0, pick)?;
            if kind == FaultKind::TokenExpiry && !has_token {
                return None;
            }
            *fired += 1;
            let max_latency = Duration::from_millis(config.max_latency_ms);
            return Some(Decision {
                kind,
                latency: max_latency.mul_f64(wait),
                retry_after_secs: config.retry_after_secs,
            });
        }
        None
    }

    /// Remembers that the request with `fingerprint` was told to wait `secs`.
    pub(crate) fn told_to_wait(&self, fingerprint: u64, secs: u64) {
        let now = Instant::now();
        let mut waits = lock(&self.waits);
        waits.retain(|_, until| *until > now);
        waits.insert(fingerprint, now + Duration::from_secs(secs));
    }

    /// Whether the request with `fingerprint` comes back before the wait it was told.
    pub(crate) fn is_early(&self, fingerprint: u64) -> bool {
        let mut waits = lock(&self.waits);
        match waits.get(&fingerprint) {
            Some(until) if Instant::now() < *until => true,
            Some(_) => {
                waits.remove(&fingerprint);
                false
            }
            None => false,
        }
    }
}

/// A fingerprint of a request: method, path and query, body.
pub(crate) fn fingerprint(method: &str, path_and_query: &str, body: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    (method, path_and_query, body).hash(&mut hasher);
    hasher.finish()
}

/// The kind `pick` lands on, each kind owning a share of the range as large as its weight.
fn pick_kind(weights: &std::collections::BTreeMap<FaultKind, u32>, pick: u64) -> Option<FaultKind> {
    let total: u64 = weights.values().map(|w| u64::from(*w)).sum();
    if total == 0 {
        return None;
    }
    let mut point = pick % total;
    for (kind, weight) in weights {
        let weight = u64::from(*weight);
        if point < weight {
            return Some(*kind);
        }
        point -= weight;
    }
    None
}

/// SplitMix64 of the seed and the sequence number: nearby inputs give unrelated seeds.
fn mix(seed: u64, n: u64) -> u64 {
    let mut z = seed ^ n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::faults::{FaultRule, FaultWeights};

    fn kinds(faults: &Faults, count: usize) -> Vec<Option<FaultKind>> {
        (0..count)
            .map(|_| faults.decide("GET /license", true).map(|d| d.kind))
            .collect()
    }

    #[test]
    fn the_same_seed_replays_the_same_faults_and_another_does_not() {
        let config = FaultConfig::random(0.3, FaultWeights::uniform(), 42);
        let first = kinds(&Faults::new(config.clone()), 500);
        let again = kinds(&Faults::new(config.clone()), 500);
        assert_eq!(first, again);
        let other = kinds(&Faults::new(FaultConfig { seed: 43, ..config }), 500);
        assert_ne!(first, other);
    }

    #[test]
    fn the_rate_and_the_weights_are_honoured() {
        let weights = FaultWeights(BTreeMap::from([
            (FaultKind::Latency, 3),
            (FaultKind::Drop, 1),
        ]));
        let faults = Faults::new(FaultConfig::random(0.2, weights, 1));
        let drawn = kinds(&faults, 20_000);
        let count = |k| drawn.iter().filter(|d| **d == Some(k)).count() as f64;
        let fired = drawn.iter().filter(|d| d.is_some()).count() as f64;
        assert!((fired / 20_000.0 - 0.2).abs() < 0.02, "{fired}");
        assert!((count(FaultKind::Latency) / fired - 0.75).abs() < 0.03);
        assert_eq!(count(FaultKind::Drop) + count(FaultKind::Latency), fired);
    }

    #[test]
    fn rules_match_routes_and_spend_their_budget() {
        let config = FaultConfig::default().with_rule(
            FaultRule::everywhere(1.0, FaultWeights::only(FaultKind::Drop))
                .on("POST /integration")
                .limited(2),
        );
        let faults = Faults::new(config);
        assert_eq!(faults.decide("GET /integration", true), None);
        let hits: Vec<_> = (0..4)
            .map(|_| faults.decide("POST /integration", true).map(|d| d.kind))
            .collect();
        assert_eq!(
            hits,
            [Some(FaultKind::Drop), Some(FaultKind::Drop), None, None]
        );
        faults.reset();
        assert!(faults.decide("POST /integration", true).is_some());
    }

    #[test]
    fn rules_can_target_a_method_everywhere_or_every_method_of_a_route() {
        let config = FaultConfig::default()
            .with_rule(FaultRule::everywhere(1.0, FaultWeights::only(FaultKind::Drop)).on("POST"))
            .with_rule(
                FaultRule::everywhere(1.0, FaultWeights::only(FaultKind::Unavailable))
                    .on("/integration/{id}"),
            );
        let faults = Faults::new(config);
        let kind = |label| faults.decide(label, true).map(|d| d.kind);
        assert_eq!(kind("POST /integration"), Some(FaultKind::Drop));
        assert_eq!(kind("POST /login"), Some(FaultKind::Drop));
        assert_eq!(kind("GET /integration"), None);
        assert_eq!(kind("PUT /integration/{id}"), Some(FaultKind::Unavailable));
        assert_eq!(kind("GET /integration/{id}"), Some(FaultKind::Unavailable));
    }

    #[test]
    fn a_target_set_in_code_that_does_not_parse_matches_nothing() {
        let config = FaultConfig::default()
            .with_rule(FaultRule::everywhere(1.0, FaultWeights::only(FaultKind::Drop)).on("get"));
        assert!(config.check().is_err());
        let faults = Faults::new(config);
        assert_eq!(faults.decide("GET /integration", true), None);
    }

    #[test]
    fn token_expiry_needs_a_token() {
        let faults = Faults::new(FaultConfig::random(
            1.0,
            FaultWeights::only(FaultKind::TokenExpiry),
            0,
        ));
        assert_eq!(faults.decide("POST /login", false), None);
        assert_eq!(
            faults.decide("GET /license", true).map(|d| d.kind),
            Some(FaultKind::TokenExpiry)
        );
    }

    #[test]
    fn latency_stays_below_the_maximum() {
        let faults = Faults::new(FaultConfig {
            max_latency_ms: 50,
            ..FaultConfig::random(1.0, FaultWeights::only(FaultKind::Latency), 3)
        });
        for _ in 0..100 {
            let d = faults.decide("GET /license", true).expect("rate 1");
            assert!(d.latency <= Duration::from_millis(50));
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_request_back_before_its_retry_after_is_early() {
        let faults = Faults::new(FaultConfig::default());
        let a = fingerprint("POST", "/integration", b"{\"name\":\"a\"}");
        let b = fingerprint("POST", "/integration", b"{\"name\":\"b\"}");
        assert_ne!(a, b);
        faults.told_to_wait(a, 2);
        assert!(faults.is_early(a));
        assert!(!faults.is_early(b));
        tokio::time::advance(Duration::from_secs(2)).await;
        assert!(!faults.is_early(a));
    }
}
