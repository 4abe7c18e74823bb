//! A token bucket per user, as the real API has: every token of a user draws from one bucket.
//!
//! Requests that carry no valid token share one anonymous bucket (so login attempts are limited
//! too). Time comes from `tokio::time::Instant` so tests can refill a bucket on a paused clock.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use tokio::time::Instant;

use super::config::RateLimit;

/// The bucket key for requests without a valid token.
pub(crate) const ANONYMOUS: &str = "";

/// The outcome of drawing from (or looking at) a bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Decision {
    /// Whether the request may proceed.
    pub(crate) allowed: bool,
    /// Whole requests left in the bucket after this one.
    pub(crate) remaining: u32,
    /// When refused: whole seconds until one request is available again.
    pub(crate) retry_after_secs: u64,
}

#[derive(Debug)]
struct Bucket {
    tokens: f64,
    refilled: Instant,
}

/// Buckets by user.
#[derive(Debug)]
pub(crate) struct RateLimiter {
    limit: RateLimit,
    buckets: Mutex<HashMap<String, Bucket>>,
}

impl RateLimiter {
    /// A limiter; zero burst or rate are raised to 1.
    pub(crate) fn new(limit: RateLimit) -> RateLimiter {
        RateLimiter {
            limit: RateLimit {
                burst: limit.burst.max(1),
                per_second: limit.per_second.max(1),
            },
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// The effective limit (after raising zeros).
    pub(crate) fn limit(&self) -> RateLimit {
        self.limit
    }

    /// Takes one request from `user`'s bucket if there is one.
    pub(crate) fn take(&self, user: &str) -> Decision {
        self.with_bucket(user, |bucket| {
            if bucket.tokens >= 1.0 {
                bucket.tokens -= 1.0;
                true
            } else {
                false
            }
        })
    }

    /// Looks at `user`'s bucket without taking from it.
    pub(crate) fn peek(&self, user: &str) -> Decision {
        self.with_bucket(user, |_| true)
    }

    /// Refills every bucket.
    pub(crate) fn reset(&self) {
        self.buckets
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }

    fn with_bucket(&self, user: &str, decide: impl FnOnce(&mut Bucket) -> bool) -> Decision {
        let now = Instant::now();
        let burst = f64::from(self.limit.burst);
        let rate = f64::from(self.limit.per_second);
        let mut buckets = self.buckets.lock().unwrap_or_else(PoisonError::into_inner);
        if !buckets.contains_key(user) {
            buckets.insert(
                user.to_owned(),
                Bucket {
                    tokens: burst,
                    refilled: now,
                },
            );
        }
        let bucket = buckets
            .get_mut(user)
            .expect("the bucket exists: it was inserted above if missing");
        let elapsed = now.saturating_duration_since(bucket.refilled).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * rate).min(burst);
        bucket.refilled = now;
        let allowed = decide(bucket);
        let missing = (1.0 - bucket.tokens).max(0.0);
        Decision {
            allowed,
            remaining: bucket.tokens.floor() as u32,
            retry_after_secs: if allowed {
                0
            } else {
                ((missing / rate).ceil() as u64).max(1)
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_bucket_empties_then_refills_at_the_configured_rate() {
        let limiter = RateLimiter::new(RateLimit {
            burst: 3,
            per_second: 1,
        });
        let remaining: Vec<u32> = (0..3).map(|_| limiter.take("u").remaining).collect();
        assert_eq!(remaining, [2, 1, 0]);
        let refused = limiter.take("u");
        assert!(!refused.allowed);
        assert_eq!(refused.retry_after_secs, 1);
        // Another user has a bucket of their own.
        assert!(limiter.take("v").allowed);
        tokio::time::advance(Duration::from_secs(1)).await;
        assert!(limiter.take("u").allowed);
        assert!(!limiter.take("u").allowed);
    }

    #[tokio::test(start_paused = true)]
    async fn peek_does_not_take_and_reset_refills() {
        let limiter = RateLimiter::new(RateLimit {
            burst: 1,
            per_second: 1,
        });
        assert_eq!(limiter.peek("u").remaining, 1);
        assert!(limiter.take("u").allowed);
        assert_eq!(limiter.peek("u").remaining, 0);
        limiter.reset();
        assert!(limiter.take("u").allowed);
    }

    #[test]
    fn zero_limits_are_raised_to_one() {
        let limiter = RateLimiter::new(RateLimit {
            burst: 0,
            per_second: 0,
        });
        assert_eq!(
            limiter.limit(),
            RateLimit {
                burst: 1,
                per_second: 1
            }
        );
    }
}
