//! One HTTP attempt, and the waits between attempts.
//!
//! [`Transport::send`] makes exactly one attempt and sorts the result into a finished answer
//! or a retryable [`Failure`]. A server certificate that does not verify is neither: no retry
//! can make it trusted, so it ends the call at once with [`Error::TlsUntrusted`]. Waits are
//! cancellable by [`Transport::stop`], which every clone of a client shares.

use std::time::Duration;

use reqwest::header;
use tokio_util::sync::CancellationToken;

use crate::attempt::is_retryable_status;
use crate::backoff::Backoff;
use crate::config::TransportConfig;
use crate::{Attempt, AuthHeaders, Error, Failure, RequestSpec, Response, Vendor};

/// Sends requests and waits between attempts.
#[derive(Debug, Clone)]
pub struct Transport {
    http: reqwest::Client,
    vendor: Vendor,
    backoff: Backoff,
    max_retries: u32,
    timeout: Duration,
    cancel: CancellationToken,
}

impl Transport {
    /// A transport speaking to `vendor`'s API with `config`.
    pub fn new(vendor: Vendor, config: &TransportConfig) -> Result<Transport, Error> {
        Ok(Transport {
            http: config.http_client(&vendor)?,
            vendor,
            backoff: Backoff::new(config.backoff_base, config.backoff_cap),
            max_retries: config.max_retries,
            timeout: config.request_timeout,
            cancel: CancellationToken::new(),
        })
    }

    /// The vendor this transport speaks to.
    pub fn vendor(&self) -> &Vendor {
        &self.vendor
    }

    /// The backoff between attempts.
    pub fn backoff(&self) -> &Backoff {
        &self.backoff
    }

    /// Retries allowed after the first attempt.
    pub fn max_retries(&self) -> u32 {
        self.max_retries
    }

    /// The per-attempt timeout.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// [`Error::Stopped`] for this vendor.
    pub fn stopped_error(&self) -> Error {
        Error::Stopped {
            service: self.vendor.service,
        }
    }

    /// Stops this transport and every clone for good: waits end with [`Error::Stopped`] and no
    /// new attempt starts (but [`Transport::send_even_if_stopped`]); requests already sent may
    /// finish.
    pub fn stop(&self) {
        self.cancel.cancel();
    }

    /// True once [`Transport::stop`] was called.
    pub fn is_stopped(&self) -> bool {
        self.cancel.is_cancelled()
    }

    /// Completes when [`Transport::stop`] is called: to wait for something else unless stopped.
    pub async fn stopped(&self) {
        self.cancel.cancelled().await;
    }

    /// One attempt, authenticated with `auth`.
    pub async fn send(
        &self,
        spec: &RequestSpec,
        auth: &AuthHeaders,
        attempt: u32,
    ) -> Result<Attempt, Error> {
        if self.is_stopped() {
            return Err(self.stopped_error());
        }
        self.send_even_if_stopped(spec, auth, attempt).await
    }

    /// One attempt, even after [`Transport::stop`]: only for the one call that finds out
    /// whether a create went through (bounded by the per-attempt timeout).
    pub async fn send_even_if_stopped(
        &self,
        spec: &RequestSpec,
        auth: &AuthHeaders,
        attempt: u32,
    ) -> Result<Attempt, Error> {
        let mut request = self
            .http
            .request(spec.method.clone(), spec.endpoint.url.clone())
            .header(header::ACCEPT, "application/json");
        for (name, value) in auth.iter() {
            request = request.header(name, value);
        }
        if let Some(body) = &spec.body {
            request = request
                .header(header::CONTENT_TYPE, "application/json")
                .body(body.bytes());
        }
        let result = match request.send().await {
            Ok(response) => {
                let status = response.status();
                let headers = response.headers().clone();
                response.bytes().await.map(|body| Response {
                    status,
                    headers,
                    body: body.to_vec(),
                })
            }
            Err(e) => Err(e),
        };
        let outcome = match result {
            Ok(response) if is_retryable_status(response.status) => {
                Attempt::Retryable(Failure::Status(response))
            }
            Ok(response) => Attempt::Done(response),
            Err(e) if is_untrusted_certificate(&e) => {
                log_attempt(
                    &self.vendor,
                    spec,
                    attempt,
                    None,
                    Some("certificate not trusted"),
                );
                return Err(Error::TlsUntrusted {
                    service: self.vendor.service,
                    operation: spec.operation(),
                    detail: describe(&e),
                });
            }
            // Before timeouts: a connect timeout still means nothing was sent.
            Err(e) if e.is_connect() => Attempt::Retryable(Failure::Connect(describe(&e))),
            Err(e) if e.is_timeout() => Attempt::Retryable(Failure::Timeout),
            Err(e) => Attempt::Retryable(Failure::Broken(describe(&e))),
        };
        let (response, failure) = match &outcome {
            Attempt::Done(r)
            | Attempt::Retryable(Failure::Status(r))
            | Attempt::Retryable(Failure::Unauthorized(r)) => (Some(r), None),
            Attempt::Retryable(Failure::Timeout) => (None, Some("timeout")),
            Attempt::Retryable(Failure::Connect(_)) => (None, Some("connect failed")),
            Attempt::Retryable(Failure::Broken(_)) => (None, Some("connection broken")),
        };
        log_attempt(&self.vendor, spec, attempt, response, failure);
        Ok(outcome)
    }

    /// Sleeps `delay`; [`Error::Stopped`] at once if the transport is stopped meanwhile.
    pub async fn sleep(&self, delay: Duration) -> Result<(), Error> {
        tokio::select! {
            () = self.cancel.cancelled() => Err(self.stopped_error()),
            () = tokio::time::sleep(delay) => Ok(()),
        }
    }
}

fn log_attempt(
    vendor: &Vendor,
    spec: &RequestSpec,
    attempt: u32,
    response: Option<&Response>,
    failure: Option<&str>,
) {
    tracing::debug!(
        method = %spec.method,
        path = spec.endpoint.template,
        status = response.map(|r| r.status.as_u16()),
        attempt,
        request_id = response.and_then(|r| vendor.request_id(&r.headers)),
        failure,
        "{} API call",
        vendor.service
    );
}

/// True when the server's certificate did not verify (unknown issuer, expired, wrong name...).
///
/// rustls reports it inside the `io::Error`s of the handshake (nested: hyper wraps the one
/// tokio-rustls made), whose `source()` skips the error they wrap, so each `io::Error` of the
/// chain is opened instead.
fn is_untrusted_certificate(error: &reqwest::Error) -> bool {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = current {
        if matches!(
            e.downcast_ref::<rustls::Error>(),
            Some(rustls::Error::InvalidCertificate(_))
        ) {
            return true;
        }
        current = match e.downcast_ref::<std::io::Error>() {
            Some(io) => io
                .get_ref()
                .map(|inner| inner as &(dyn std::error::Error + 'static)),
            None => e.source(),
        };
    }
    false
}

/// The error chain of a transport failure, without the URL.
fn describe(error: &reqwest::Error) -> String {
    let mut parts = Vec::new();
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = current {
        let text = match e.downcast_ref::<reqwest::Error>() {
            Some(r) => r
                .to_string()
                .split(" for url (")
                .next()
                .unwrap_or_default()
                .to_owned(),
            None => e.to_string(),
        };
        if !text.is_empty() && parts.last() != Some(&text) {
            parts.push(text);
        }
        current = e.source();
    }
    parts.join(": ")
}
