//! `infracast-sandbox`: the Infracast integrations API on a local port. On start it prints, on
//! stdout, the `export INFRACAST_...` lines that point the provider at it; request log lines go
//! to stderr. It serves until Ctrl-C or SIGTERM. The shared flags (`--listen`, `--latency`,
//! `--state`, `--rate-limit-*`, `--fault-*`) come from the kit; this file adds Infracast's own.
//! See `crates/infracast-sandbox/README.md`.

use std::time::Duration;

use anyhow::Context as _;
use clap::Parser;
use infracast_sandbox::config::{
    DEFAULT_MAX_PER_PAGE, DEFAULT_PASSWORD, DEFAULT_PER_PAGE, DEFAULT_TENANT, DEFAULT_USERNAME,
    OTHER_USERNAME, READER_USERNAME,
};
use infracast_sandbox::{Sandbox, SandboxConfig, SandboxState};
use sandbox_kit::cli::{self, Banner, KitArgs, Profile};

/// Every flag also reads `INFRACAST_SANDBOX_<FLAG>`; the log filter is `INFRACAST_SANDBOX_LOG`.
const PROFILE: Profile = Profile {
    env_prefix: "INFRACAST_SANDBOX",
    default_listen: "127.0.0.1:8090",
};

/// A local sandbox of the Infracast integrations API, for examples, tests and CI.
#[derive(Parser)]
#[command(name = "infracast-sandbox", version)]
struct Args {
    /// The user POST /api/v1/auth/token accepts.
    #[arg(long, default_value = DEFAULT_USERNAME)]
    username: String,
    /// Its password (the other demo users share it).
    #[arg(long, default_value = DEFAULT_PASSWORD, hide_env_values = true)]
    password: String,
    /// Its tenant slug: integrations live under /api/v1/tenants/{tenant}/.
    #[arg(long, default_value = DEFAULT_TENANT)]
    tenant: String,
    /// Lifetime of an access token, e.g. 1h (the real API's) or 20s (to watch refreshes).
    #[arg(long, default_value = "1h", value_parser = humantime::parse_duration)]
    access_ttl: Duration,
    /// Lifetime of a refresh token (each serves one refresh), e.g. 7d (the real API's).
    #[arg(long, default_value = "7d", value_parser = humantime::parse_duration)]
    refresh_ttl: Duration,
    /// Items per page when a list does not say.
    #[arg(long, default_value_t = DEFAULT_PER_PAGE, value_parser = clap::value_parser!(u32).range(1..))]
    per_page: u32,
    /// The most items a page holds, whatever per_page asks.
    #[arg(long, default_value_t = DEFAULT_MAX_PER_PAGE, value_parser = clap::value_parser!(u32).range(1..))]
    max_per_page: u32,
    #[command(flatten)]
    kit: KitArgs,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Args = cli::parse(&PROFILE);
    cli::init_logging(&PROFILE);
    let settings = args.kit.settings();
    let config = SandboxConfig {
        access_ttl: args.access_ttl,
        refresh_ttl: args.refresh_ttl,
        default_per_page: args.per_page.min(args.max_per_page),
        max_per_page: args.max_per_page,
        kit: settings.clone(),
        ..SandboxConfig::with_user(&args.username, &args.password, &args.tenant)
    };
    let state = match &args.kit.state {
        Some(path) => SandboxState::open(config, path)?,
        None => SandboxState::new(config),
    };
    let listen = args.kit.listen;
    let sandbox = Sandbox::serve(state, listen)
        .await
        .with_context(|| format!("cannot listen on {listen}"))?;

    // The demo credentials are printed on purpose: the user pastes them into a shell.
    Banner::new("Infracast sandbox")
        .export("INFRACAST_URL", sandbox.url())
        .export("INFRACAST_USERNAME", &args.username)
        .export("INFRACAST_PASSWORD", &args.password)
        .export("INFRACAST_TENANT", &args.tenant)
        .note(format!(
            "also: {OTHER_USERNAME} (another tenant) and {READER_USERNAME} (read-only), same \
             password; stop with Ctrl-C"
        ))
        .print(&settings, args.kit.state.as_deref())?;

    cli::stop_requested().await;
    tracing::info!("stopping");
    sandbox.shutdown().await;
    Ok(())
}
