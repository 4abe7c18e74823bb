//! Creating an integration: nothing lost, nothing duplicated.
//!
//! A POST is not safe to repeat. After an *ambiguous* failure (timeout, connection broken
//! after sending, 5xx) the server may have stored the integration, so before posting again the
//! client looks it up by name and type and adopts it if it is there. After an *unambiguous*
//! failure (429, connection refused, a 401 answered before processing) it simply retries.
//! A duplicate-name answer to a repeated POST also means the earlier one went through: look
//! it up and adopt it. When the budget runs out after an ambiguous failure, one last lookup
//! runs before giving up, so an integration that was stored is returned rather than leaked.
//!
//! The POST answer may be empty or not the object (classic answers 200 with no body): the new
//! integration is then found by listing and matching name and type, a few times if the list
//! lags. Such lookups use the list snapshots of `snapshot.rs`: one list sent after the POST
//! answered serves every concurrent create waiting for one. Tenant (v1) integrations are born enabled, so `enabled = false` is applied afterwards
//! with a PATCH. Once the integration exists, any later failure (even a stop) is reported as
//! [`Error::CreatedIncomplete`] carrying its id, so that nothing is left untracked.
//!
//! A stop (`Client::stop`) that lands while the outcome is unknown (after an ambiguous failure,
//! or after a successful POST but before the new integration was found) takes one last look,
//! a single list call made even though the client is stopped, so that an integration that was
//! stored is returned and recorded rather than left behind. When even the final lookup fails,
//! the error is [`Error::CreateOutcomeUnknown`], naming the integration to look for.

use super::SERVICE;
use reqwest::Method;
use serde_json::Value;

use super::body::{self, Purpose};
use super::client::{Client, secret_values};
use super::messages::Redactions;
use super::model::{Integration, IntegrationRequest};
use super::route::Family;
use super::transport::{Attempt, RequestSpec, Response, Retrier, api_error};
use apiclient::Error;

/// API message for a name that is taken.
const NAME_TAKEN: &str = "integration_name_already_exists";

impl Client {
    /// Creates an integration and returns it as the API reports it.
    ///
    /// If a follow-up step fails after the integration was stored (disabling a v1
    /// integration, reading it back), the error is [`Error::CreatedIncomplete`] with its id.
    pub async fn create(&self, request: &IntegrationRequest) -> Result<Integration, Error> {
        let _writing = self.inner.snapshots.writing();
        let family = self.inner.endpoints.family(Some(&request.integration_type));
        let mut may_exist = false;
        let created = match self.post_until_known(request, family, &mut may_exist).await {
            Err(Error::Stopped { .. }) if may_exist => {
                tracing::debug!("stopped while a create's outcome was unknown; one last look");
                self.last_look(request)
                    .await
                    .ok_or(Error::Stopped { service: SERVICE })?
            }
            other => other?,
        };
        self.finish(created, request, family).await
    }

    /// POSTs (again only when safe) until the integration is known to exist or known not to.
    /// Sets `may_exist` once the server may have stored it.
    async fn post_until_known(
        &self,
        request: &IntegrationRequest,
        family: Family,
        may_exist: &mut bool,
    ) -> Result<Integration, Error> {
        let body = body::integration(request, family, Purpose::Create)?;
        let spec =
            RequestSpec::new(Method::POST, self.inner.endpoints.collection(family)).with_body(body);
        let secrets = secret_values(request);
        let redactions = Redactions(&secrets);
        let mut retrier = Retrier::new(&self.inner.transport, &spec, redactions);
        loop {
            match self.attempt(&spec, &mut retrier).await? {
                Attempt::Done(response) if response.status.is_success() => {
                    *may_exist = true;
                    return self.created_from(&spec, &response, request).await;
                }
                Attempt::Done(response) => {
                    let error =
                        api_error(spec.operation(), &response, retrier.attempts(), redactions);
                    if *may_exist && error.has_message(NAME_TAKEN) {
                        tracing::debug!(
                            "name taken after an ambiguous create failure; looking it up"
                        );
                        if let Some(found) = self.lookup_or_unknown(request).await? {
                            return Ok(found);
                        }
                    }
                    return Err(error);
                }
                Attempt::Retryable(failure) => {
                    let ambiguous = failure.is_ambiguous();
                    *may_exist |= ambiguous;
                    match retrier.pause(failure).await {
                        Ok(()) if ambiguous => {
                            if let Some(found) = self.lookup_or_unknown(request).await? {
                                return Ok(found);
                            }
                        }
                        Ok(()) => {}
                        Err(Error::Stopped { .. }) => {
                            return Err(Error::Stopped { service: SERVICE });
                        }
                        Err(error) if ambiguous => {
                            return match self.lookup_or_unknown(request).await? {
                                Some(found) => Ok(found),
                                None => Err(error),
                            };
                        }
                        Err(error) => return Err(error),
                    }
                }
            }
        }
    }

