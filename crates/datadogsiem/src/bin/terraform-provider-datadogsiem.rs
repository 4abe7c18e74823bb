//! The provider binary Terraform launches: the go-plugin handshake, then the provider served
//! over gRPC. A human running it gets an explanation, or with `--debug` a provider serving on
//! its own and the `TF_REATTACH_PROVIDERS` value that points Terraform at it.

use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use datadogsiem::provider::provider_from_env;
use tfplugin::grpc::ProviderService;
use tfplugin::serve::{ServeConfig, ServeMode, serve};

/// The address Terraform knows this provider by.
const PROVIDER_ADDRESS: &str = "registry.terraform.io/security-integrations/datadogsiem";

/// What a human who runs the binary by hand reads.
const NOT_A_PLUGIN: &str = "\
This is the Terraform provider for Datadog Cloud SIEM entity context sync configurations, a
plugin that Terraform starts by itself: it is not meant to be run directly.

Declare it in your configuration's required_providers block and run terraform.
To debug it, start it with --debug and follow the instructions it prints.";

/// Terraform provider for Datadog Cloud SIEM entity context sync configurations.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// Serve on a local socket for a debugger's Terraform to reattach to, until Ctrl-C.
    #[arg(long)]
    debug: bool,
}

impl Args {
    fn mode(&self) -> ServeMode {
        match self.debug {
            true => ServeMode::Debug,
            false => ServeMode::Plugin,
        }
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    tfplugin::log::init("provider");
    let service = ProviderService::new(Arc::new(provider_from_env()));
    let served = serve(
        service,
        ServeConfig::new(PROVIDER_ADDRESS, NOT_A_PLUGIN),
        args.mode(),
    );
    match served.await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("terraform-provider-datadogsiem: {error}");
            ExitCode::FAILURE
        }
    }
}
