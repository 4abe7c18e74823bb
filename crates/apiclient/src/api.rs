//! [`Api`]: a transport plus an authentication, the one path every call of a client takes.

use crate::{
    Attempt, AuthHeaders, Authorize, Error, Redactions, RequestSpec, Response, Retrier, Transport,
    api_error,
};

/// A vendor's API as a client calls it: retries, backoff, authentication, stop.
///
/// `A` is [`AuthHeaders`] for static API keys, or a [`Session`](crate::Session) for vendors
/// that log in.
pub struct Api<A> {
    /// The transport (vendor, HTTP client, budget, stop switch).
    pub transport: Transport,
    /// How attempts are authenticated.
    pub auth: A,
}

impl<A: Authorize> Api<A> {
    /// An API over `transport`, authenticated by `auth`.
    pub fn new(transport: Transport, auth: A) -> Api<A> {
        Api { transport, auth }
    }

    /// Stops every call of this API for good (see [`Transport::stop`]).
    pub fn stop(&self) {
        self.transport.stop();
    }

    /// A retry budget for `spec`.
    pub fn retrier<'a>(&'a self, spec: &RequestSpec, redactions: Redactions<'a>) -> Retrier<'a> {
        Retrier::new(&self.transport, spec, redactions)
    }

    /// One authenticated attempt, counted by `retrier`.
    pub async fn attempt(
        &self,
        spec: &RequestSpec,
        retrier: &mut Retrier<'_>,
    ) -> Result<Attempt, Error> {
        self.auth.attempt(&self.transport, spec, retrier).await
    }

    /// Sends `spec` with retries; returns the answer and the number of attempts it took.
    /// Only for requests that are safe to repeat (see [`create`](crate::create())).
    pub async fn call(
        &self,
        spec: &RequestSpec,
        redactions: Redactions<'_>,
    ) -> Result<(Response, u32), Error> {
        let mut retrier = self.retrier(spec, redactions);
        loop {
            match self.attempt(spec, &mut retrier).await? {
                Attempt::Done(response) => return Ok((response, retrier.attempts())),
                Attempt::Retryable(failure) => retrier.pause(failure).await?,
            }
        }
    }

    /// Like [`Api::call`], but any non-2xx answer is an error.
    pub async fn call_ok(
        &self,
        spec: &RequestSpec,
        redactions: Redactions<'_>,
    ) -> Result<Response, Error> {
        let (response, attempts) = self.call(spec, redactions).await?;
        if response.status.is_success() {
            Ok(response)
        } else {
            Err(self.error(spec, &response, attempts, redactions))
        }
    }

    /// [`Error::Api`] for an answer to `spec`.
    pub fn error(
        &self,
        spec: &RequestSpec,
        response: &Response,
        attempts: u32,
        redactions: Redactions<'_>,
    ) -> Error {
        api_error(
            self.transport.vendor(),
            spec.operation(),
            response,
            attempts,
            redactions,
        )
    }

    /// One attempt made even though the API is stopped, without retries and without logging
    /// in: the successful answer, or `None`. For the last look of a create whose outcome is
    /// unknown (bounded by the per-attempt timeout).
    pub async fn last_look(&self, spec: &RequestSpec) -> Option<Response> {
        let auth: AuthHeaders = self.auth.current()?;
        match self.transport.send_even_if_stopped(spec, &auth, 1).await {
            Ok(Attempt::Done(response)) if response.status.is_success() => Some(response),
            _ => None,
        }
    }
}
