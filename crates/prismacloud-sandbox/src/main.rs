//! `prismacloud-sandbox`: serves a local, offline stand-in for the Prisma Cloud integration API.
//!
//! On start it prints, on stdout, shell lines exporting the URL it bound and the (public, demo)
//! credentials it accepts; request log lines go to stderr. It serves until Ctrl-C or SIGTERM.
//! See `crates/prismacloud-sandbox/README.md`.

use std::io::{IsTerminal as _, Write as _};
use std::net::SocketAddr;
use std::time::Duration;

use anyhow::Context as _;
use clap::Parser;
use prismacloud_sandbox::config::{
    DEFAULT_CUSTOMER_NAME, DEFAULT_PASSWORD, DEFAULT_PRISMA_ID, DEFAULT_RATE_LIMIT,
    DEFAULT_USERNAME,
};
use prismacloud_sandbox::faults::{DEFAULT_MAX_LATENCY_MS, DEFAULT_RETRY_AFTER_SECS};
use prismacloud_sandbox::{FaultConfig, FaultWeights, RateLimit, Sandbox, SandboxConfig};
use secrecy::SecretString;
use tracing_subscriber::EnvFilter;

/// A local sandbox of the Prisma Cloud integration API, for examples, tests and CI.
#[derive(Parser)]
#[command(name = "prismacloud-sandbox", version)]
struct Args {
    /// Address to listen on (port 0 picks a free port; the bound URL is printed).
    #[arg(
        long,
        env = "PRISMACLOUD_SANDBOX_LISTEN",
        default_value = "127.0.0.1:8080"
    )]
    listen: SocketAddr,
    /// Access key accepted by POST /login.
    #[arg(long, env = "PRISMACLOUD_SANDBOX_USERNAME", default_value = DEFAULT_USERNAME)]
    username: String,
    /// Secret key accepted by POST /login.
    #[arg(
        long,
        env = "PRISMACLOUD_SANDBOX_PASSWORD",
        default_value = DEFAULT_PASSWORD,
        hide_env_values = true
    )]
    password: String,
    /// Customer name (POST /login may send it as customerName).
    #[arg(long, env = "PRISMACLOUD_SANDBOX_CUSTOMER_NAME", default_value = DEFAULT_CUSTOMER_NAME)]
    customer_name: String,
    /// Tenant id, returned by GET /license and required in /api/v1/tenant/{prisma_id}/ paths.
    #[arg(long, env = "PRISMACLOUD_SANDBOX_PRISMA_ID", default_value = DEFAULT_PRISMA_ID)]
    prisma_id: String,
    /// Token lifetime, e.g. 10m, 90s, 1h.
    #[arg(long, env = "PRISMACLOUD_SANDBOX_TOKEN_TTL", default_value = "10m",
          value_parser = humantime::parse_duration)]
    token_ttl: Duration,
    /// Rate limit: requests a user may make at once.
    #[arg(long, env = "PRISMACLOUD_SANDBOX_RATE_LIMIT_BURST",
          default_value_t = DEFAULT_RATE_LIMIT.burst,
          value_parser = clap::value_parser!(u32).range(1..))]
    rate_limit_burst: u32,
    /// Rate limit: requests per second a user's bucket refills with.
    #[arg(long, env = "PRISMACLOUD_SANDBOX_RATE_LIMIT_PER_SECOND",
          default_value_t = DEFAULT_RATE_LIMIT.per_second,
          value_parser = clap::value_parser!(u32).range(1..))]
    rate_limit_per_second: u32,
    /// No rate limiting at all (overrides the two options above).
    #[arg(long, env = "PRISMACLOUD_SANDBOX_NO_RATE_LIMIT")]
    no_rate_limit: bool,
    /// Fault injection: probability (0 to 1) that an API request gets a fault. 0 is off.
    #[arg(long, env = "PRISMACLOUD_SANDBOX_FAULT_RATE", default_value_t = 0.0,
          value_parser = parse_rate)]
    fault_rate: f64,
    /// Fault kinds and their weights: `all`, or e.g. `latency=2,rate_limit=1,drop=1`
    /// (kinds: latency, rate_limit, unavailable, server_error, bad_gateway, drop, token_expiry).
    #[arg(long, env = "PRISMACLOUD_SANDBOX_FAULT_WEIGHTS", default_value = "all")]
    fault_weights: FaultWeights,
    /// Seed of the fault decisions, to replay a run (default: a random one, printed).
    #[arg(long, env = "PRISMACLOUD_SANDBOX_FAULT_SEED")]
    fault_seed: Option<u64>,
    /// Longest latency a latency fault adds, e.g. 300ms, 2s.
    #[arg(long, env = "PRISMACLOUD_SANDBOX_FAULT_MAX_LATENCY",
          default_value_t = humantime::Duration::from(Duration::from_millis(DEFAULT_MAX_LATENCY_MS)))]
    fault_max_latency: humantime::Duration,
    /// Retry-After of injected 429 and 503 answers, e.g. 1s.
    #[arg(long, env = "PRISMACLOUD_SANDBOX_FAULT_RETRY_AFTER",
          default_value_t = humantime::Duration::from(Duration::from_secs(DEFAULT_RETRY_AFTER_SECS)))]
    fault_retry_after: humantime::Duration,
    /// A fixed delay added to every API request, e.g. 50ms (for benchmarks).
    #[arg(long, env = "PRISMACLOUD_SANDBOX_LATENCY", default_value = "0s",
          value_parser = humantime::parse_duration)]
    latency: Duration,
}

