//! The retry budget of one operation.
//!
//! [`Retrier`] counts attempts, sleeps between them (backoff with full jitter, at least what
//! the server asked for) and turns the last failure into the typed error once the budget is
//! spent or the server asks for a longer wait than the client accepts.

use std::time::{Duration, SystemTime};

use reqwest::StatusCode;

use crate::backoff::MAX_RETRY_AFTER;
use crate::{Error, Failure, Redactions, RequestSpec, Response, Transport, Vendor};

/// Counts attempts of one operation and sleeps between them.
pub struct Retrier<'a> {
    transport: &'a Transport,
    operation: String,
    redactions: Redactions<'a>,
    attempts: u32,
}

impl<'a> Retrier<'a> {
    /// A budget for `spec`; `redactions` mask the request's secrets in the final error.
    pub fn new(transport: &'a Transport, spec: &RequestSpec, redactions: Redactions<'a>) -> Self {
        Retrier {
            transport,
            operation: spec.operation(),
            redactions,
            attempts: 0,
        }
    }

    /// Number of the attempt about to be made (1 for the first).
    pub fn next_attempt(&mut self) -> u32 {
        self.attempts += 1;
        self.attempts
    }

    /// Attempts made so far.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The secrets to mask in what is kept of the answers.
    pub fn redactions(&self) -> Redactions<'a> {
        self.redactions
    }

    /// After `failure`: waits before the next attempt, or returns the final error when the
    /// budget is spent or the server asks for a longer wait than the client accepts.
    pub async fn pause(&mut self, failure: Failure) -> Result<(), Error> {
        let transport = self.transport;
        let retries_done = self.attempts.saturating_sub(1);
        let retry_after = failure.retry_after(transport.vendor(), SystemTime::now());
        let too_long = retry_after.filter(|wait| *wait > MAX_RETRY_AFTER);
        if retries_done >= transport.max_retries() || too_long.is_some() {
            return Err(self.final_error(failure, too_long));
        }
        let delay = transport
            .backoff()
            .delay(retries_done, retry_after, &mut rand::rng());
        tracing::debug!(
            operation = %self.operation,
            attempt = self.attempts,
            delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
            "retrying {} API call",
            transport.vendor().service
        );
        transport.sleep(delay).await
    }

    /// The typed error for `failure` as the last attempt.
    pub fn final_error(&self, failure: Failure, retry_after: Option<Duration>) -> Error {
        let operation = self.operation.clone();
        let attempts = self.attempts;
        let vendor = self.transport.vendor();
        match failure {
            Failure::Status(r) if r.status == StatusCode::TOO_MANY_REQUESTS => Error::RateLimited {
                service: vendor.service,
                operation,
                attempts,
                retry_after,
                request_id: vendor.request_id(&r.headers),
            },
            Failure::Status(r) | Failure::Unauthorized(r) => {
                api_error(vendor, operation, &r, attempts, self.redactions)
            }
            Failure::Timeout => Error::Timeout {
                operation,
                attempts,
                timeout: self.transport.timeout(),
            },
            Failure::Connect(detail) | Failure::Broken(detail) => Error::Transport {
                service: vendor.service,
                operation,
                attempts,
                detail,
            },
        }
    }
}

/// [`Error::Api`] for an answer, with the vendor's messages (secrets masked) and request id.
pub fn api_error(
    vendor: &Vendor,
    operation: String,
    response: &Response,
    attempts: u32,
    redactions: Redactions<'_>,
) -> Error {
    Error::Api {
        service: vendor.service,
        operation,
        status: response.status.as_u16(),
        messages: vendor.messages(&response.headers, &response.body, redactions),
        request_id: vendor.request_id(&response.headers),
        attempts,
    }
}
