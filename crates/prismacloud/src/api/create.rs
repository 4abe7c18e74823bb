//! Creating an integration: nothing lost, nothing duplicated.
//!
//! The algorithm is the kit's ([`apiclient::create()`]: POST once, after an ambiguous failure
//! look up by name and type and adopt, a last look on stop). What is Prisma Cloud's is here:
//! the POST of the family that serves the type, what its answer says (the classic family
//! answers 200 with no body, the v1 family the created integration), the lookup in a list of
//! that family sent after the POST (shared by concurrent creates through `snapshot.rs`), the
//! `integration_name_already_exists` message, and the PATCH that applies `enabled = false` to
//! a v1 integration, which is born enabled. Once the integration exists, any later failure
//! (even a stop) is reported as [`Error::CreatedIncomplete`] carrying its id, so that nothing
//! is left untracked.

use apiclient::{Create, Error, Posted, RequestSpec, Response, created_incomplete};
use reqwest::Method;
use secrecy::SecretString;
use serde_json::Value;

use super::body::{self, Purpose};
use super::client::{Client, secret_values};
use super::messages::Redactions;
use super::model::{Integration, IntegrationRequest};
use super::operations::list_spec;
use super::route::{Endpoints, Family};
use super::snapshot::find;

/// API message for a name that is taken.
const NAME_TAKEN: &str = "integration_name_already_exists";

impl Client {
    /// Creates an integration and returns it as the API reports it.
    ///
    /// If a follow-up step fails after the integration was stored (disabling a v1
    /// integration, reading it back), the error is [`Error::CreatedIncomplete`] with its id.
    pub async fn create(&self, request: &IntegrationRequest) -> Result<Integration, Error> {
        let _writing = self.inner.snapshots.writing();
        let endpoints = self.endpoints().await?;
        let family = endpoints.family(Some(&request.integration_type));
        let body = body::integration(request, family, Purpose::Create)?;
        let op = PrismaCreate {
            client: self,
            endpoints,
            request,
            family,
            post: RequestSpec::new(Method::POST, endpoints.collection(family)).with_body(body),
            secrets: secret_values(request),
        };
        let created = apiclient::create(self.api(), &op).await?;
        self.finish(created, request, endpoints, family).await
    }

    /// Applies `enabled = false` to a v1 integration (born enabled) and reads it back.
    async fn finish(
        &self,
        created: Integration,
        request: &IntegrationRequest,
        endpoints: &Endpoints,
        family: Family,
    ) -> Result<Integration, Error> {
        if family != Family::Tenant || request.enabled || !created.enabled {
            return Ok(created);
        }
        let id = created.id.as_str();
        let spec = RequestSpec::new(Method::PATCH, endpoints.item(family, id))
            .with_body(body::enabled(false));
        self.api()
            .call_ok(&spec, Redactions::default())
            .await
            .map_err(|e| created_incomplete(id, "disabling it", e))?;
        self.get(id, Some(&request.integration_type))
            .await
            .map_err(|e| created_incomplete(id, "reading it back", e))
    }
}

/// One create, as the kit's algorithm needs it.
struct PrismaCreate<'a> {
    client: &'a Client,
    endpoints: &'a Endpoints,
    request: &'a IntegrationRequest,
    family: Family,
    post: RequestSpec,
    secrets: Vec<SecretString>,
}

impl Create for PrismaCreate<'_> {
    type Item = Integration;

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

    fn name_taken(&self, error: &Error) -> bool {
        error.has_message(NAME_TAKEN)
    }

    /// From the answer when it is the object, by id when the answer has one, else by name.
    async fn created(&self, response: &Response) -> Result<Posted<Integration>, Error> {
        let Ok(value) = serde_json::from_slice::<Value>(&response.body) else {
            return Ok(Posted::Unidentified);
        };
        if let Ok(created) = Integration::from_json(&value) {
            return Ok(Posted::Item(created));
        }
        match value
            .get("id")
            .and_then(Value::as_str)
            .filter(|id| !id.is_empty())
        {
            Some(id) => self
                .client
                .get(id, Some(&self.request.integration_type))
                .await
                .map(Posted::Item)
                .map_err(|e| created_incomplete(id, "reading it back", e)),
            None => Ok(Posted::Unidentified),
        }
    }

    /// In a list of the family sent after this call began (shared with concurrent creates
    /// that need one just as new).
    async fn lookup(&self) -> Result<Option<Integration>, Error> {
        let after = self.client.inner.snapshots.tick();
        let listing = self.client.listing(self.family, after).await?;
        Ok(find(
            &listing,
            &self.request.name,
            &self.request.integration_type,
        ))
    }

    async fn last_look(&self) -> Option<Integration> {
        let wanted = Some(self.request.integration_type.as_str());
        let spec = list_spec(self.endpoints, wanted);
        let response = self.client.api().last_look(&spec).await?;
        let found = self.client.parse_list(&spec, &response, wanted).ok()?;
        found.into_iter().find(|i| i.name == self.request.name)
    }
}
