//! Creating a configuration: nothing lost, nothing duplicated.
//!
//! The algorithm is the kit's ([`apiclient::create()`]: POST once; after an ambiguous failure,
//! look the configuration up by name and type and adopt it; a last look on stop). What is
//! Datadog's is here: the POST answers 200 with the item; the lookup reads a list sent after
//! the call began (shared with concurrent creates); and, since the create takes no `enabled`,
//! a configuration that must be disabled gets a PATCH right after. Once it exists, a failure of
//! that PATCH (even a stop) is [`Error::CreatedIncomplete`] carrying its id, so the caller
//! records it rather than leaving it behind.

use apiclient::{
    Create, Error, JsonBody, Method, Posted, Redactions, RequestSpec, Response, created_incomplete,
};
use secrecy::SecretString;

use super::client::Client;
use super::model::{SyncConfig, SyncRequest, decode_one, disable_body};
use super::operations::{list_items, one};
use super::snapshot::find;

impl Client {
    /// Creates a configuration and returns it as the API reports it, disabled if asked.
    pub async fn create(&self, request: &SyncRequest) -> Result<SyncConfig, Error> {
        let _writing = self.inner.snapshots.writing();
        let op = DatadogCreate {
            client: self,
            request,
            post: RequestSpec::new(Method::POST, self.collection(None))
                .with_body(JsonBody::new(&request.create_body())),
            secrets: request.secret_values(),
        };
        let created = apiclient::create(self.api(), &op).await?;
        if request.enabled || created.enabled() == Some(false) {
            return Ok(created);
        }
        self.disable(&created)
            .await
            .map_err(|e| created_incomplete(&created.id, "disabling it", e))
    }

    /// The PATCH that disables `created` (safe to repeat).
    async fn disable(&self, created: &SyncConfig) -> Result<SyncConfig, Error> {
        let spec = RequestSpec::new(Method::PATCH, self.item(&created.id))
            .with_body(JsonBody::new(&disable_body(&created.integration_type)));
        let response = self.api().call_ok(&spec, Redactions::default()).await?;
        one(&spec, &response)
    }
}

/// One create, as the kit's algorithm needs it.
struct DatadogCreate<'a> {
    client: &'a Client,
    request: &'a SyncRequest,
    post: RequestSpec,
    secrets: Vec<SecretString>,
}

impl Create for DatadogCreate<'_> {
    type Item = SyncConfig;

    fn post(&self) -> &RequestSpec {
        &self.post
    }

    fn redactions(&self) -> Redactions<'_> {
        Redactions(&self.secrets)
    }

    fn name(&self) -> &str {
        &self.request.name
    }

    fn item_type(&self) -> &str {
        &self.request.integration_type
    }

    /// The API documents no "name taken" answer (names need not be unique); a 409 would be
    /// one.
    fn name_taken(&self, error: &Error) -> bool {
        error.status() == Some(409)
    }

    /// The answer is the item; one that is not is found by name.
    async fn created(&self, response: &Response) -> Result<Posted<SyncConfig>, Error> {
        let item = serde_json::from_slice(&response.body)
            .ok()
            .and_then(|json| decode_one(&json).ok());
        Ok(item.map_or(Posted::Unidentified, Posted::Item))
    }

    async fn lookup(&self) -> Result<Option<SyncConfig>, Error> {
        let after = self.client.inner.snapshots.tick();
        let listing = self.client.listing(after).await?;
        let (name, wanted) = (&self.request.name, &self.request.integration_type);
        Ok(find(listing.items(), name, wanted))
    }

    async fn last_look(&self) -> Option<SyncConfig> {
        let wanted = Some(self.request.integration_type.as_str());
        let spec = RequestSpec::new(Method::GET, self.client.collection(wanted));
        let response = self.client.api().last_look(&spec).await?;
        let items = list_items(&spec, &response).ok()?;
        find(&items, &self.request.name, &self.request.integration_type)
    }
}
