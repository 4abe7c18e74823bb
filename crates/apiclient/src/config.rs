//! How patient a client is and whom it trusts: the settings of a [`Transport`](crate::Transport),
//! shared by every vendor, and the HTTP client built from them.

use std::time::Duration;

use crate::{Error, Vendor};

/// Default per-attempt timeout.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Default number of retries after the first attempt.
///
/// Five retries with the default backoff wait up to about 15 s in total (0.5 + 1 + 2 + 4 +
/// 8 s at most, full jitter), longer when the server sends `Retry-After`: enough to ride out a
/// rate-limit burst or a rolling restart without hiding a real outage for minutes.
pub const DEFAULT_MAX_RETRIES: u32 = 5;
/// Default first backoff ceiling.
pub const DEFAULT_BACKOFF_BASE: Duration = Duration::from_millis(500);
/// Default largest backoff ceiling.
pub const DEFAULT_BACKOFF_CAP: Duration = Duration::from_secs(30);

/// Settings of a [`Transport`](crate::Transport).
#[derive(Clone)]
pub struct TransportConfig {
    /// Timeout of one HTTP attempt, from connecting to the end of the body.
    pub request_timeout: Duration,
    /// Retries after the first attempt for retryable failures.
    pub max_retries: u32,
    /// `User-Agent` header value.
    pub user_agent: String,
    /// Ceiling of the first backoff wait; doubles on every retry.
    pub backoff_base: Duration,
    /// Largest backoff ceiling.
    pub backoff_cap: Duration,
    /// Extra trust anchors (PEM, one or more certificates) for a private CA, trusted in
    /// addition to the system's. TLS verification is always on.
    pub ca_pem: Option<Vec<u8>>,
}

impl TransportConfig {
    /// The defaults, with this `User-Agent`.
    pub fn new(user_agent: impl Into<String>) -> TransportConfig {
        TransportConfig {
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            max_retries: DEFAULT_MAX_RETRIES,
            user_agent: user_agent.into(),
            backoff_base: DEFAULT_BACKOFF_BASE,
            backoff_cap: DEFAULT_BACKOFF_CAP,
            ca_pem: None,
        }
    }

    /// Checks what the transport relies on; `Err` says what is wrong (never quotes the CA).
    pub fn validate(&self) -> Result<(), String> {
        if self.request_timeout.is_zero() {
            return Err("request timeout must be positive".into());
        }
        self.ca_certificates().map(|_| ())
    }

    fn ca_certificates(&self) -> Result<Vec<reqwest::Certificate>, String> {
        match &self.ca_pem {
            Some(pem) => parse_ca_pem(pem)
                .map_err(|reason| format!("the CA certificates are unusable: {reason}")),
            None => Ok(Vec::new()),
        }
    }

    /// The HTTP client: rustls with the system's roots (plus `ca_pem`), the per-attempt
    /// timeout, and no redirects.
    pub(crate) fn http_client(&self, vendor: &Vendor) -> Result<reqwest::Client, Error> {
        let config_error = |reason: String| Error::Config {
            service: vendor.service,
            reason,
        };
        self.validate().map_err(config_error)?;
        let mut builder = reqwest::Client::builder();
        let certificates = self.ca_certificates().map_err(config_error)?;
        if !certificates.is_empty() {
            builder = builder.tls_certs_merge(certificates);
        }
        builder
            .user_agent(self.user_agent.as_str())
            .timeout(self.request_timeout)
            // Redirects would carry the credentials to wherever they point.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| config_error(format!("cannot build the HTTP client ({e})")))
    }
}

/// The certificates in a PEM bundle; `Err` says why it is unusable (never quotes it).
pub fn parse_ca_pem(pem: &[u8]) -> Result<Vec<reqwest::Certificate>, String> {
    let certificates = reqwest::Certificate::from_pem_bundle(pem)
        .map_err(|e| format!("it is not a PEM certificate bundle ({e})"))?;
    if certificates.is_empty() {
        return Err("it contains no PEM certificate (-----BEGIN CERTIFICATE-----)".into());
    }
    Ok(certificates)
}
