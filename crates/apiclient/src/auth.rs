//! Authenticating an attempt: with static headers, or with a session token that is renewed,
//! and replaced by a new login when the server refuses it.

use std::future::Future;

use reqwest::StatusCode;

use crate::session::{Login, Session};
use crate::{Attempt, AuthHeaders, Error, Failure, RequestSpec, Retrier, Transport};

/// How a client authenticates its attempts.
pub trait Authorize: Send + Sync {
    /// One attempt of `spec`, authenticated, counted by `retrier`.
    fn attempt(
        &self,
        transport: &Transport,
        spec: &RequestSpec,
        retrier: &mut Retrier<'_>,
    ) -> impl Future<Output = Result<Attempt, Error>> + Send;

    /// The headers to use without logging in: for the one call a stopped client still makes
    /// (a create's last look). `None` when there is no valid token.
    fn current(&self) -> Option<AuthHeaders>;
}

/// Static credentials (API keys): every attempt sends the same headers.
impl Authorize for AuthHeaders {
    async fn attempt(
        &self,
        transport: &Transport,
        spec: &RequestSpec,
        retrier: &mut Retrier<'_>,
    ) -> Result<Attempt, Error> {
        transport.send(spec, self, retrier.next_attempt()).await
    }

    fn current(&self) -> Option<AuthHeaders> {
        Some(self.clone())
    }
}

/// A session token. On 401 with a token that is still current, logs in again (single-flight)
/// and repeats the attempt once. A second 401 is a retryable [`Failure::Unauthorized`]: tokens
/// can expire early more than once in a run, and each retry logs in again, within the retry
/// budget.
impl<L: Login> Authorize for Session<L> {
    async fn attempt(
        &self,
        transport: &Transport,
        spec: &RequestSpec,
        retrier: &mut Retrier<'_>,
    ) -> Result<Attempt, Error> {
        let token = self.token(transport).await?;
        let outcome = transport
            .send(spec, token.headers(), retrier.next_attempt())
            .await?;
        match outcome {
            Attempt::Done(response) if response.status == StatusCode::UNAUTHORIZED => {
                tracing::debug!(
                    path = spec.endpoint.template,
                    "session token rejected; logging in again"
                );
                self.invalidate(&token);
                let token = self.token(transport).await?;
                match transport
                    .send(spec, token.headers(), retrier.next_attempt())
                    .await?
                {
                    Attempt::Done(response) if response.status == StatusCode::UNAUTHORIZED => {
                        self.invalidate(&token);
                        Ok(Attempt::Retryable(Failure::Unauthorized(response)))
                    }
                    other => Ok(other),
                }
            }
            other => Ok(other),
        }
    }

    fn current(&self) -> Option<AuthHeaders> {
        Session::current(self).map(|token| token.headers().clone())
    }
}
