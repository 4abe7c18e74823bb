//! The provider binary Terraform launches.
//!
//! Run by Terraform, it performs the go-plugin handshake and serves; run by a human with
//! `--debug`, it serves on its own and prints the `TF_REATTACH_PROVIDERS` value that points
//! Terraform at it.

use std::process::ExitCode;

use clap::Parser;
use integration_engine::plugin::serve_plugin;

/// Source address Terraform knows this provider by.
const PROVIDER_ADDRESS: &str = "registry.terraform.io/prismacloud-community/prismacloud";

const NOT_A_PLUGIN: &str = "\
This is the Terraform provider for Prisma Cloud integrations, a plugin that
Terraform starts by itself: it is not meant to be run directly.

Declare it in your configuration's required_providers block and run terraform.
To debug it, start it with --debug and follow the instructions it prints.";

/// Terraform provider for Prisma Cloud integrations.
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
    let provider = prismacloud::provider::provider_from_env();
    serve_plugin(provider, PROVIDER_ADDRESS, NOT_A_PLUGIN, args.debug).await
}
