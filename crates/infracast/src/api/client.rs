//! [`Client`]: one session, one transport and the list snapshot, shared by every clone.

use std::fmt;
use std::sync::Arc;

use apiclient::{
    Api, DEFAULT_LIST_SNAPSHOT_TTL, Endpoint, Error, Session, Snapshots, TokenHeader, Transport,
    TransportConfig,
};
use serde_json::Value;
use url::Url;

use super::login::InfracastLogin;
use super::vendor::INFRACAST;
use super::{ClientConfig, DEFAULT_TOKEN_LIFETIME};

/// Where a tenant's integrations live, as logs and errors name it.
pub(crate) const INTEGRATIONS: &str = "/api/v1/tenants/{tenant}/integrations";
/// One integration, as logs and errors name it.
pub(crate) const INTEGRATION: &str = "/api/v1/tenants/{tenant}/integrations/{id}";

/// The key of the one collection the client lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Integrations;

/// The Infracast integrations API of one tenant. Cheap to clone; clones share the session.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub api: Api<Session<InfracastLogin>>,
    /// `…/api/v1/tenants/<tenant>/integrations`.
    pub collection: Url,
    pub snapshots: Snapshots<Integrations>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("collection", &self.inner.collection.as_str())
            .finish_non_exhaustive()
    }
}

fn id_of(item: &Value) -> Option<String> {
    match item.get("id")? {
        Value::String(id) => Some(id.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

impl Client {
    /// A client for `config`; signs in at its first call.
    pub fn new(config: ClientConfig) -> Result<Client, Error> {
        let mut transport = TransportConfig::new(config.user_agent.clone());
        transport.request_timeout = config.request_timeout;
        transport.max_retries = config.max_retries;
        transport.ca_pem = config.ca_pem.clone();
        let transport = Transport::new(INFRACAST, &transport)?;
        // A base URL with a path (a self-hosted installation under a prefix) keeps it.
        let mut base = config.url.clone();
        if !base.path().ends_with('/') {
            base.set_path(&format!("{}/", base.path()));
        }
        let mut collection = base.clone();
        collection
            .path_segments_mut()
            .map_err(|()| Error::Config {
                service: INFRACAST.service,
                reason: format!("{} cannot be a base URL", config.url),
            })?
            .pop_if_empty()
            .extend(["api", "v1", "tenants", &config.tenant, "integrations"]);
        let login = InfracastLogin::new(base, config.username, config.password);
        let session = Session::new(login, TokenHeader::BEARER, DEFAULT_TOKEN_LIFETIME);
        Ok(Client {
            inner: Arc::new(Inner {
                api: Api::new(transport, session),
                collection,
                snapshots: Snapshots::new(DEFAULT_LIST_SNAPSHOT_TTL, id_of),
            }),
        })
    }

    /// Stops this client and its clones: waiting calls end with `Error::Stopped`.
    pub fn stop(&self) {
        self.inner.api.stop();
    }

    pub(crate) fn inner(&self) -> &Inner {
        &self.inner
    }

    /// The collection's endpoint, with `query`.
    pub(crate) fn collection(&self, query: Option<&str>) -> Endpoint {
        let mut url = self.inner.collection.clone();
        url.set_query(query);
        Endpoint {
            url,
            template: INTEGRATIONS,
        }
    }

    /// One integration's endpoint.
    pub(crate) fn item(&self, id: &str) -> Endpoint {
        let mut url = self.inner.collection.clone();
        url.path_segments_mut()
            .expect("the collection URL is a base")
            .push(id);
        Endpoint {
            url,
            template: INTEGRATION,
        }
    }
}
