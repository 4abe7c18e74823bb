//! The client itself: construction, `stop`, the endpoints, and the kit's [`Api`] every
//! operation goes through (retries, backoff, stop). Datadog needs no login: every attempt
//! carries `DD-API-KEY` and `DD-APPLICATION-KEY`.

use std::fmt;
use std::sync::Arc;

use apiclient::{Api, AuthHeaders, Endpoint, Error, Snapshots, Transport, TransportConfig};
use url::Url;

use super::VENDOR;
use super::config::ClientConfig;
use super::model::item_id;

/// The collection, from the API's base URL.
const COLLECTION: &str = "api/v2/security_monitoring/configuration/integration_config";

/// Path templates, as errors and logs name operations (never an id).
pub(crate) mod templates {
    pub const COLLECTION: &str = "/api/v2/security_monitoring/configuration/integration_config";
    pub const ITEM: &str =
        "/api/v2/security_monitoring/configuration/integration_config/{integration_config_id}";
    pub const VALIDATE: &str =
        "/api/v2/security_monitoring/configuration/integration_config/validate";
    pub const ITEM_VALIDATE: &str = "/api/v2/security_monitoring/configuration/integration_config/{integration_config_id}/validate";
    pub const APP_REGISTRATIONS: &str = "/api/v2/security_monitoring/configuration/integration_config/entra_id/azure_app_registrations";
}

/// A Datadog entity context sync API client. Cheap to clone; clones share the list snapshots
/// and the stop switch.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) api: Api<AuthHeaders>,
    /// The collection's URL (ends without a slash).
    collection: Url,
    /// One unfiltered list of the collection, shared by concurrent reads and creates.
    pub(crate) snapshots: Snapshots<()>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("collection", &self.inner.collection.as_str())
            .finish_non_exhaustive()
    }
}

/// `base` with a trailing slash, so that joining keeps a proxy's path prefix.
fn directory(base: &Url) -> Url {
    let mut url = base.clone();
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    url.set_query(None);
    url.set_fragment(None);
    url
}

fn config_error(reason: String) -> Error {
    Error::Config {
        service: VENDOR.service,
        reason,
    }
}

impl Client {
    /// A client for `config`. Does not contact the API.
    pub fn new(config: ClientConfig) -> Result<Client, Error> {
        let collection = directory(&config.base_url)
            .join(COLLECTION)
            .map_err(|e| config_error(format!("the base URL cannot be extended ({e})")))?;
        let auth = AuthHeaders::new(&[
            ("DD-API-KEY", &config.api_key),
            ("DD-APPLICATION-KEY", &config.app_key),
        ])
        .map_err(config_error)?;
        let mut transport = TransportConfig::new(config.user_agent);
        transport.request_timeout = config.request_timeout;
        transport.max_retries = config.max_retries;
        transport.ca_pem = config.ca_pem;
        Ok(Client {
            inner: Arc::new(Inner {
                api: Api::new(Transport::new(VENDOR, &transport)?, auth),
                collection,
                snapshots: Snapshots::new(config.list_snapshot_ttl, item_id),
            }),
        })
    }

    /// Stops this client and all its clones for good: calls waiting to retry return
    /// [`Error::Stopped`] promptly; HTTP requests already sent may finish.
    pub fn stop(&self) {
        self.inner.api.stop();
    }

    pub(crate) fn api(&self) -> &Api<AuthHeaders> {
        &self.inner.api
    }

    /// The collection, optionally filtered by type.
    pub(crate) fn collection(&self, integration_type: Option<&str>) -> Endpoint {
        let mut url = self.inner.collection.clone();
        if let Some(t) = integration_type {
            url.query_pairs_mut()
                .append_pair("filter[integration_type]", t);
        }
        Endpoint {
            url,
            template: templates::COLLECTION,
        }
    }

    /// The collection's URL with `segments` appended (each percent-encoded).
    fn under(&self, segments: &[&str], template: &'static str) -> Endpoint {
        let mut url = self.inner.collection.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.extend(segments);
        }
        Endpoint { url, template }
    }

    pub(crate) fn item(&self, id: &str) -> Endpoint {
        self.under(&[id], templates::ITEM)
    }

    pub(crate) fn item_validate(&self, id: &str) -> Endpoint {
        self.under(&[id, "validate"], templates::ITEM_VALIDATE)
    }

    pub(crate) fn validate(&self) -> Endpoint {
        self.under(&["validate"], templates::VALIDATE)
    }

    pub(crate) fn app_registrations(&self) -> Endpoint {
        self.under(
            &["entra_id", "azure_app_registrations"],
            templates::APP_REGISTRATIONS,
        )
    }
}

#[cfg(test)]
mod tests {
    use secrecy::SecretString;

    use super::*;

    fn client(base: &str) -> Client {
        let config = ClientConfig::new(
            Url::parse(base).unwrap(),
            SecretString::from("k"),
            SecretString::from("a"),
        );
        Client::new(config).unwrap()
    }

    #[test]
    fn endpoints_keep_a_proxy_prefix_and_encode_ids() {
        let c = client("https://proxy.example.com/datadog");
        assert_eq!(
            c.item("a/b").url.as_str(),
            "https://proxy.example.com/datadog/api/v2/security_monitoring/configuration/integration_config/a%2Fb"
        );
        let c = client("https://api.datadoghq.eu/");
        assert_eq!(
            c.collection(Some("OKTA")).url.as_str(),
            "https://api.datadoghq.eu/api/v2/security_monitoring/configuration/integration_config?filter%5Bintegration_type%5D=OKTA"
        );
        assert!(
            c.app_registrations()
                .url
                .path()
                .ends_with("/entra_id/azure_app_registrations")
        );
        assert_eq!(c.item_validate("x").template, templates::ITEM_VALIDATE);
    }

    #[test]
    fn keys_that_cannot_be_headers_are_refused_without_being_quoted() {
        let config = ClientConfig::new(
            Url::parse("https://api.datadoghq.com").unwrap(),
            SecretString::from("bad\nkey-value"),
            SecretString::from("a"),
        );
        let error = Client::new(config).unwrap_err().to_string();
        assert!(!error.contains("key-value"), "{error}");
    }

    fn assert_send<T: Send>(_: &T) {}

    #[test]
    fn operations_are_send_so_they_can_run_in_spawned_tasks() {
        let c = client("http://127.0.0.1:9");
        let request = crate::api::SyncRequest {
            integration_type: "OKTA".into(),
            name: "n".into(),
            domain: "d".into(),
            enabled: true,
            settings: None,
            secrets: Default::default(),
        };
        assert_send(&c.list(None));
        assert_send(&c.get("i"));
        assert_send(&c.get_coalesced("i"));
        assert_send(&c.find_by_name("n", "OKTA"));
        assert_send(&c.create(&request));
        assert_send(&c.update("i", &request));
        assert_send(&c.delete("i"));
        assert_send(&c.validate_stored("i"));
        assert_send(&c.azure_app_registrations());
    }
}
