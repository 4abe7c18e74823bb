//! How a sandbox is set up: the one user it accepts, its tenant, token lifetime, and the kit's
//! parts (rate limit, added latency, faults).

use std::time::Duration;

use sandbox_kit::{FaultConfig, KitSettings, RateLimit};
use secrecy::SecretString;

/// Rate limit of a default sandbox: generous for normal use, but real.
pub use sandbox_kit::rate_limit::DEFAULT_RATE_LIMIT;

/// Demo access key accepted by a default sandbox. Public on purpose: the sandbox is offline.
pub const DEFAULT_USERNAME: &str = "sandbox-access-key";
/// Demo secret key accepted by a default sandbox. Public on purpose: the sandbox is offline.
pub const DEFAULT_PASSWORD: &str = "sandbox-secret-key";
/// Customer name of a default sandbox.
pub const DEFAULT_CUSTOMER_NAME: &str = "sandbox";
/// Prisma id (tenant id) of a default sandbox.
pub const DEFAULT_PRISMA_ID: &str = "806775361068";
/// Token lifetime of a default sandbox (the real API's is about ten minutes).
pub const DEFAULT_TOKEN_TTL: Duration = Duration::from_secs(600);

/// Configuration of a sandbox. `Debug` never shows the password (it is a [`SecretString`]).
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// The access key id `POST /login` accepts as `username`.
    pub username: String,
    /// The secret key `POST /login` accepts as `password`.
    pub password: SecretString,
    /// The customer name; `POST /login` may send it as `customerName`.
    pub customer_name: String,
    /// The tenant id: returned by `GET /license`, required in v1 paths.
    pub prisma_id: String,
    /// How long a token stays valid after login or extension.
    pub token_ttl: Duration,
    /// The per-user token bucket, or `None` for no rate limiting at all.
    pub rate_limit: Option<RateLimit>,
    /// A fixed delay before every API request is handled (control endpoints excepted), to
    /// stand for the network and server time of the real API in benchmarks. Zero by default.
    pub latency: Duration,
    /// Fault injection at start-up (none by default); `PUT /_sandbox/faults` changes it.
    pub faults: FaultConfig,
}

impl Default for SandboxConfig {
    /// The documented demo setup: [`DEFAULT_USERNAME`] / [`DEFAULT_PASSWORD`], prisma id
    /// [`DEFAULT_PRISMA_ID`], ten-minute tokens, [`DEFAULT_RATE_LIMIT`], no added latency.
    fn default() -> Self {
        SandboxConfig {
            username: DEFAULT_USERNAME.to_owned(),
            password: SecretString::from(DEFAULT_PASSWORD),
            customer_name: DEFAULT_CUSTOMER_NAME.to_owned(),
            prisma_id: DEFAULT_PRISMA_ID.to_owned(),
            token_ttl: DEFAULT_TOKEN_TTL,
            rate_limit: Some(DEFAULT_RATE_LIMIT),
            latency: Duration::ZERO,
            faults: FaultConfig::default(),
        }
    }
}

impl SandboxConfig {
    /// The kit's part of this configuration.
    pub(crate) fn kit_settings(&self) -> KitSettings {
        KitSettings {
            rate_limit: self.rate_limit,
            latency: self.latency,
            faults: self.faults.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_redacts_the_password() {
        let text = format!("{:?}", SandboxConfig::default());
        assert!(!text.contains(DEFAULT_PASSWORD), "{text}");
        assert!(text.contains(DEFAULT_USERNAME));
    }
}