fn parse_rate(raw: &str) -> Result<f64, String> {
    match raw.trim().parse::<f64>() {
        Ok(rate) if (0.0..=1.0).contains(&rate) => Ok(rate),
        _ => Err(format!("{raw:?} is not a probability from 0 to 1")),
    }
}

impl Args {
    /// The start-up fault injection these flags ask for.
    fn faults(&self) -> FaultConfig {
        if self.fault_rate == 0.0 {
            return FaultConfig::default();
        }
        FaultConfig {
            max_latency_ms: u64::try_from(self.fault_max_latency.as_millis()).unwrap_or(u64::MAX),
            retry_after_secs: self.fault_retry_after.as_secs(),
            ..FaultConfig::random(
                self.fault_rate,
                self.fault_weights.clone(),
                self.fault_seed.unwrap_or_else(rand::random),
            )
        }
    }
}

/// Quotes `value` for a POSIX shell when it needs it.
fn shell_quote(value: &str) -> String {
    let plain = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-.:/@%+=,".contains(c));
    if plain {
        value.to_owned()
    } else {
        format!("'{}'", value.replace('\'', r"'\''"))
    }
}

async fn stop_requested() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::warn!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::warn!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_env_filter(
            EnvFilter::try_from_env("PRISMACLOUD_SANDBOX_LOG")
                .unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();

    let rate_limit = (!args.no_rate_limit).then_some(RateLimit {
        burst: args.rate_limit_burst,
        per_second: args.rate_limit_per_second,
    });
    let faults = args.faults();
    let exports = [
        ("PRISMACLOUD_USERNAME", shell_quote(&args.username)),
        ("PRISMACLOUD_PASSWORD", shell_quote(&args.password)),
    ];
    let config = SandboxConfig {
        username: args.username,
        password: SecretString::from(args.password),
        customer_name: args.customer_name,
        prisma_id: args.prisma_id,
        token_ttl: args.token_ttl,
        rate_limit,
        latency: args.latency,
        faults,
    };
    let prisma_id = config.prisma_id.clone();
    let fault_note = config.faults.is_active().then(|| {
        format!(
            "# fault injection: rate {}, seed {} (replay with --fault-seed {})",
            args.fault_rate, config.faults.seed, config.faults.seed
        )
    });
    let sandbox = Sandbox::start(config, args.listen)
        .await
        .with_context(|| format!("cannot listen on {}", args.listen))?;

    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "# Prisma Cloud sandbox; paste these lines into your shell:"
    )?;
    writeln!(
        out,
        "export PRISMACLOUD_URL={}",
        shell_quote(&sandbox.url())
    )?;
    for (name, value) in exports {
        writeln!(out, "export {name}={value}")?;
    }
    if let Some(note) = fault_note {
        writeln!(out, "{note}")?;
    }
    writeln!(out, "# prisma id {prisma_id}; stop with Ctrl-C")?;
    out.flush()?;
    drop(out);

    stop_requested().await;
    tracing::info!("stopping");
    sandbox.shutdown().await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::shell_quote;

    #[test]
    fn shell_quote_leaves_plain_values_and_quotes_the_rest() {
        assert_eq!(
            shell_quote("http://127.0.0.1:8080"),
            "http://127.0.0.1:8080"
        );
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote(""), "''");
        assert_eq!(shell_quote("$HOME"), "'$HOME'");
    }
}
