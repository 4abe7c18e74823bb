//! One HTTP attempt, and what to do when it fails.
//!
//! [`Transport::send`] makes exactly one attempt and sorts the result into a finished answer
//! or a retryable failure (429, 500, 502, 503, 504, timeout, connection failure).
//! [`Retrier`] counts attempts, sleeps between them (cancellable by `Client::stop`) and turns
//! the last failure into the typed error once the budget is spent. Whether a failure is
//! *ambiguous* (the server may have acted on the request) matters only to create, which
//! decides itself what to do about it.

use super::SERVICE;
use std::time::{Duration, SystemTime};

use reqwest::header::{self, HeaderMap, HeaderValue};
use reqwest::{Method, StatusCode};
use secrecy::{ExposeSecret, SecretString};
use tokio_util::sync::CancellationToken;

use super::backoff::{Backoff, MAX_RETRY_AFTER, parse_retry_after};
use super::body::JsonBody;
use super::messages::{self, Redactions};
use super::route::Endpoint;
use apiclient::Error;

const AUTH_HEADER: &str = "x-redlock-auth";

/// A request, ready to be sent as often as needed.
#[derive(Debug, Clone)]
pub(crate) struct RequestSpec {
    pub(crate) method: Method,
    pub(crate) endpoint: Endpoint,
    pub(crate) body: Option<JsonBody>,
}

impl RequestSpec {
    pub(crate) fn new(method: Method, endpoint: Endpoint) -> Self {
        RequestSpec {
            method,
            endpoint,
            body: None,
        }
    }

    pub(crate) fn with_body(mut self, body: JsonBody) -> Self {
        self.body = Some(body);
        self
    }

    /// `METHOD /path/{template}`, for logs and errors.
    pub(crate) fn operation(&self) -> String {
        format!("{} {}", self.method, self.endpoint.template)
    }
}

/// A complete answer. `Debug` shows the status and the body's length, never the body.
pub(crate) struct Response {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Vec<u8>,
}

impl std::fmt::Debug for Response {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Response")
            .field("status", &self.status)
            .field("request_id", &self.request_id())
            .field("body_len", &self.body.len())
            .finish_non_exhaustive()
    }
}

impl Response {
    pub(crate) fn request_id(&self) -> Option<String> {
        messages::request_id(&self.headers)
    }
}

/// How an attempt ended.
#[derive(Debug)]
pub(crate) enum Attempt {
    /// An answer the caller interprets (any status but the retryable ones).
    Done(Response),
    /// A failure worth another attempt.
    Retryable(Failure),
}

/// A retryable failure.
#[derive(Debug)]
pub(crate) enum Failure {
    /// 429 or a retryable 5xx.
    Status(Response),
    /// No answer within the per-attempt timeout.
    Timeout,
    /// The connection could not be opened: the request was certainly not sent.
    Connect(String),
    /// The connection broke after the request may have been sent.
    Broken(String),
    /// 401 even with a token obtained just before: the token was refused before the request
    /// was acted on (it expired early, or was revoked). Another attempt logs in again.
    Unauthorized(Response),
}

impl Failure {
    /// True when the server may have acted on the request anyway.
    pub(crate) fn is_ambiguous(&self) -> bool {
        match self {
            Failure::Status(r) => r.status != StatusCode::TOO_MANY_REQUESTS,
            Failure::Timeout | Failure::Broken(_) => true,
            Failure::Connect(_) | Failure::Unauthorized(_) => false,
        }
    }

    fn retry_after(&self, now: SystemTime) -> Option<Duration> {
        match self {
            Failure::Status(r) => r
                .headers
                .get(header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| parse_retry_after(v, now)),
            _ => None,
        }
    }
}

/// Statuses worth retrying.
pub(crate) fn is_retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 429 | 500 | 502 | 503 | 504)
}

/// Sends requests and waits between attempts.
#[derive(Debug, Clone)]
pub(crate) struct Transport {
    pub(crate) http: reqwest::Client,
    pub(crate) backoff: Backoff,
    pub(crate) max_retries: u32,
    pub(crate) timeout: Duration,
    pub(crate) cancel: CancellationToken,
}

