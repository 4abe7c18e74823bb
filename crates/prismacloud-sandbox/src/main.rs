//! `prismacloud-sandbox`: serves a local, offline stand-in for the Prisma Cloud integration API.
//!
//! On start it prints, on stdout, shell lines exporting the URL it bound and the (public, demo)
//! credentials it accepts; request log lines go to stderr. It serves until Ctrl-C or SIGTERM.
//! The shared flags (`--listen`, `--latency`, `--state`, `--rate-limit-*`, `--fault-*`) come
//! from the kit; this file adds Prisma Cloud's own. See `crates/prismacloud-sandbox/README.md`.

use std::time::Duration;

use anyhow::Context as _;
use clap::Parser;
use prismacloud_sandbox::config::{
    DEFAULT_CUSTOMER_NAME, DEFAULT_PASSWORD, DEFAULT_PRISMA_ID, DEFAULT_USERNAME,
};
use prismacloud_sandbox::{Sandbox, SandboxConfig, SandboxState};
use sandbox_kit::cli::{self, Banner, KitArgs, Profile};
use secrecy::SecretString;

/// Every flag reads `PRISMACLOUD_SANDBOX_<FLAG>` too; the log filter is `PRISMACLOUD_SANDBOX_LOG`.
const PROFILE: Profile = Profile {
    env_prefix: "PRISMACLOUD_SANDBOX",
    default_listen: "127.0.0.1:8080",
};

/// A local sandbox of the Prisma Cloud integration API, for examples, tests and CI.
#[derive(Parser)]
#[command(name = "prismacloud-sandbox", version)]
struct Args {
    /// Access key accepted by POST /login.
    #[arg(long, default_value = DEFAULT_USERNAME)]
    username: String,
    /// Secret key accepted by POST /login.
    #[arg(long, default_value = DEFAULT_PASSWORD, hide_env_values = true)]
    password: String,
    /// Customer name (POST /login may send it as customerName).
    #[arg(long, default_value = DEFAULT_CUSTOMER_NAME)]
    customer_name: String,
    /// Tenant id, returned by GET /license and required in /api/v1/tenant/{prisma_id}/ paths.
    #[arg(long, default_value = DEFAULT_PRISMA_ID)]
    prisma_id: String,
    /// Token lifetime, e.g. 10m, 90s, 1h.
    #[arg(long, default_value = "10m", value_parser = humantime::parse_duration)]
    token_ttl: Duration,
    #[command(flatten)]
    kit: KitArgs,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Args = cli::parse(&PROFILE);
    cli::init_logging(&PROFILE);

    let settings = args.kit.settings();
    // The demo credentials are printed: the user pastes them into a shell.
    let exports = [
        ("PRISMACLOUD_USERNAME", args.username.clone()),
        ("PRISMACLOUD_PASSWORD", args.password.clone()),
    ];
    let note = format!("prisma id {}; stop with Ctrl-C", args.prisma_id);
    let config = SandboxConfig {
        username: args.username,
        password: SecretString::from(args.password),
        customer_name: args.customer_name,
        prisma_id: args.prisma_id,
        token_ttl: args.token_ttl,
        rate_limit: settings.rate_limit,
        latency: settings.latency,
        faults: settings.faults.clone(),
    };
    let state = match &args.kit.state {
        Some(path) => SandboxState::open(config, path)?,
        None => SandboxState::new(config),
    };
    let listen = args.kit.listen;
    let sandbox = Sandbox::serve(state, listen)
        .await
        .with_context(|| format!("cannot listen on {listen}"))?;

    let banner = exports.into_iter().fold(
        Banner::new("Prisma Cloud sandbox").export("PRISMACLOUD_URL", sandbox.url()),
        |banner, (name, value)| banner.export(name, value),
    );
    banner
        .note(note)
        .print(&settings, args.kit.state.as_deref())?;

    cli::stop_requested().await;
    tracing::info!("stopping");
    sandbox.shutdown().await;
    Ok(())
}
