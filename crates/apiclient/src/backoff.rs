//! How long to wait before the next attempt.
//!
//! Exponential backoff with full jitter (a uniformly random wait between zero and
//! `base * 2^retry`, capped), so that many clients hitting the same rate limit spread out
//! instead of retrying in lockstep. A `Retry-After` from the server is a lower bound: the wait
//! is it plus the same full jitter (`[0, base * 2^retry]`). A rate limiter tells every waiting
//! caller the same short wait; a fixed small jitter would bring them all back within one
//! refill and most would be refused again (measured: 20 parallel callers against a bucket of
//! 10 per second ran out of five retries), while a spread that grows with each refusal lets
//! them through (`docs/reliability.md`). A server-requested wait longer than
//! [`MAX_RETRY_AFTER`] is not honoured by waiting; the call gives up at once and says so.

use std::time::{Duration, SystemTime};

use rand::Rng;

/// Longest server-requested wait the client honours; longer requests end the call.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(10 * 60);

/// Exponential backoff with full jitter.
#[derive(Debug, Clone, Copy)]
pub struct Backoff {
    base: Duration,
    cap: Duration,
}

impl Backoff {
    /// A backoff starting at `base` whose ceiling never exceeds `cap`.
    pub fn new(base: Duration, cap: Duration) -> Self {
        Backoff {
            base,
            cap: cap.max(base),
        }
    }

    /// Upper bound of the wait before retry number `retry` (0 for the first retry).
    pub fn ceiling(&self, retry: u32) -> Duration {
        let factor = 2u32.checked_pow(retry.min(31)).unwrap_or(u32::MAX);
        self.base.saturating_mul(factor).min(self.cap)
    }

    /// The wait before retry number `retry`, drawn from `rng`.
    ///
    /// Without `retry_after`: uniform in `[0, ceiling(retry)]`. With it: `retry_after` plus
    /// a uniform extra in `[0, ceiling(retry)]`, so that callers told the same wait do not all
    /// come back at the same instant, and spread further each time they are refused again.
    pub fn delay(&self, retry: u32, retry_after: Option<Duration>, rng: &mut impl Rng) -> Duration {
        let (floor, spread) = match retry_after {
            Some(floor) => (floor, self.ceiling(retry)),
            None => (Duration::ZERO, self.ceiling(retry)),
        };
        floor.saturating_add(Duration::from_nanos(
            rng.random_range(0..=duration_nanos(spread)),
        ))
    }
}

fn duration_nanos(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

/// Parses a `Retry-After` value: delay-seconds or an HTTP date (relative to `now`).
///
/// A date in the past means "now" (zero). Anything else is ignored (`None`).
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // An absurdly long number saturates rather than being ignored: it still means "long".
        return Some(Duration::from_secs(value.parse().unwrap_or(u64::MAX)));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    use super::*;

    #[test]
    fn ceiling_doubles_then_caps() {
        let backoff = Backoff::new(Duration::from_millis(500), Duration::from_secs(30));
        let ceilings: Vec<u64> = (0..8)
            .map(|r| backoff.ceiling(r).as_millis() as u64)
            .collect();
        assert_eq!(ceilings, [500, 1000, 2000, 4000, 8000, 16000, 30000, 30000]);
        assert_eq!(backoff.ceiling(u32::MAX), Duration::from_secs(30));
    }

    #[test]
    fn delays_stay_within_bounds_and_spread_out() {
        let backoff = Backoff::new(Duration::from_millis(500), Duration::from_secs(30));
        let mut rng = StdRng::seed_from_u64(7);
        for retry in 0..10 {
            let delays: Vec<Duration> = (0..200)
                .map(|_| backoff.delay(retry, None, &mut rng))
                .collect();
            assert!(delays.iter().all(|d| *d <= backoff.ceiling(retry)));
            let distinct: std::collections::HashSet<_> = delays.iter().collect();
            assert!(distinct.len() > 100, "full jitter must spread delays out");
        }
    }

    #[test]
    fn retry_after_is_a_floor_with_a_spread_that_grows() {
        let backoff = Backoff::new(Duration::from_millis(10), Duration::from_secs(30));
        let mut rng = StdRng::seed_from_u64(1);
        let first: Vec<Duration> = (0..200)
            .map(|_| backoff.delay(0, Some(Duration::from_secs(3)), &mut rng))
            .collect();
        let (low, high) = (Duration::from_secs(3), Duration::from_millis(3010));
        assert!(first.iter().all(|d| *d >= low && *d <= high), "{first:?}");
        let delays: Vec<Duration> = (0..200)
            .map(|_| backoff.delay(4, Some(Duration::from_secs(3)), &mut rng))
            .collect();
        let (low, high) = (Duration::from_secs(3), Duration::from_millis(3160));
        assert!(delays.iter().all(|d| *d >= low && *d <= high), "{delays:?}");
        let distinct: std::collections::HashSet<_> = delays.iter().collect();
        assert!(
            distinct.len() > 100,
            "callers told the same wait are spread out"
        );
    }

    #[test]
    fn cap_below_base_is_raised_to_base() {
        let backoff = Backoff::new(Duration::from_secs(2), Duration::from_secs(1));
        assert_eq!(backoff.ceiling(5), Duration::from_secs(2));
    }

    #[test]
    fn retry_after_seconds_and_dates() {
        let now = httpdate::parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT").expect("valid date");
        assert_eq!(
            parse_retry_after("120", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(parse_retry_after(" 0 ", now), Some(Duration::ZERO));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now),
            Some(Duration::from_secs(30))
        );
        // RFC 850 and asctime forms are HTTP dates too.
        assert_eq!(
            parse_retry_after("Wednesday, 21-Oct-15 07:29:00 GMT", now),
            Some(Duration::from_secs(60))
        );
        assert_eq!(
            parse_retry_after("Wed Oct 21 07:28:05 2015", now),
            Some(Duration::from_secs(5))
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(
            parse_retry_after("99999999999999999999999", now),
            Some(Duration::from_secs(u64::MAX))
        );
        assert_eq!(parse_retry_after("-5", now), None);
        assert_eq!(parse_retry_after("1.5", now), None);
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("", now), None);
    }
}
