//! A token bucket per caller, as real APIs have: every credential of a user draws from one
//! bucket; requests without valid credentials share one anonymous bucket (so login attempts are
//! limited too).
//!
//! The vendor chooses what the limit looks like on the wire: which headers every response
//! carries ([`Vendor::RATE_LIMIT_HEADERS`], each saying one [`RateField`]) and the 429 answer
//! ([`Vendor::refuse`] with [`Refusal::TooManyRequests`]). Time comes from
//! `tokio::time::Instant` so tests can refill a bucket on a paused clock.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use tokio::time::Instant;

use crate::pipeline::RequestInfo;
use crate::vendor::{Caller, Refusal, Vendor};

/// The bucket key for requests without valid credentials.
const ANONYMOUS: &str = "";

/// A token bucket: `burst` requests at once, refilled at `per_second` requests per second.
///
/// Zero values are treated as 1 (a bucket that never refills would lock the user out forever).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Bucket capacity.
    pub burst: u32,
    /// Refill rate, in requests per second.
    pub per_second: u32,
}

/// The rate limit of the kit's `--rate-limit-*` flags: generous for normal use, but real.
pub const DEFAULT_RATE_LIMIT: RateLimit = RateLimit {
    burst: 100,
    per_second: 50,
};

/// What one rate-limit header says; vendors name the headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateField {
    /// Whole requests left in the caller's bucket (`X-RateLimit-Remaining`).
    Remaining,
    /// The bucket's capacity (Prisma Cloud's `X-RateLimit-Burst-Capacity`, Datadog's
    /// `X-RateLimit-Limit`).
    Burst,
    /// Requests per second the bucket refills with (`X-RateLimit-Replenish-Rate`).
    PerSecond,
    /// Seconds an empty bucket takes to refill completely (Datadog's `X-RateLimit-Period`).
    Period,
    /// Seconds until the caller's bucket is full again (Datadog's `X-RateLimit-Reset`).
    Reset,
}

/// The outcome of drawing from (or looking at) a bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Decision {
    /// Whether the request may proceed.
    pub(crate) allowed: bool,
    /// Whole requests left in the bucket after this one.
    pub(crate) remaining: u32,
    /// When refused: whole seconds until one request is available again.
    pub(crate) retry_after_secs: u64,
    /// Whole seconds until the bucket is full again.
    pub(crate) reset_secs: u64,
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
            reset_secs: ((burst - bucket.tokens).max(0.0) / rate).ceil() as u64,
        }
    }

    /// The value of `field` after `decision`.
    fn header_value(&self, field: RateField, decision: Decision) -> HeaderValue {
        let RateLimit { burst, per_second } = self.limit;
        match field {
            RateField::Remaining => HeaderValue::from(decision.remaining),
            RateField::Burst => HeaderValue::from(burst),
            RateField::PerSecond => HeaderValue::from(per_second),
            RateField::Period => HeaderValue::from(burst.div_ceil(per_second)),
            RateField::Reset => HeaderValue::from(decision.reset_secs),
        }
    }
}

/// The pipeline step: draws from the caller's bucket (control endpoints only look at it), and
/// puts the vendor's rate-limit headers on the answer.
pub(crate) async fn limit<V: Vendor>(
    State(state): State<V>,
    request: Request,
    next: Next,
) -> Response {
    let Some(limiter) = state.kit().limiter() else {
        return next.run(request).await;
    };
    let info = RequestInfo::of(&request);
    let user = request
        .extensions()
        .get::<Caller>()
        .and_then(Caller::user)
        .cloned();
    let key = user.as_deref().unwrap_or(ANONYMOUS);
    let decision = if info.is_control() {
        limiter.peek(key)
    } else {
        limiter.take(key)
    };
    let mut response = if decision.allowed {
        next.run(request).await
    } else {
        let retry_after_secs = decision.retry_after_secs;
        state.refuse(Refusal::TooManyRequests { retry_after_secs }, &info)
    };
    let headers = response.headers_mut();
    for (name, field) in V::RATE_LIMIT_HEADERS {
        let name = HeaderName::from_static(name);
        headers.insert(name, limiter.header_value(*field, decision));
    }
    response
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
