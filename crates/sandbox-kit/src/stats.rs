//! Request counters, for tests and benchmarks ("how many calls did one `terraform plan` make?"),
//! served by `GET /_sandbox/stats`.
//!
//! Session counters (logins, token renewals) are here rather than with each vendor because
//! most APIs have sessions (Prisma Cloud's login and extend, Infracast's token and refresh);
//! vendors authenticating with static keys leave them at zero.

use std::collections::BTreeMap;
use std::sync::{Mutex, PoisonError};

use serde::Serialize;

/// Route label for requests that matched no route.
pub const UNMATCHED_ROUTE: &str = "(unmatched)";

/// A snapshot of the sandbox's counters. Control endpoints (`/_sandbox/...`) are not counted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    /// Every API request answered, whatever the outcome.
    pub total_requests: u64,
    /// Requests by `"METHOD /route/{template}"`, e.g. `"GET /integration/{id}"`; requests that
    /// matched no route count under [`UNMATCHED_ROUTE`].
    pub requests: BTreeMap<String, u64>,
    /// Responses by HTTP status code.
    pub responses_by_status: BTreeMap<u16, u64>,
    /// Successful logins.
    pub logins: u64,
    /// Refused logins (bad credentials or malformed body).
    pub failed_logins: u64,
    /// Successful token renewals (Prisma Cloud's `GET /auth_token/extend`).
    pub token_extensions: u64,
    /// 401 responses (missing, unknown or expired credentials, or a failed login).
    pub unauthorized: u64,
    /// 429 responses.
    pub rate_limited: u64,
    /// Injected faults by kind (`latency`, `rate_limit`, `drop`, ...; see `FaultKind`).
    pub faults: BTreeMap<String, u64>,
    /// Injected faults by `"METHOD /route/{template}"`.
    pub faults_by_route: BTreeMap<String, u64>,
    /// Requests repeated before the `Retry-After` of the 429 or 503 they got had passed.
    pub early_retries: u64,
}

impl Stats {
    /// Faults injected of `kind` (a `FaultKind` name such as `"drop"`).
    pub fn faults_of(&self, kind: &str) -> u64 {
        self.faults.get(kind).copied().unwrap_or(0)
    }

    /// Every fault injected.
    pub fn total_faults(&self) -> u64 {
        self.faults.values().sum()
    }

    /// Requests counted for `method` on `route` (a route template such as
    /// `/integration/{id}`).
    pub fn requests_to(&self, method: &str, route: &str) -> u64 {
        self.requests
            .get(&format!("{method} {route}"))
            .copied()
            .unwrap_or(0)
    }
}

/// The live counters behind [`Stats`]. The kit counts requests, statuses, faults and early
/// retries; the vendor counts its session events.
#[derive(Debug, Default)]
pub struct StatsRecorder {
    stats: Mutex<Stats>,
}

impl StatsRecorder {
    fn update(&self, change: impl FnOnce(&mut Stats)) {
        change(&mut self.stats.lock().unwrap_or_else(PoisonError::into_inner));
    }

    /// Counts one answered request.
    pub(crate) fn record(&self, method: &str, route: &str, status: u16) {
        let key = format!("{method} {route}");
        self.update(|s| {
            s.total_requests += 1;
            *s.requests.entry(key).or_default() += 1;
            *s.responses_by_status.entry(status).or_default() += 1;
            match status {
                401 => s.unauthorized += 1,
                429 => s.rate_limited += 1,
                _ => {}
            }
        });
    }

    /// Counts one injected fault.
    pub(crate) fn fault(&self, kind: &str, route: &str) {
        self.update(|s| {
            *s.faults.entry(kind.to_owned()).or_default() += 1;
            *s.faults_by_route.entry(route.to_owned()).or_default() += 1;
        });
    }

    /// Counts one request that came back before its `Retry-After`.
    pub(crate) fn early_retry(&self, route: &str) {
        tracing::warn!(target: "sandbox", %route, "request repeated before its Retry-After");
        self.update(|s| s.early_retries += 1);
    }

    /// Counts one successful login.
    pub fn login_succeeded(&self) {
        self.update(|s| s.logins += 1);
    }

    /// Counts one refused login.
    pub fn login_failed(&self) {
        self.update(|s| s.failed_logins += 1);
    }

    /// Counts one token renewal.
    pub fn token_extended(&self) {
        self.update(|s| s.token_extensions += 1);
    }

    pub(crate) fn snapshot(&self) -> Stats {
        self.stats
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub(crate) fn reset(&self) {
        self.update(|s| *s = Stats::default());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_counts_routes_statuses_and_special_statuses() {
        let recorder = StatsRecorder::default();
        recorder.record("GET", "/integration", 200);
        recorder.record("GET", "/integration", 429);
        recorder.record("POST", "/login", 401);
        recorder.login_failed();
        let stats = recorder.snapshot();
        assert_eq!(stats.total_requests, 3);
        assert_eq!(stats.requests_to("GET", "/integration"), 2);
        assert_eq!(stats.requests_to("POST", "/integration"), 0);
        assert_eq!(stats.rate_limited, 1);
        assert_eq!(stats.unauthorized, 1);
        assert_eq!(stats.failed_logins, 1);
        assert_eq!(stats.responses_by_status.get(&200), Some(&1));
        recorder.reset();
        assert_eq!(recorder.snapshot(), Stats::default());
    }
}
