//! What a [`Client`](super::Client) needs to know: where the API is, who logs in, and how
//! patient to be.

use std::fmt;
use std::time::Duration;

use apiclient::TransportConfig;
use secrecy::SecretString;
use url::Url;

pub use apiclient::{
    DEFAULT_BACKOFF_BASE, DEFAULT_BACKOFF_CAP, DEFAULT_LIST_SNAPSHOT_TTL, DEFAULT_MAX_RETRIES,
    DEFAULT_REQUEST_TIMEOUT, parse_ca_pem,
};

/// Default assumed lifetime of a session token (Prisma Cloud tokens live about 10 minutes).
pub const DEFAULT_TOKEN_TTL: Duration = Duration::from_secs(10 * 60);

/// Settings of a [`Client`](super::Client). Build one with [`ClientConfig::new`] and adjust
/// the public fields.
#[derive(Clone)]
pub struct ClientConfig {
    /// Full base URL of the API, e.g. `https://api.prismacloud.io` (a path prefix is kept).
    pub base_url: Url,
    /// Access key ID.
    pub username: String,
    /// Secret key.
    pub password: SecretString,
    /// Customer (tenant) name, for users who belong to several.
    pub customer_name: Option<String>,
    /// Tenant prisma id. Every type except okta, qualys and tenable uses the tenant-scoped
    /// `/api/v1/tenant/{prisma_id}/integration` endpoints; when this is `None` the client
    /// learns the id once per run (from the login answer, else `GET /license`) and uses the
    /// classic endpoints only when it cannot.
    pub prisma_id: Option<String>,
    /// Timeout of one HTTP attempt, from connecting to the end of the body.
    pub request_timeout: Duration,
    /// Retries after the first attempt for retryable failures.
    pub max_retries: u32,
    /// `User-Agent` header value.
    pub user_agent: String,
    /// Assumed token lifetime; the token is renewed (`GET /auth_token/extend`) once half of
    /// it has passed and replaced by a new login once all of it has.
    pub token_ttl: Duration,
    /// Ceiling of the first backoff wait; doubles on every retry.
    pub backoff_base: Duration,
    /// Largest backoff ceiling.
    pub backoff_cap: Duration,
    /// How long one list of all integrations may serve
    /// [`Client::get_coalesced`](super::Client::get_coalesced) (unless this client writes
    /// meanwhile); zero makes every such read a `GET` by id.
    pub list_snapshot_ttl: Duration,
    /// Extra trust anchors (PEM, one or more certificates) for a private CA, trusted in
    /// addition to the system's. TLS verification is always on.
    pub ca_pem: Option<Vec<u8>>,
}

impl ClientConfig {
    /// A configuration with the defaults for everything but the endpoint and credentials.
    pub fn new(base_url: Url, username: impl Into<String>, password: SecretString) -> Self {
        ClientConfig {
            base_url,
            username: username.into(),
            password,
            customer_name: None,
            prisma_id: None,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            max_retries: DEFAULT_MAX_RETRIES,
            user_agent: concat!("terraform-provider-prismacloud/", env!("CARGO_PKG_VERSION"))
                .to_owned(),
            token_ttl: DEFAULT_TOKEN_TTL,
            backoff_base: DEFAULT_BACKOFF_BASE,
            backoff_cap: DEFAULT_BACKOFF_CAP,
            list_snapshot_ttl: DEFAULT_LIST_SNAPSHOT_TTL,
            ca_pem: None,
        }
    }

    /// Checks what [`Client::new`](super::Client::new) relies on.
    pub(crate) fn validate(&self) -> Result<(), String> {
        if !matches!(self.base_url.scheme(), "http" | "https") {
            return Err(format!(
                "base URL scheme must be http or https, not {:?}",
                self.base_url.scheme()
            ));
        }
        if self.base_url.cannot_be_a_base() || self.base_url.host().is_none() {
            return Err("base URL must have a host".into());
        }
        if self.base_url.query().is_some() || self.base_url.fragment().is_some() {
            return Err("base URL must not have a query or a fragment".into());
        }
        if self.username.is_empty() {
            return Err("the access key ID is empty".into());
        }
        if self.prisma_id.as_deref().is_some_and(str::is_empty) {
            return Err("prisma id is set but empty".into());
        }
        if self.token_ttl.is_zero() {
            return Err("token lifetime must be positive".into());
        }
        self.transport().validate()
    }

    /// The settings of the kit's transport.
    pub(crate) fn transport(&self) -> TransportConfig {
        TransportConfig {
            request_timeout: self.request_timeout,
            max_retries: self.max_retries,
            user_agent: self.user_agent.clone(),
            backoff_base: self.backoff_base,
            backoff_cap: self.backoff_cap,
            ca_pem: self.ca_pem.clone(),
        }
    }
}

impl fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientConfig")
            .field("base_url", &self.base_url.as_str())
            .field("username", &"[redacted]")
            .field("password", &"[redacted]")
            .field("customer_name", &self.customer_name)
            .field("prisma_id", &self.prisma_id)
            .field("request_timeout", &self.request_timeout)
            .field("max_retries", &self.max_retries)
            .field("user_agent", &self.user_agent)
            .field("token_ttl", &self.token_ttl)
            .field("backoff_base", &self.backoff_base)
            .field("backoff_cap", &self.backoff_cap)
            .field("list_snapshot_ttl", &self.list_snapshot_ttl)
            .field("ca_pem", &self.ca_pem.as_ref().map(|pem| pem.len()))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(url: &str) -> ClientConfig {
        ClientConfig::new(
            Url::parse(url).expect("test URL"),
            "AKID-visible",
            SecretString::from("s3cr3t-key"),
        )
    }

    #[test]
    fn debug_redacts_credentials() {
        let text = format!("{:?}", config("https://api.example.com"));
        assert!(!text.contains("s3cr3t-key"), "{text}");
        assert!(!text.contains("AKID-visible"), "{text}");
        assert!(text.contains("api.example.com"));
    }

    #[test]
    fn defaults() {
        let c = config("https://api.example.com");
        assert_eq!(c.request_timeout, Duration::from_secs(30));
        assert_eq!(c.max_retries, 5);
        assert_eq!(c.token_ttl, Duration::from_secs(600));
        assert!(c.user_agent.starts_with("terraform-provider-prismacloud/"));
        assert_eq!(c.validate(), Ok(()));
    }

    #[test]
    fn validation_rejects_unusable_settings() {
        assert!(config("ftp://api.example.com").validate().is_err());
        assert!(config("https://api.example.com/?a=b").validate().is_err());
        let mut c = config("https://api.example.com");
        c.prisma_id = Some(String::new());
        assert!(c.validate().is_err());
        let mut c = config("https://api.example.com");
        c.request_timeout = Duration::ZERO;
        assert!(c.validate().is_err());
        let mut c = config("https://api.example.com");
        c.username.clear();
        assert!(c.validate().is_err());
    }
}
