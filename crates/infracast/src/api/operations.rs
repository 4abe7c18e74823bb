//! What the client does: list every page, read one (from the list shared by a refresh, or by
//! id), replace, delete, find by name.

use std::sync::Arc;

use apiclient::{
    Error, JsonBody, Listing, Method, Redactions, RequestSpec, StatusCode, parse_json,
};
use integration_engine::api::{Integration, IntegrationRequest};
use secrecy::SecretString;
use serde_json::Value;

use super::client::{Client, Integrations};
use super::wire;

/// Items asked for per page (the API serves at most its own maximum, and says so).
pub const PER_PAGE: u32 = 100;
/// Pages read at most: a list that never ends is an API fault, not a reason to loop forever.
pub const MAX_PAGES: u64 = 10_000;

/// The request's secret values, masked in what is kept of answers.
pub(crate) fn secrets(request: &IntegrationRequest) -> Vec<SecretString> {
    request.secret_values()
}

fn decode(spec: &RequestSpec, detail: String) -> Error {
    apiclient::decode(spec, "an Infracast integration", detail)
}

/// An answer's integration.
pub(crate) fn integration_of(spec: &RequestSpec, body: &[u8]) -> Result<Integration, Error> {
    let value = parse_json(spec, body, "an Infracast integration")?;
    wire::integration(value).map_err(|detail| decode(spec, detail))
}

impl Client {
    fn not_found(&self, id: &str, response: &apiclient::Response) -> Error {
        Error::NotFound {
            service: "Infracast",
            id: id.to_owned(),
            request_id: self
                .inner()
                .api
                .transport
                .vendor()
                .request_id(&response.headers),
        }
    }

    /// Every integration of the tenant as the API lists them, every page read. Items listed
    /// twice (the list moved between pages) are kept once.
    pub async fn list_all(&self) -> Result<Vec<Value>, Error> {
        let mut items: Vec<Value> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut page: u64 = 1;
        loop {
            let query = format!("page={page}&per_page={PER_PAGE}");
            let spec = RequestSpec::new(Method::GET, self.collection(Some(&query)));
            let answer = self
                .inner()
                .api
                .call_ok(&spec, Redactions::default())
                .await?;
            let value = parse_json(&spec, &answer.body, "a page of integrations")?;
            let listed = wire::page(value)
                .map_err(|detail| apiclient::decode(&spec, "a page of integrations", detail))?;
            let empty = listed.items.is_empty();
            for item in listed.items {
                let id = item.get("id").map(Value::to_string);
                if id.is_none_or(|id| seen.insert(id)) {
                    items.push(item);
                }
            }
            if empty || page >= listed.total_pages || page >= MAX_PAGES {
                tracing::debug!(pages = page, items = items.len(), "listed integrations");
                return Ok(items);
            }
            page += 1;
        }
    }

    /// Every integration, or those of one type (the API has no type filter: the client
    /// filters).
    pub async fn list(&self, wire_type: Option<&str>) -> Result<Vec<Integration>, Error> {
        let spec = RequestSpec::new(Method::GET, self.collection(None));
        let mut found = Vec::new();
        for item in self.list_all().await? {
            let integration = wire::integration(item).map_err(|d| decode(&spec, d))?;
            if wire_type.is_none_or(|t| t.eq_ignore_ascii_case(&integration.integration_type)) {
                found.push(integration);
            }
        }
        Ok(found)
    }

    /// One integration, asked of the API now.
    pub async fn get(&self, id: &str) -> Result<Integration, Error> {
        apiclient::check_id(id)?;
        let spec = RequestSpec::new(Method::GET, self.item(id));
        let (answer, attempts) = self.inner().api.call(&spec, Redactions::default()).await?;
        match answer.status {
            StatusCode::NOT_FOUND => Err(self.not_found(id, &answer)),
            s if s.is_success() => integration_of(&spec, &answer.body),
            _ => Err(self
                .inner()
                .api
                .error(&spec, &answer, attempts, Redactions::default())),
        }
    }

    /// Proves the URL, the certificate, the credentials and the tenant work: a sign-in and
    /// the list a refresh then reads from (so the check costs no call a plan would not make).
    pub async fn verify(&self) -> Result<(), Error> {
        self.listing(0).await.map(drop)
    }

    /// A list sent after tick `after`, fetched once for all who wait for one.
    pub(crate) async fn listing(&self, after: u64) -> Result<Arc<Listing>, Error> {
        let inner = self.inner();
        inner
            .snapshots
            .listing(Integrations, after, None, &inner.api.transport, || {
                self.list_all()
            })
            .await
    }

    /// One integration, from the list every read of a refresh shares (one list for all of
    /// them), else by id: an integration missing from the list may be newer than it.
    pub async fn read(&self, id: &str) -> Result<Integration, Error> {
        let inner = self.inner();
        let listing = inner
            .snapshots
            .fresh(Integrations, &inner.api.transport, || self.list_all())
            .await?;
        if let Some(item) = listing.as_ref().and_then(|l| l.item(id)) {
            let spec = RequestSpec::new(Method::GET, self.item(id));
            return wire::integration(item.clone()).map_err(|d| decode(&spec, d));
        }
        self.get(id).await
    }

    /// Replaces the integration (PUT: the whole of it, secrets included).
    pub async fn update(
        &self,
        id: &str,
        request: &IntegrationRequest,
    ) -> Result<Integration, Error> {
        apiclient::check_id(id)?;
        let _writing = self.inner().snapshots.writing();
        let spec = RequestSpec::new(Method::PUT, self.item(id))
            .with_body(JsonBody::new(&wire::body(request)));
        let secrets = secrets(request);
        let redactions = Redactions(&secrets);
        let (answer, attempts) = self.inner().api.call(&spec, redactions).await?;
        match answer.status {
            StatusCode::NOT_FOUND => Err(self.not_found(id, &answer)),
            s if s.is_success() => integration_of(&spec, &answer.body),
            _ => Err(self.inner().api.error(&spec, &answer, attempts, redactions)),
        }
    }

    /// Deletes the integration; one already gone counts as deleted.
    pub async fn delete(&self, id: &str) -> Result<(), Error> {
        apiclient::check_id(id)?;
        let _writing = self.inner().snapshots.writing();
        let spec = RequestSpec::new(Method::DELETE, self.item(id));
        let (answer, attempts) = self.inner().api.call(&spec, Redactions::default()).await?;
        match answer.status {
            StatusCode::NOT_FOUND => {
                tracing::debug!("the integration was already gone");
                Ok(())
            }
            s if s.is_success() => Ok(()),
            _ => Err(self
                .inner()
                .api
                .error(&spec, &answer, attempts, Redactions::default())),
        }
    }

    /// The integration of this type with exactly this name, in a list sent now.
    pub async fn find_by_name(
        &self,
        name: &str,
        wire_type: &str,
    ) -> Result<Option<Integration>, Error> {
        let found = self.list(Some(wire_type)).await?;
        Ok(found.into_iter().find(|i| i.name() == name))
    }
}
