//! Fault injection: the sandbox misbehaves on purpose, the way a real API does on a bad day, so
//! that clients can prove they survive it.
//!
//! A [`FaultConfig`] is a seed plus a list of [`FaultRule`]s. Each API request (control
//! endpoints never) gets a sequence number `n`; the decision for request `n` is drawn from a
//! random generator seeded with `(seed, n)` alone, so the same seed and the same sequence of
//! requests give the same faults (a run is replayed by its seed). The first rule that matches
//! the request's method and route and still has budget fires with its `rate`, and then picks
//! one [`FaultKind`] by its weights. Faulty answers are the vendor's own ([`crate::Refusal`]).
//!
//! Faults are switched at start-up ([`crate::KitSettings::faults`], the `--fault-*` flags) and
//! at run time (`GET`/`PUT /_sandbox/faults`); every injected fault is counted by kind and by
//! route in the stats.
//!
//! # Layout
//!
//! - this file: the configuration types and the `--fault-weights` syntax.
//! - `target`: which requests a rule applies to (`"GET /integration"`, `"POST"`, ...).
//! - `engine`: decisions, rule budgets, and the watch on `Retry-After` (early retries).
//! - `layer`: the pipeline step that applies a decision to a request.

mod engine;
mod layer;
mod target;

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

pub(crate) use engine::Faults;
pub(crate) use layer::inject;
pub use target::RouteTarget;

/// Default upper bound of an injected latency, in milliseconds.
pub const DEFAULT_MAX_LATENCY_MS: u64 = 300;
/// Default `Retry-After` of injected 429 and 503 answers, in seconds.
pub const DEFAULT_RETRY_AFTER_SECS: u64 = 1;

/// One way to misbehave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultKind {
    /// Waits a random time (up to `maxLatencyMs`), then answers normally.
    Latency,
    /// 429 with `Retry-After`, before processing, as the vendor's rate limiter answers.
    RateLimit,
    /// 503 with `Retry-After`, before processing (a backend restarting).
    Unavailable,
    /// Processes the request, then answers 500 (it crashed after committing).
    ServerError,
    /// Processes the request, then answers 502 (a gateway lost the answer).
    BadGateway,
    /// Processes the request, then drops the connection: the client never hears back.
    Drop,
    /// Expires the caller's session token early, so the request is answered as one with an
    /// expired token. Applies only to requests that carry a valid session token (never to a
    /// login, nor to APIs with static keys).
    TokenExpiry,
}

impl FaultKind {
    /// Every kind, in a fixed order.
    pub const ALL: [FaultKind; 7] = [
        FaultKind::Latency,
        FaultKind::RateLimit,
        FaultKind::Unavailable,
        FaultKind::ServerError,
        FaultKind::BadGateway,
        FaultKind::Drop,
        FaultKind::TokenExpiry,
    ];

    /// The snake_case name used in flags, JSON and stats.
    pub fn name(self) -> &'static str {
        match self {
            FaultKind::Latency => "latency",
            FaultKind::RateLimit => "rate_limit",
            FaultKind::Unavailable => "unavailable",
            FaultKind::ServerError => "server_error",
            FaultKind::BadGateway => "bad_gateway",
            FaultKind::Drop => "drop",
            FaultKind::TokenExpiry => "token_expiry",
        }
    }

    /// Whether the sandbox acted on the request before failing it (the client cannot know).
    pub fn after_processing(self) -> bool {
        matches!(
            self,
            FaultKind::ServerError | FaultKind::BadGateway | FaultKind::Drop
        )
    }
}

impl fmt::Display for FaultKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for FaultKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        FaultKind::ALL
            .into_iter()
            .find(|k| k.name() == s.trim())
            .ok_or_else(|| {
                let names: Vec<&str> = FaultKind::ALL.iter().map(|k| k.name()).collect();
                format!("unknown fault kind {s:?}; known: {}", names.join(", "))
            })
    }
}

/// Relative weights of the kinds a rule picks from (a kind absent or at 0 is never picked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FaultWeights(pub BTreeMap<FaultKind, u32>);

impl FaultWeights {
    /// Every kind, weight 1.
    pub fn uniform() -> Self {
        FaultWeights(FaultKind::ALL.into_iter().map(|k| (k, 1)).collect())
    }

    /// One kind only.
    pub fn only(kind: FaultKind) -> Self {
        FaultWeights(BTreeMap::from([(kind, 1)]))
    }

    fn total(&self) -> u64 {
        self.0.values().map(|w| u64::from(*w)).sum()
    }
}

impl Default for FaultWeights {
    fn default() -> Self {
        FaultWeights::uniform()
    }
}

/// `kind=weight,kind=weight`, e.g. `latency=2,drop=1`; `all` means every kind at weight 1.
impl FromStr for FaultWeights {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.trim() == "all" {
            return Ok(FaultWeights::uniform());
        }
        let mut weights = BTreeMap::new();
        for part in s.split(',').filter(|p| !p.trim().is_empty()) {
            let (kind, weight) = part.split_once('=').unwrap_or((part, "1"));
            let weight: u32 = weight
                .trim()
                .parse()
                .map_err(|_| format!("weight of {kind:?} is not a whole number"))?;
            weights.insert(kind.parse()?, weight);
        }
        let weights = FaultWeights(weights);
        if weights.total() == 0 {
            return Err("at least one fault kind needs a positive weight".into());
        }
        Ok(weights)
    }
}

