//! The client itself: construction, `stop`, and the authenticated call with retries and
//! re-login on 401 that every operation goes through. The operations live in
//! `operations.rs` (safe to repeat) and `create.rs` (not safe to repeat).

use super::SERVICE;
use std::fmt;
use std::sync::Arc;

use reqwest::StatusCode;
use secrecy::SecretString;
use tokio_util::sync::CancellationToken;

use super::auth::Session;
use super::backoff::Backoff;
use super::config::ClientConfig;
use super::messages::Redactions;
use super::model::IntegrationRequest;
use super::route::Endpoints;
use super::snapshot::Snapshots;
use super::transport::{Attempt, Failure, RequestSpec, Response, Retrier, Transport, api_error};
use apiclient::Error;

/// A Prisma Cloud integration API client. Cheap to clone; all clones share one session token
/// and one stop switch.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) transport: Transport,
    pub(crate) session: Session,
    pub(crate) endpoints: Endpoints,
    pub(crate) snapshots: Snapshots,
    base_url: String,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client for `config`. Does not contact the API (the first call logs in).
    pub fn new(config: ClientConfig) -> Result<Client, Error> {
        config.validate().map_err(|reason| Error::Config {
            service: SERVICE,
            reason,
        })?;
        let mut builder = reqwest::Client::builder();
        if let Some(pem) = &config.ca_pem {
            let certificates =
                super::config::parse_ca_pem(pem).map_err(|reason| Error::Config {
                    service: SERVICE,
                    reason: format!("the CA certificates are unusable: {reason}"),
                })?;
            builder = builder.tls_certs_merge(certificates);
        }
        let http = builder
            .user_agent(config.user_agent.as_str())
            .timeout(config.request_timeout)
            // Redirects would carry the session header to wherever they point.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| Error::Config {
                service: SERVICE,
                reason: format!("cannot build the HTTP client ({e})"),
            })?;
        let transport = Transport {
            http,
            backoff: Backoff::new(config.backoff_base, config.backoff_cap),
            max_retries: config.max_retries,
            timeout: config.request_timeout,
            cancel: CancellationToken::new(),
        };
        Ok(Client {
            inner: Arc::new(Inner {
                transport,
                session: Session::new(
                    config.username,
                    config.password,
                    config.customer_name,
                    config.token_ttl,
                ),
                endpoints: Endpoints::new(config.base_url.clone(), config.prisma_id),
                snapshots: Snapshots::new(config.list_snapshot_ttl),
                base_url: config.base_url.to_string(),
            }),
        })
    }

    /// Stops this client and all its clones for good: calls waiting to retry, or waiting for
    /// a login, return [`Error::Stopped`] promptly; HTTP requests already sent may finish.
    pub fn stop(&self) {
        self.inner.transport.cancel.cancel();
    }

    /// Sends `spec` with retries; returns the answer and the number of attempts it took.
    pub(crate) async fn call(
        &self,
        spec: &RequestSpec,
        redactions: Redactions<'_>,
    ) -> Result<(Response, u32), Error> {
        let mut retrier = Retrier::new(&self.inner.transport, spec, redactions);
        loop {
            match self.attempt(spec, &mut retrier).await? {
                Attempt::Done(response) => return Ok((response, retrier.attempts())),
                Attempt::Retryable(failure) => retrier.pause(failure).await?,
            }
        }
    }

    /// Like [`Client::call`], but any non-2xx answer is an error.
    pub(crate) async fn call_ok(
        &self,
        spec: &RequestSpec,
        redactions: Redactions<'_>,
    ) -> Result<Response, Error> {
        let (response, attempts) = self.call(spec, redactions).await?;
        if response.status.is_success() {
            Ok(response)
        } else {
            Err(api_error(spec.operation(), &response, attempts, redactions))
        }
    }

    /// One attempt with the session token; on 401 with a token that is still current, logs
    /// in again (single-flight) and repeats the attempt once. A second 401 is a retryable
    /// [`Failure::Unauthorized`]: tokens can expire early more than once in a run, and each
    /// retry logs in again, within the retry budget.
    pub(crate) async fn attempt(
        &self,
        spec: &RequestSpec,
        retrier: &mut Retrier<'_>,
    ) -> Result<Attempt, Error> {
        let inner = &self.inner;
        let token = inner
            .session
            .token(&inner.transport, &inner.endpoints)
            .await?;
        let outcome = inner
            .transport
            .send(spec, Some(&token.value), retrier.next_attempt())
            .await?;
        match outcome {
            Attempt::Done(response) if response.status == StatusCode::UNAUTHORIZED => {
                tracing::debug!(
                    path = spec.endpoint.template,
                    "session token rejected; logging in again"
                );
                inner.session.invalidate(&token);
                let token = inner
                    .session
                    .token(&inner.transport, &inner.endpoints)
                    .await?;
                match inner
                    .transport
                    .send(spec, Some(&token.value), retrier.next_attempt())
                    .await?
                {
                    Attempt::Done(response) if response.status == StatusCode::UNAUTHORIZED => {
                        inner.session.invalidate(&token);
                        Ok(Attempt::Retryable(Failure::Unauthorized(response)))
                    }
                    other => Ok(other),
                }
            }
            other => Ok(other),
        }
    }
}

/// The secret values of a request, to mask in anything kept from its answer.
pub(crate) fn secret_values(request: &IntegrationRequest) -> Vec<SecretString> {
    request.secrets.values().cloned().collect()
}

#[cfg(test)]
mod tests {
    use url::Url;

    use super::*;
    use crate::api::IntegrationRequest;

    fn assert_send<T: Send>(_: &T) {}

    #[test]
    fn operations_are_send_so_they_can_run_in_spawned_tasks() {
        let config = ClientConfig::new(
            Url::parse("http://127.0.0.1:9/").expect("URL"),
            "AK",
            SecretString::from("SK"),
        );
        let client = Client::new(config).expect("valid configuration");
        let request = IntegrationRequest {
            name: "n".into(),
            description: String::new(),
            enabled: true,
            integration_type: "slack".into(),
            config: serde_json::Map::new(),
            secrets: Default::default(),
        };
        assert_send(&client.list(None));
        assert_send(&client.get("i", None));
        assert_send(&client.get_coalesced("i", "slack"));
        assert_send(&client.find_by_name("n", "slack"));
        assert_send(&client.create(&request));
        assert_send(&client.update("i", &request));
        assert_send(&client.delete("i", "slack"));
        assert_send(&client.test(&request));
        let _: &(dyn Fn() + Send + Sync) = &|| client.stop();
    }

    #[test]
    fn unusable_configuration_is_refused() {
        let mut config = ClientConfig::new(
            Url::parse("http://127.0.0.1:9/").expect("URL"),
            "AK",
            SecretString::from("SK"),
        );
        config.token_ttl = std::time::Duration::ZERO;
        let error = Client::new(config).expect_err("zero token lifetime");
        assert!(matches!(error, Error::Config { .. }), "{error:?}");
    }
}
