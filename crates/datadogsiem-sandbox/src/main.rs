//! `datadogsiem-sandbox`: serves a local, offline stand-in for the Datadog Cloud SIEM entity
//! context sync API.
//!
//! On start it prints, on stdout, shell lines exporting the URL it bound (`DD_HOST`) and the
//! (public, demo) keys it accepts (`DD_API_KEY`, `DD_APP_KEY`); request log lines go to
//! stderr. It serves until Ctrl-C or SIGTERM. The shared flags (`--listen`, `--latency`,
//! `--state`, `--rate-limit-*`, `--fault-*`) come from the sandbox kit; this file adds
//! Datadog's own. See `crates/datadogsiem-sandbox/README.md`.

use anyhow::Context as _;
use clap::Parser;
use datadogsiem_sandbox::config::{AzureAppRegistration, DEFAULT_API_KEY, DEFAULT_APP_KEY};
use datadogsiem_sandbox::{Sandbox, SandboxConfig, SandboxState};
use sandbox_kit::KitSettings;
use sandbox_kit::cli::{self, Banner, KitArgs, Profile};
use secrecy::SecretString;

/// Every flag reads `DATADOGSIEM_SANDBOX_<FLAG>` too; the log filter is
/// `DATADOGSIEM_SANDBOX_LOG`.
const PROFILE: Profile = Profile {
    env_prefix: "DATADOGSIEM_SANDBOX",
    default_listen: "127.0.0.1:8081",
};

/// A local sandbox of the Datadog Cloud SIEM entity context sync API, for examples, tests and
/// CI.
#[derive(Parser)]
#[command(name = "datadogsiem-sandbox", version)]
struct Args {
    /// The DD-API-KEY every call must carry.
    #[arg(long, default_value = DEFAULT_API_KEY, hide_env_values = true)]
    api_key: String,
    /// The DD-APPLICATION-KEY every call must carry.
    #[arg(long, default_value = DEFAULT_APP_KEY, hide_env_values = true)]
    app_key: String,
    /// Report no Azure App Registration, so Entra ID's prerequisite is not met (creating an
    /// Entra ID configuration then fails).
    #[arg(long)]
    no_azure_app_registrations: bool,
    #[command(flatten)]
    kit: KitArgs,
}

/// The sandbox the flags describe.
fn sandbox_config(args: &Args, kit: &KitSettings) -> SandboxConfig {
    let azure_app_registrations = match args.no_azure_app_registrations {
        true => Vec::new(),
        false => vec![AzureAppRegistration::collecting()],
    };
    SandboxConfig {
        api_key: SecretString::from(args.api_key.clone()),
        app_key: SecretString::from(args.app_key.clone()),
        azure_app_registrations,
        rate_limit: kit.rate_limit,
        latency: kit.latency,
        faults: kit.faults.clone(),
        ..SandboxConfig::default()
    }
}

/// What the sandbox prints once it listens at `url`: the lines to paste, Datadog's own
/// variables with the (public, demo) keys.
fn banner(args: &Args, url: String) -> Banner {
    Banner::new("Datadog Cloud SIEM sandbox")
        .export("DD_HOST", url)
        .export("DD_API_KEY", args.api_key.clone())
        .export("DD_APP_KEY", args.app_key.clone())
        .note("a secret containing \"invalid\" is refused as wrong credentials")
        .note("stop with Ctrl-C")
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Args = cli::parse(&PROFILE);
    cli::init_logging(&PROFILE);
    let kit = args.kit.settings();
    let config = sandbox_config(&args, &kit);
    let state = match &args.kit.state {
        Some(path) => SandboxState::persistent(config, path)?,
        None => SandboxState::new(config),
    };
    let listen = args.kit.listen;
    let sandbox = Sandbox::serve(state, listen)
        .await
        .with_context(|| format!("cannot listen on {listen}"))?;
    banner(&args, sandbox.url()).print(&kit, args.kit.state.as_deref())?;
    cli::stop_requested().await;
    tracing::info!("stopping");
    sandbox.shutdown().await;
    Ok(())
}
