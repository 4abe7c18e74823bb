//! The flags every sandbox binary shares, so that a vendor's binary adds only its own
//! (credentials, tenant, token lifetimes):
//!
//! ```text
//! --listen ADDR  --latency D  --state FILE
//! --rate-limit-burst N  --rate-limit-per-second N  --no-rate-limit
//! --fault-rate P  --fault-weights W  --fault-seed N  --fault-max-latency D
//! --fault-retry-after D  --fault-route TARGET...  --fault-limit N
//! ```
//!
//! Every flag, the vendor's included, also reads an environment variable named after the
//! vendor's prefix and the flag (`PRISMACLOUD_SANDBOX` + `--fault-rate` →
//! `PRISMACLOUD_SANDBOX_FAULT_RATE`), so sandboxes of different vendors can be configured side
//! by side in one CI job. See [`parse`].
//!
//! # Layout
//!
//! - this file: [`KitArgs`] and what they mean ([`KitArgs::settings`]).
//! - `run`: parsing with the vendor's [`Profile`], logging, the `export` lines, stopping.

mod run;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::faults::{
    DEFAULT_MAX_LATENCY_MS, DEFAULT_RETRY_AFTER_SECS, FaultConfig, FaultRule, FaultWeights,
    RouteTarget,
};
use crate::kit::KitSettings;
use crate::rate_limit::{DEFAULT_RATE_LIMIT, RateLimit};

pub use run::{Banner, Profile, command, init_logging, parse, shell_quote, stop_requested};

/// The shared flags; put them in a vendor's `clap::Parser` with `#[command(flatten)]`.
#[derive(Debug, Clone, clap::Args)]
pub struct KitArgs {
    /// Address to listen on (port 0 picks a free port; the bound URL is printed).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Keep the sandbox's objects in FILE across restarts (written atomically after every
    /// change; read at start). Without it, everything is forgotten on exit.
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,
    /// Rate limit: requests a user may make at once.
    #[arg(long, default_value_t = DEFAULT_RATE_LIMIT.burst,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub rate_limit_burst: u32,
    /// Rate limit: requests per second a user's bucket refills with.
    #[arg(long, default_value_t = DEFAULT_RATE_LIMIT.per_second,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub rate_limit_per_second: u32,
    /// No rate limiting at all (overrides the two options above).
    #[arg(long)]
    pub no_rate_limit: bool,
    /// Fault injection: probability (0 to 1) that an API request gets a fault. 0 is off.
    #[arg(long, default_value_t = 0.0, value_parser = parse_rate)]
    pub fault_rate: f64,
    /// Fault kinds and their weights: `all`, or e.g. `latency=2,rate_limit=1,drop=1`
    /// (kinds: latency, rate_limit, unavailable, server_error, bad_gateway, drop, token_expiry).
    #[arg(long, default_value = "all")]
    pub fault_weights: FaultWeights,
    /// Seed of the fault decisions, to replay a run (default: a random one, printed).
    #[arg(long)]
    pub fault_seed: Option<u64>,
    /// Longest latency a latency fault adds, e.g. 300ms, 2s.
    #[arg(long, default_value_t = humantime::Duration::from(Duration::from_millis(DEFAULT_MAX_LATENCY_MS)))]
    pub fault_max_latency: humantime::Duration,
    /// Retry-After of injected 429 and 503 answers, e.g. 1s.
    #[arg(long, default_value_t = humantime::Duration::from(Duration::from_secs(DEFAULT_RETRY_AFTER_SECS)))]
    pub fault_retry_after: humantime::Duration,
    /// Fault only these requests: `"GET /integration"` (a method on a route template, as the
    /// stats name it), `POST` (a method on every route) or `/integration/{id}` (every method
    /// of a route). Repeat it, or separate with commas; default: every API request.
    #[arg(long, value_name = "TARGET", value_delimiter = ',', value_parser = parse_target)]
    pub fault_route: Vec<String>,
    /// Inject at most N faults, then none (default: no limit).
    #[arg(long, value_name = "N")]
    pub fault_limit: Option<u64>,
    /// A fixed delay added to every API request, e.g. 50ms (for benchmarks).
    #[arg(long, default_value = "0s", value_parser = humantime::parse_duration)]
    pub latency: Duration,
}

fn parse_rate(raw: &str) -> Result<f64, String> {
    match raw.trim().parse::<f64>() {
        Ok(rate) if (0.0..=1.0).contains(&rate) => Ok(rate),
        _ => Err(format!("{raw:?} is not a probability from 0 to 1")),
    }
}

fn parse_target(raw: &str) -> Result<String, String> {
    raw.parse::<RouteTarget>()?;
    Ok(raw.trim().to_owned())
}

impl KitArgs {
    /// What the flags ask of the kit. A missing `--fault-seed` is drawn here, once: print the
    /// returned settings (see [`Banner`]) so the run can be replayed.
    pub fn settings(&self) -> KitSettings {
        KitSettings {
            rate_limit: (!self.no_rate_limit).then_some(RateLimit {
                burst: self.rate_limit_burst,
                per_second: self.rate_limit_per_second,
            }),
            latency: self.latency,
            faults: self.faults(),
        }
    }

    fn faults(&self) -> FaultConfig {
        if self.fault_rate == 0.0 {
            return FaultConfig::default();
        }
        let rule = FaultRule {
            routes: self.fault_route.clone(),
            limit: self.fault_limit,
            ..FaultRule::everywhere(self.fault_rate, self.fault_weights.clone())
        };
        FaultConfig {
            seed: self.fault_seed.unwrap_or_else(rand::random),
            rules: vec![rule],
            max_latency_ms: u64::try_from(self.fault_max_latency.as_millis()).unwrap_or(u64::MAX),
            retry_after_secs: self.fault_retry_after.as_secs(),
        }
    }
}

#[cfg(test)]
mod tests;
