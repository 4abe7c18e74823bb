//! The provider binary Terraform launches.
//!
//! Run by Terraform, it performs the go-plugin handshake and serves; run by a human with
//! `--debug`, it serves on its own and prints the `TF_REATTACH_PROVIDERS` value that points
//! Terraform at it.

use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;

use tfplugin::grpc::ProviderService;
use tfplugin::serve::{ServeConfig, ServeMode, serve};

/// Source address Terraform knows this provider by.
const PROVIDER_ADDRESS: &str = "registry.terraform.io/security-integrations/datadogsiem";

const NOT_A_PLUGIN: &str = "\
This is the Terraform provider for Datadog Cloud SIEM entity context sync configurations, a
plugin that Terraform starts by itself: it is not meant to be run directly.

Declare it in your configuration's required_providers block and run terraform.
To debug it, start it with --debug and follow the instructions it prints.";

/// Terraform provider for Datadog Cloud SIEM entity context sync configurations.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// Serve on a local socket for Terraform to reattach to (for debuggers), until Ctrl-C.
    #[arg(long)]
    debug: bool,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    tfplugin::log::init("provider");
    let mode = if args.debug {
        ServeMode::Debug
    } else {
        ServeMode::Plugin
    };
    let config = ServeConfig::new(PROVIDER_ADDRESS, NOT_A_PLUGIN);
    let provider = ProviderService::new(Arc::new(datadogsiem::provider::provider_from_env()));
    match serve(provider, config, mode).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}
