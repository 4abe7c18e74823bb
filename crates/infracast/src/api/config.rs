//! What a client needs: where the API is, whose credentials, which tenant, how patient to be,
//! which private CA to trust.

use std::fmt;
use std::time::Duration;

use apiclient::{DEFAULT_MAX_RETRIES, DEFAULT_REQUEST_TIMEOUT};
use secrecy::SecretString;
use url::Url;

/// The API of Infracast's cloud service.
pub const DEFAULT_URL: &str = "https://api.infracast.io";
/// How long an access token lives when an answer does not say (the API's documented hour).
pub const DEFAULT_TOKEN_LIFETIME: Duration = Duration::from_secs(3600);

/// Settings of a [`super::Client`]. `Debug` never shows the password.
#[derive(Clone)]
pub struct ClientConfig {
    /// Base URL, e.g. `https://api.infracast.io` (self-hosted: the installation's own host).
    pub url: Url,
    pub username: String,
    pub password: SecretString,
    /// The tenant slug, e.g. `acme-corp`: every integration path is under it.
    pub tenant: String,
    pub request_timeout: Duration,
    pub max_retries: u32,
    pub user_agent: String,
    /// Extra trust anchors (PEM) for a private CA, besides the system's.
    pub ca_pem: Option<Vec<u8>>,
}

impl ClientConfig {
    pub fn new(url: Url, username: String, password: SecretString, tenant: String) -> Self {
        ClientConfig {
            url,
            username,
            password,
            tenant,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            max_retries: DEFAULT_MAX_RETRIES,
            user_agent: format!("terraform-provider-infracast/{}", env!("CARGO_PKG_VERSION")),
            ca_pem: None,
        }
    }
}

impl fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientConfig")
            .field("url", &self.url.as_str())
            .field("username", &self.username)
            .field("tenant", &self.tenant)
            .field("request_timeout", &self.request_timeout)
            .field("max_retries", &self.max_retries)
            .field("ca_pem", &self.ca_pem.as_ref().map(Vec::len))
            .finish_non_exhaustive()
    }
}
