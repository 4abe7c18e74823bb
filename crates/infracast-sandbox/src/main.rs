//! `infracast-sandbox`: the Infracast integrations API on a local port, printing the
//! `export INFRACAST_...` lines that point the provider at it.

use std::net::SocketAddr;
use std::time::Duration;

use clap::Parser;
use infracast_sandbox::config::{
    DEFAULT_MAX_PER_PAGE, DEFAULT_PASSWORD, DEFAULT_PER_PAGE, DEFAULT_TENANT, DEFAULT_USERNAME,
};
use infracast_sandbox::{Sandbox, SandboxConfig};

/// A local, offline stand-in for the Infracast integrations API.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// Address to listen on (port 0 picks a free port; the bound URL is printed).
    #[arg(
        long,
        default_value = "127.0.0.1:8080",
        env = "INFRACAST_SANDBOX_LISTEN"
    )]
    listen: SocketAddr,
    /// The user `POST /api/v1/auth/token` accepts.
    #[arg(long, default_value = DEFAULT_USERNAME, env = "INFRACAST_SANDBOX_USERNAME")]
    username: String,
    /// Its password.
    #[arg(long, default_value = DEFAULT_PASSWORD, env = "INFRACAST_SANDBOX_PASSWORD")]
    password: String,
    /// Its tenant slug.
    #[arg(long, default_value = DEFAULT_TENANT, env = "INFRACAST_SANDBOX_TENANT")]
    tenant: String,
    /// Lifetime of an access token, e.g. 1h (the real API's), 5s (to see refreshes).
    #[arg(long, default_value = "1h", value_parser = humantime::parse_duration, env = "INFRACAST_SANDBOX_ACCESS_TTL")]
    access_ttl: Duration,
    /// Lifetime of a refresh token, e.g. 7d (the real API's).
    #[arg(long, default_value = "7d", value_parser = humantime::parse_duration, env = "INFRACAST_SANDBOX_REFRESH_TTL")]
    refresh_ttl: Duration,
    /// Items per page when a list does not ask.
    #[arg(long, default_value_t = DEFAULT_PER_PAGE, env = "INFRACAST_SANDBOX_PER_PAGE")]
    per_page: u32,
    /// The most items a page holds.
    #[arg(long, default_value_t = DEFAULT_MAX_PER_PAGE, env = "INFRACAST_SANDBOX_MAX_PER_PAGE")]
    max_per_page: u32,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let config = SandboxConfig {
        access_ttl: args.access_ttl,
        refresh_ttl: args.refresh_ttl,
        default_per_page: args.per_page.max(1),
        max_per_page: args.max_per_page.max(1),
        ..SandboxConfig::with_user(&args.username, &args.password, &args.tenant)
    };
    let sandbox = Sandbox::start(config, args.listen).await?;
    println!("Infracast sandbox listening on {}", sandbox.url());
    println!(
        "export INFRACAST_URL={} INFRACAST_USERNAME={} INFRACAST_PASSWORD={} INFRACAST_TENANT={}",
        sandbox.url(),
        args.username,
        args.password,
        args.tenant
    );
    tokio::signal::ctrl_c().await?;
    sandbox.shutdown().await;
    Ok(())
}