    /// [`Client::lookup`] after the server may have stored the integration: a failed lookup
    /// leaves the outcome unknown, and says so.
    async fn lookup_or_unknown(
        &self,
        request: &IntegrationRequest,
    ) -> Result<Option<Integration>, Error> {
        match self.lookup(request).await {
            Err(error) if !error.is_stopped() => Err(Error::CreateOutcomeUnknown {
                service: SERVICE,
                name: request.name.clone(),
                integration_type: request.integration_type.clone(),
                source: Box::new(error),
            }),
            other => other,
        }
    }

    /// One list call, made even though the client is stopped, without retries: is the
    /// integration there? `None` when it is not, or when the call fails.
    async fn last_look(&self, request: &IntegrationRequest) -> Option<Integration> {
        let token = self.inner.session.current()?;
        let spec = self.list_spec(Some(&request.integration_type));
        let attempt = self
            .inner
            .transport
            .send_even_if_stopped(&spec, Some(&token.value), 1)
            .await;
        let Ok(Attempt::Done(response)) = attempt else {
            return None;
        };
        if !response.status.is_success() {
            return None;
        }
        let found = self
            .parse_list(&spec, &response, Some(&request.integration_type))
            .ok()?;
        found.into_iter().find(|i| i.name == request.name)
    }

    /// The integration a successful POST created: from its answer when that is the object,
    /// by id when the answer has one, else by name.
    async fn created_from(
        &self,
        spec: &RequestSpec,
        response: &Response,
        request: &IntegrationRequest,
    ) -> Result<Integration, Error> {
        let value = serde_json::from_slice::<Value>(&response.body).ok();
        if let Some(value) = &value {
            if let Ok(created) = Integration::from_json(value) {
                return Ok(created);
            }
            if let Some(id) = value
                .get("id")
                .and_then(Value::as_str)
                .filter(|id| !id.is_empty())
            {
                return self
                    .get(id, Some(&request.integration_type))
                    .await
                    .map_err(|e| incomplete(id, "reading it back", e));
            }
        }
        tracing::debug!(
            path = spec.endpoint.template,
            "create answer is not the integration; finding it by name"
        );
        self.find_created(request)
            .await?
            .ok_or_else(|| Error::CreatedButNotFound {
                service: SERVICE,
                name: request.name.clone(),
                integration_type: request.integration_type.clone(),
            })
    }

    /// Looks up an integration the API said it created, giving a list that lags behind the
    /// store a few chances (with backoff) before concluding it is not there.
    async fn find_created(
        &self,
        request: &IntegrationRequest,
    ) -> Result<Option<Integration>, Error> {
        let transport = &self.inner.transport;
        let mut retry = 0;
        loop {
            if let Some(found) = self.lookup(request).await? {
                return Ok(Some(found));
            }
            if retry >= transport.max_retries {
                return Ok(None);
            }
            let delay = transport.backoff.delay(retry, None, &mut rand::rng());
            transport.sleep(delay).await?;
            retry += 1;
        }
    }

    /// The integration with the request's name and type, if it exists, from a list sent after
    /// this call began (shared with concurrent creates that need one just as new).
    async fn lookup(&self, request: &IntegrationRequest) -> Result<Option<Integration>, Error> {
        let family = self.inner.endpoints.family(Some(&request.integration_type));
        let after = self.inner.snapshots.tick();
        let listing = self.listing(family, after, None).await?;
        Ok(listing.find(&request.name, &request.integration_type))
    }

    /// Applies `enabled = false` to a v1 integration (born enabled) and reads it back.
    async fn finish(
        &self,
        created: Integration,
        request: &IntegrationRequest,
        family: Family,
    ) -> Result<Integration, Error> {
        if family != Family::Tenant || request.enabled || !created.enabled {
            return Ok(created);
        }
        let id = created.id.as_str();
        let spec = RequestSpec::new(Method::PATCH, self.inner.endpoints.item(family, id))
            .with_body(body::enabled(false));
        self.call_ok(&spec, Redactions::default())
            .await
            .map_err(|e| incomplete(id, "disabling it", e))?;
        self.get(id, Some(&request.integration_type))
            .await
            .map_err(|e| incomplete(id, "reading it back", e))
    }
}

/// Even when the follow-up was stopped, the caller must learn the id of what now exists.
fn incomplete(id: &str, step: &'static str, source: Error) -> Error {
    Error::CreatedIncomplete {
        id: id.to_owned(),
        step,
        source: Box::new(source),
    }
}
