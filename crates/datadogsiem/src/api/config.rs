//! What a [`Client`](super::Client) needs to know: where the API is, the two keys, and how
//! patient to be.

use std::fmt;
use std::time::Duration;

use secrecy::SecretString;
use url::Url;

pub use apiclient::{DEFAULT_MAX_RETRIES, DEFAULT_REQUEST_TIMEOUT};

/// Default lifetime of the list that serves concurrent reads (a refresh of N configurations
/// costs one list call).
pub const DEFAULT_LIST_SNAPSHOT_TTL: Duration = Duration::from_secs(10);

/// Settings of a [`Client`](super::Client). Build one with [`ClientConfig::new`] and adjust
/// the public fields.
#[derive(Clone)]
pub struct ClientConfig {
    /// Base URL of the API, e.g. `https://api.datadoghq.eu/` (a path prefix is kept, for
    /// proxies); the client appends `api/v2/security_monitoring/...`.
    pub base_url: Url,
    /// `DD-API-KEY`: the organization's API key.
    pub api_key: SecretString,
    /// `DD-APPLICATION-KEY`: an application key with the `manage_integrations` permission.
    pub app_key: SecretString,
    /// Timeout of one HTTP attempt, from connecting to the end of the body.
    pub request_timeout: Duration,
    /// Retries after the first attempt for retryable failures.
    pub max_retries: u32,
    /// `User-Agent` header value.
    pub user_agent: String,
    /// Extra trust anchors (PEM) for a TLS proxy with a private CA; verification stays on.
    pub ca_pem: Option<Vec<u8>>,
    /// How long one list may serve reads of the same run (unless this client writes
    /// meanwhile); zero makes every read a `GET` by id.
    pub list_snapshot_ttl: Duration,
}

impl ClientConfig {
    /// The defaults for an API at `base_url` with these keys.
    pub fn new(base_url: Url, api_key: SecretString, app_key: SecretString) -> ClientConfig {
        ClientConfig {
            base_url,
            api_key,
            app_key,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            max_retries: DEFAULT_MAX_RETRIES,
            user_agent: concat!("terraform-provider-datadogsiem/", env!("CARGO_PKG_VERSION"))
                .into(),
            ca_pem: None,
            list_snapshot_ttl: DEFAULT_LIST_SNAPSHOT_TTL,
        }
    }
}

impl fmt::Debug for ClientConfig {
    /// Never the keys.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientConfig")
            .field("base_url", &self.base_url.as_str())
            .field("request_timeout", &self.request_timeout)
            .field("max_retries", &self.max_retries)
            .field("user_agent", &self.user_agent)
            .field("ca_pem", &self.ca_pem.as_ref().map(Vec::len))
            .field("list_snapshot_ttl", &self.list_snapshot_ttl)
            .finish_non_exhaustive()
    }
}