impl Transport {
    /// One attempt, with `token` in `x-redlock-auth` when given.
    pub(crate) async fn send(
        &self,
        spec: &RequestSpec,
        token: Option<&SecretString>,
        attempt: u32,
    ) -> Result<Attempt, Error> {
        if self.cancel.is_cancelled() {
            return Err(Error::Stopped { service: SERVICE });
        }
        self.send_even_if_stopped(spec, token, attempt).await
    }

    /// One attempt, even after `Client::stop`: only for the one call that finds out whether
    /// a create went through (bounded by the per-attempt timeout).
    pub(crate) async fn send_even_if_stopped(
        &self,
        spec: &RequestSpec,
        token: Option<&SecretString>,
        attempt: u32,
    ) -> Result<Attempt, Error> {
        let mut request = self
            .http
            .request(spec.method.clone(), spec.endpoint.url.clone())
            .header(header::ACCEPT, "application/json");
        if let Some(token) = token {
            // Login checks this already; a token that slipped through is a decode failure.
            let mut value =
                HeaderValue::from_str(token.expose_secret()).map_err(|_| Error::Decode {
                    operation: spec.operation(),
                    expected: "a session token usable as a header value",
                    detail: "the token has characters not allowed in a header".into(),
                })?;
            value.set_sensitive(true);
            request = request.header(AUTH_HEADER, value);
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
            // Before timeouts: a connect timeout still means nothing was sent.
            Err(e) if e.is_connect() => Attempt::Retryable(Failure::Connect(describe(&e))),
            Err(e) if e.is_timeout() => Attempt::Retryable(Failure::Timeout),
            Err(e) => Attempt::Retryable(Failure::Broken(describe(&e))),
        };
        log_attempt(spec, attempt, &outcome);
        Ok(outcome)
    }
}

impl Transport {
    /// Sleeps `delay`; [`Error::Stopped`] at once if the client is stopped meanwhile.
    pub(crate) async fn sleep(&self, delay: Duration) -> Result<(), Error> {
        tokio::select! {
            () = self.cancel.cancelled() => Err(Error::Stopped { service: SERVICE }),
            () = tokio::time::sleep(delay) => Ok(()),
        }
    }
}

fn log_attempt(spec: &RequestSpec, attempt: u32, outcome: &Attempt) {
    let (status, request_id, failure) = match outcome {
        Attempt::Done(r)
        | Attempt::Retryable(Failure::Status(r))
        | Attempt::Retryable(Failure::Unauthorized(r)) => {
            (Some(r.status.as_u16()), r.request_id(), None)
        }
        Attempt::Retryable(Failure::Timeout) => (None, None, Some("timeout")),
        Attempt::Retryable(Failure::Connect(_)) => (None, None, Some("connect failed")),
        Attempt::Retryable(Failure::Broken(_)) => (None, None, Some("connection broken")),
    };
    tracing::debug!(
        method = %spec.method,
        path = spec.endpoint.template,
        status,
        attempt,
        request_id,
        failure,
        "Prisma Cloud API call"
    );
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

/// Counts attempts of one operation and sleeps between them.
pub(crate) struct Retrier<'a> {
    transport: &'a Transport,
    operation: String,
    redactions: Redactions<'a>,
    attempts: u32,
}

impl<'a> Retrier<'a> {
    pub(crate) fn new(
        transport: &'a Transport,
        spec: &RequestSpec,
        redactions: Redactions<'a>,
    ) -> Self {
        Retrier {
            transport,
            operation: spec.operation(),
            redactions,
            attempts: 0,
        }
    }

    /// Number of the attempt about to be made (1 for the first).
    pub(crate) fn next_attempt(&mut self) -> u32 {
        self.attempts += 1;
        self.attempts
    }

    /// Attempts made so far.
    pub(crate) fn attempts(&self) -> u32 {
        self.attempts
    }

