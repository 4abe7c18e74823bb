//! How a sandbox is set up: the two keys it accepts, what the Entra ID prerequisite finds, and
//! the kit's rate limit, latency and faults.

use std::time::Duration;

use sandbox_kit::rate_limit::DEFAULT_RATE_LIMIT;
use sandbox_kit::{FaultConfig, KitSettings, RateLimit};
use secrecy::SecretString;
use serde::Serialize;

/// Demo API key a default sandbox accepts. Public on purpose: the sandbox is offline.
pub const DEFAULT_API_KEY: &str = "sandbox-api-key";
/// Demo application key a default sandbox accepts. Public on purpose: the sandbox is offline.
pub const DEFAULT_APP_KEY: &str = "sandbox-app-key";
/// The organization id the prerequisite endpoint reports.
pub const DEFAULT_ORG_ID: &str = "00000000-0000-0000-0000-0000000d06d0";

/// One Azure App Registration of the organization's Azure integration, as
/// `GET /entra_id/azure_app_registrations` reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AzureAppRegistration {
    pub client_id: String,
    pub tenant_id: String,
    pub resource_collection_enabled: bool,
    pub subscription_count: i64,
    pub error_count: i64,
}

impl AzureAppRegistration {
    /// A registration with resource collection enabled: the Entra ID source's prerequisite.
    pub fn collecting() -> AzureAppRegistration {
        AzureAppRegistration {
            client_id: "11111111-aaaa-4bbb-8ccc-000000000001".into(),
            tenant_id: "22222222-aaaa-4bbb-8ccc-000000000002".into(),
            resource_collection_enabled: true,
            subscription_count: 1,
            error_count: 0,
        }
    }
}

/// Configuration of a sandbox. `Debug` never shows the keys (they are [`SecretString`]s).
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// The `DD-API-KEY` every call must carry.
    pub api_key: SecretString,
    /// The `DD-APPLICATION-KEY` every call must carry.
    pub app_key: SecretString,
    /// The organization id the prerequisite endpoint reports.
    pub org_id: String,
    /// What the Entra ID prerequisite finds; creating an Entra ID configuration needs one with
    /// resource collection enabled.
    pub azure_app_registrations: Vec<AzureAppRegistration>,
    /// The per-caller token bucket, or `None` for no rate limiting at all.
    pub rate_limit: Option<RateLimit>,
    /// A fixed delay before every API request (control endpoints excepted), for benchmarks.
    pub latency: Duration,
    /// Fault injection at start-up (none by default); `PUT /_sandbox/faults` changes it.
    pub faults: FaultConfig,
}

impl SandboxConfig {
    /// What the kit's part of the sandbox does.
    pub fn kit_settings(&self) -> KitSettings {
        KitSettings {
            rate_limit: self.rate_limit,
            latency: self.latency,
            faults: self.faults.clone(),
        }
    }
}

impl Default for SandboxConfig {
    /// The documented demo set-up: [`DEFAULT_API_KEY`] / [`DEFAULT_APP_KEY`], one Azure App
    /// Registration with resource collection enabled, the kit's default rate limit, no added
    /// latency, no faults.
    fn default() -> Self {
        SandboxConfig {
            api_key: SecretString::from(DEFAULT_API_KEY),
            app_key: SecretString::from(DEFAULT_APP_KEY),
            org_id: DEFAULT_ORG_ID.into(),
            azure_app_registrations: vec![AzureAppRegistration::collecting()],
            rate_limit: Some(DEFAULT_RATE_LIMIT),
            latency: Duration::ZERO,
            faults: FaultConfig::default(),
        }
    }
}
