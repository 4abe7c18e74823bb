//! A create that neither duplicates nor loses: apiclient's algorithm, told how Infracast
//! answers.
//!
//! After an ambiguous failure (a timeout, a 5xx, a connection broken after sending) the
//! integration may exist: it is looked up by name and type before posting again. Infracast does
//! not say that names are unique, so the lookup adopts only an integration that was not there
//! before this create began: the ids of same-named integrations of the type are noted from a
//! list sent after this client's last write (the one a refresh fetched, when it is recent), so
//! the residual risk is a namesake someone else creates within seconds of this POST.

use std::collections::BTreeSet;

use apiclient::{Create, Error, JsonBody, Method, Posted, Redactions, RequestSpec, Response};
use integration_engine::api::{Integration, IntegrationRequest};
use secrecy::SecretString;
use serde_json::Value;

use super::client::{Client, Integrations};
use super::operations::{integration_of, secrets};
use super::wire;

/// One create.
struct Creation<'a> {
    client: &'a Client,
    request: &'a IntegrationRequest,
    post: RequestSpec,
    secrets: Vec<SecretString>,
    /// Same-named integrations of the type that existed before.
    before: BTreeSet<String>,
}

impl Creation<'_> {
    /// The new integration among `items`, if it is there.
    fn pick(&self, items: &[Value]) -> Option<Integration> {
        items
            .iter()
            .filter_map(|item| wire::integration(item.clone()).ok())
            .find(|i| {
                i.name() == self.request.name()
                    && i.integration_type
                        .eq_ignore_ascii_case(&self.request.integration_type)
                    && !self.before.contains(&i.id)
            })
    }
}

impl Create for Creation<'_> {
    type Item = Integration;

    fn post(&self) -> &RequestSpec {
        &self.post
    }

    fn redactions(&self) -> Redactions<'_> {
        Redactions(&self.secrets)
    }

    fn name(&self) -> &str {
        self.request.name()
    }

    fn item_type(&self) -> &str {
        &self.request.integration_type
    }

    fn name_taken(&self, _error: &Error) -> bool {
        // Infracast documents no unique-name error.
        false
    }

    async fn created(&self, response: &Response) -> Result<Posted<Integration>, Error> {
        match integration_of(&self.post, &response.body) {
            Ok(found) => Ok(Posted::Item(found)),
            Err(_) => Ok(Posted::Unidentified),
        }
    }

    /// In a list sent after the POST's answer (shared with concurrent creates): a list sent
    /// earlier — after the POST began, but by another create or a refresh — may have reached
    /// Infracast before this POST did, and would hide what it stored.
    async fn lookup(&self) -> Result<Option<Integration>, Error> {
        let after = self.client.inner().snapshots.tick();
        let listing = self.client.listing(after).await?;
        Ok(self.pick(listing.items()))
    }

    async fn last_look(&self) -> Option<Integration> {
        // One page, as many as the API serves: enough to find a new integration in all but
        // the largest tenants (which then get CreateOutcomeUnknown, naming what to look for).
        let spec = RequestSpec::new(
            Method::GET,
            self.client.collection(Some("page=1&per_page=100")),
        );
        let answer = self.client.inner().api.last_look(&spec).await?;
        let value: Value = serde_json::from_slice(&answer.body).ok()?;
        let page = wire::page(value).ok()?;
        self.pick(&page.items)
    }
}

impl Client {
    /// Creates an integration and returns it as the API reports it.
    pub async fn create(&self, request: &IntegrationRequest) -> Result<Integration, Error> {
        let inner = self.inner();
        // What exists before the POST: a list sent after this client's last write (the one a
        // refresh fetched, when it is recent enough), else a new one.
        let fresh = inner
            .snapshots
            .fresh(Integrations, &inner.api.transport, || self.list_all())
            .await?;
        let items = match fresh {
            Some(listing) => listing.items().to_vec(),
            None => self.list_all().await?,
        };
        let before = items
            .into_iter()
            .filter_map(|item| wire::integration(item).ok())
            .filter(|i| {
                i.name() == request.name()
                    && i.integration_type
                        .eq_ignore_ascii_case(&request.integration_type)
            })
            .map(|i| i.id)
            .collect();
        let _writing = inner.snapshots.writing();
        let creation = Creation {
            client: self,
            request,
            post: RequestSpec::new(Method::POST, self.collection(None))
                .with_body(JsonBody::new(&wire::body(request))),
            secrets: secrets(request),
            before,
        };
        apiclient::create(&inner.api, &creation).await
    }
}