    /// After `failure`: waits before the next attempt, or returns the final error when the
    /// budget is spent or the server asks for a longer wait than the client accepts.
    pub(crate) async fn pause(&mut self, failure: Failure) -> Result<(), Error> {
        let retries_done = self.attempts.saturating_sub(1);
        let retry_after = failure.retry_after(SystemTime::now());
        let too_long = retry_after.filter(|wait| *wait > MAX_RETRY_AFTER);
        if retries_done >= self.transport.max_retries || too_long.is_some() {
            return Err(self.final_error(failure, too_long));
        }
        let delay = self
            .transport
            .backoff
            .delay(retries_done, retry_after, &mut rand::rng());
        tracing::debug!(
            operation = %self.operation,
            attempt = self.attempts,
            delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
            "retrying Prisma Cloud API call"
        );
        self.transport.sleep(delay).await
    }

    /// The typed error for `failure` as the last attempt.
    pub(crate) fn final_error(&self, failure: Failure, retry_after: Option<Duration>) -> Error {
        let operation = self.operation.clone();
        let attempts = self.attempts;
        match failure {
            Failure::Status(r) if r.status == StatusCode::TOO_MANY_REQUESTS => Error::RateLimited {
                service: SERVICE,
                operation,
                attempts,
                retry_after,
                request_id: r.request_id(),
            },
            Failure::Status(r) | Failure::Unauthorized(r) => {
                api_error(operation, &r, attempts, self.redactions)
            }
            Failure::Timeout => Error::Timeout {
                operation,
                attempts,
                timeout: self.transport.timeout,
            },
            Failure::Connect(detail) | Failure::Broken(detail) => Error::Transport {
                service: SERVICE,
                operation,
                attempts,
                detail,
            },
        }
    }
}

/// [`Error::Api`] for an answer.
pub(crate) fn api_error(
    operation: String,
    response: &Response,
    attempts: u32,
    redactions: Redactions<'_>,
) -> Error {
    Error::Api {
        service: SERVICE,
        operation,
        status: response.status.as_u16(),
        messages: messages::parse(&response.headers, &response.body, redactions),
        request_id: response.request_id(),
        attempts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16) -> Response {
        Response {
            status: StatusCode::from_u16(status).expect("valid status"),
            headers: HeaderMap::new(),
            body: Vec::new(),
        }
    }

    #[test]
    fn debug_of_an_answer_never_shows_its_body() {
        let mut response = answer(400);
        response.body = b"{\"subject\":\"echoed-secret-value\"}".to_vec();
        let text = format!("{:?}", Failure::Status(response));
        assert!(!text.contains("echoed-secret-value"), "{text}");
        assert!(text.contains("400"), "{text}");
    }

    #[test]
    fn retryable_statuses() {
        for status in [429, 500, 502, 503, 504] {
            assert!(
                is_retryable_status(StatusCode::from_u16(status).expect("valid")),
                "{status}"
            );
        }
        for status in [200, 201, 204, 400, 401, 403, 404, 409, 501, 505] {
            assert!(
                !is_retryable_status(StatusCode::from_u16(status).expect("valid")),
                "{status}"
            );
        }
    }

    #[test]
    fn only_unambiguous_failures_prove_the_request_was_not_acted_on() {
        assert!(!Failure::Status(answer(429)).is_ambiguous());
        assert!(!Failure::Connect("refused".into()).is_ambiguous());
        assert!(Failure::Status(answer(500)).is_ambiguous());
        assert!(Failure::Status(answer(503)).is_ambiguous());
        assert!(Failure::Timeout.is_ambiguous());
        assert!(Failure::Broken("reset".into()).is_ambiguous());
    }

    #[test]
    fn retry_after_is_read_from_status_failures_only() {
        let mut limited = answer(429);
        limited
            .headers
            .insert(header::RETRY_AFTER, HeaderValue::from_static("7"));
        let now = SystemTime::now();
        assert_eq!(
            Failure::Status(limited).retry_after(now),
            Some(Duration::from_secs(7))
        );
        assert_eq!(Failure::Status(answer(503)).retry_after(now), None);
        assert_eq!(Failure::Timeout.retry_after(now), None);
    }
}