/// When and how to misbehave.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FaultRule {
    /// Probability, from 0 to 1, that a matching request gets a fault.
    pub rate: f64,
    /// Which kinds, and how often each relative to the others.
    #[serde(default)]
    pub weights: FaultWeights,
    /// Requests the rule applies to, each a [`RouteTarget`]: `"METHOD /route/{template}"` (the
    /// stats' labels, e.g. `"POST /integration"`), `"METHOD"` (that method on every route) or
    /// `"/route/{template}"` (every method on that route); empty means every API request.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<String>,
    /// At most this many faults from this rule (until the configuration is set again).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u64>,
}

impl FaultRule {
    /// A rule for every API route.
    pub fn everywhere(rate: f64, weights: FaultWeights) -> Self {
        FaultRule {
            rate,
            weights,
            routes: Vec::new(),
            limit: None,
        }
    }

    /// This rule, also for `route` (a [`RouteTarget`]: `"METHOD /template"`, `"METHOD"` or
    /// `"/template"`).
    pub fn on(mut self, route: impl Into<String>) -> Self {
        self.routes.push(route.into());
        self
    }

    /// This rule, for its first `limit` faults only.
    pub fn limited(mut self, limit: u64) -> Self {
        self.limit = Some(limit);
        self
    }

    fn check(&self) -> Result<(), String> {
        if !(0.0..=1.0).contains(&self.rate) {
            return Err(format!("rate must be from 0 to 1, not {}", self.rate));
        }
        if self.weights.total() == 0 {
            return Err("at least one fault kind needs a positive weight".into());
        }
        self.routes
            .iter()
            .try_for_each(|route| route.parse::<RouteTarget>().map(drop))
    }
}

/// The sandbox's fault injection. The default injects nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FaultConfig {
    /// Seed of every decision.
    #[serde(default)]
    pub seed: u64,
    /// Rules, tried in order; the first that matches a request (and has budget left) decides.
    #[serde(default)]
    pub rules: Vec<FaultRule>,
    /// Upper bound of an injected latency, in milliseconds (drawn uniformly from 0).
    #[serde(default = "default_max_latency")]
    pub max_latency_ms: u64,
    /// `Retry-After` of injected 429 and 503 answers, in seconds.
    #[serde(default = "default_retry_after")]
    pub retry_after_secs: u64,
}

fn default_max_latency() -> u64 {
    DEFAULT_MAX_LATENCY_MS
}

fn default_retry_after() -> u64 {
    DEFAULT_RETRY_AFTER_SECS
}

impl Default for FaultConfig {
    fn default() -> Self {
        FaultConfig {
            seed: 0,
            rules: Vec::new(),
            max_latency_ms: DEFAULT_MAX_LATENCY_MS,
            retry_after_secs: DEFAULT_RETRY_AFTER_SECS,
        }
    }
}

impl FaultConfig {
    /// `rate` of faults on every API route, of the kinds in `weights`, decided by `seed`.
    pub fn random(rate: f64, weights: FaultWeights, seed: u64) -> Self {
        FaultConfig {
            seed,
            rules: vec![FaultRule::everywhere(rate, weights)],
            ..FaultConfig::default()
        }
    }

    /// The same configuration with `rule` added after the others.
    pub fn with_rule(mut self, rule: FaultRule) -> Self {
        self.rules.push(rule);
        self
    }

    /// Whether any rule can fire.
    pub fn is_active(&self) -> bool {
        self.rules.iter().any(|r| r.rate > 0.0)
    }

    /// Checks rates, weights and targets.
    pub fn check(&self) -> Result<(), String> {
        self.rules.iter().try_for_each(FaultRule::check)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_parse_from_flags() {
        let w: FaultWeights = "latency=2, drop".parse().expect("valid");
        assert_eq!(w.0[&FaultKind::Latency], 2);
        assert_eq!(w.0[&FaultKind::Drop], 1);
        assert_eq!(w.0.len(), 2);
        assert_eq!("all".parse::<FaultWeights>(), Ok(FaultWeights::uniform()));
        assert!("latency=x".parse::<FaultWeights>().is_err());
        assert!(
            "nap=1"
                .parse::<FaultWeights>()
                .unwrap_err()
                .contains("known")
        );
        assert!("drop=0".parse::<FaultWeights>().is_err());
    }

    #[test]
    fn config_json_round_trips_and_rejects_bad_rates() {
        let config = FaultConfig::random(0.2, FaultWeights::uniform(), 7).with_rule(
            FaultRule::everywhere(1.0, FaultWeights::only(FaultKind::Drop))
                .on("POST /login")
                .limited(1),
        );
        let json = serde_json::to_value(&config).expect("serializes");
        assert_eq!(json["rules"][0]["weights"]["token_expiry"], 1);
        assert_eq!(json["rules"][1]["routes"][0], "POST /login");
        let back: FaultConfig = serde_json::from_value(json).expect("deserializes");
        assert_eq!(back, config);
        let minimal: FaultConfig =
            serde_json::from_str(r#"{"rules":[{"rate":0.5}]}"#).expect("defaults fill in");
        assert_eq!(minimal.rules[0].weights, FaultWeights::uniform());
        assert_eq!(minimal.max_latency_ms, DEFAULT_MAX_LATENCY_MS);
        assert!(
            FaultConfig::random(1.5, FaultWeights::uniform(), 0)
                .check()
                .is_err()
        );
        assert!(serde_json::from_str::<FaultConfig>(r#"{"rate":0.5}"#).is_err());
        assert!(!FaultConfig::default().is_active());
    }
}
