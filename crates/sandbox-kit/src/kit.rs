//! [`Kit`]: the kit's share of a sandbox's state (counters, fault injection, rate-limit buckets,
//! latency), held inside the vendor's state.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::faults::{FaultConfig, Faults};
use crate::rate_limit::{RateLimit, RateLimiter};
use crate::stats::{Stats, StatsRecorder};

/// How the kit's parts of a sandbox behave. The default: no rate limit, no latency, no faults
/// (vendors choose their own defaults, e.g. a real rate limit).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KitSettings {
    /// The per-caller token bucket, or `None` for no rate limiting at all.
    pub rate_limit: Option<RateLimit>,
    /// A fixed delay before every API request is handled (control endpoints excepted).
    pub latency: Duration,
    /// Fault injection at start-up; `PUT /_sandbox/faults` changes it.
    pub faults: FaultConfig,
}

/// The kit's live state: cheap to clone (an `Arc` inside), shared by every request.
#[derive(Clone)]
pub struct Kit {
    inner: Arc<Inner>,
}

struct Inner {
    latency: Duration,
    stats: StatsRecorder,
    faults: Faults,
    limiter: Option<RateLimiter>,
}

impl Kit {
    /// Fresh state: zero counters, full buckets, the fault sequence at its start.
    pub fn new(settings: KitSettings) -> Kit {
        Kit {
            inner: Arc::new(Inner {
                latency: settings.latency,
                stats: StatsRecorder::default(),
                faults: Faults::new(settings.faults),
                limiter: settings.rate_limit.map(RateLimiter::new),
            }),
        }
    }

    /// The live counters, for the vendor's own events (logins, token renewals).
    pub fn counters(&self) -> &StatsRecorder {
        &self.inner.stats
    }

    /// A snapshot of the counters.
    pub fn stats(&self) -> Stats {
        self.inner.stats.snapshot()
    }

    /// Zeroes the counters only, to count one phase of a test on its own.
    pub fn reset_stats(&self) {
        self.inner.stats.reset();
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

    /// Zeroes the counters, refills the buckets and starts the fault sequence again (same
    /// configuration). The vendor's objects are the vendor's to forget ([`crate::Vendor::clear`]).
    pub fn reset(&self) {
        self.inner.faults.reset();
        self.inner.stats.reset();
        if let Some(limiter) = &self.inner.limiter {
            limiter.reset();
        }
    }

    /// The fixed latency added to API requests.
    pub fn latency(&self) -> Duration {
        self.inner.latency
    }

    pub(crate) fn fault_engine(&self) -> &Faults {
        &self.inner.faults
    }

    pub(crate) fn limiter(&self) -> Option<&RateLimiter> {
        self.inner.limiter.as_ref()
    }
}

impl fmt::Debug for Kit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Kit")
            .field("latency", &self.inner.latency)
            .field(
                "rate_limit",
                &self.inner.limiter.as_ref().map(|l| l.limit()),
            )
            .finish_non_exhaustive()
    }
}
