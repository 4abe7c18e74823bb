//! The provider binary Terraform launches: the go-plugin handshake, then the provider served
//! over gRPC. A human running it gets an explanation, or with `--debug` a provider serving on
//! its own and the `TF_REATTACH_PROVIDERS` value that points Terraform at it.

use std::process::ExitCode;

use clap::Parser;
use datadogsiem::provider::provider_from_env;
use integration_engine::plugin::serve_plugin;

/// The address Terraform knows this provider by.
const PROVIDER_ADDRESS: &str = "registry.terraform.io/security-integrations/datadogsiem";

/// What a human who runs the binary by hand reads.
const NOT_A_PLUGIN: &str = "\
terraform-provider-datadogsiem manages Datadog Cloud SIEM entity context sync configurations.
Terraform starts it when a configuration requires the provider
security-integrations/datadogsiem; it does nothing useful on its own.

To debug it, run it with --debug: it then serves by itself and prints the
TF_REATTACH_PROVIDERS value to give the terraform you run next.";

/// The Terraform provider for Datadog Cloud SIEM entity context sync configurations.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// Serve without Terraform, for a debugger, and print how to reattach; stop with Ctrl-C.
    #[arg(long)]
    debug: bool,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    serve_plugin(
        provider_from_env(),
        PROVIDER_ADDRESS,
        NOT_A_PLUGIN,
        args.debug,
    )
    .await
}
