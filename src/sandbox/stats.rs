//! Request counters, for tests and benchmarks ("how many calls did one `terraform plan` make?").

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
    /// Successful `GET /auth_token/extend` calls.
    pub token_extensions: u64,
    /// 401 responses (missing, unknown or expired token, or failed login).
    pub unauthorized: u64,
    /// 429 responses.
    pub rate_limited: u64,
}

impl Stats {
    /// Requests counted for `method` on `route` (a route template such as
    /// `/api/v1/tenant/{prisma_id}/integration`).
    pub fn requests_to(&self, method: &str, route: &str) -> u64 {
        self.requests
            .get(&format!("{method} {route}"))
            .copied()
            .unwrap_or(0)
    }
}

/// The live counters behind [`Stats`].
#[derive(Debug, Default)]
pub(crate) struct StatsRecorder {
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

    pub(crate) fn login_succeeded(&self) {
        self.update(|s| s.logins += 1);
    }

    pub(crate) fn login_failed(&self) {
        self.update(|s| s.failed_logins += 1);
    }

    pub(crate) fn token_extended(&self) {
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
