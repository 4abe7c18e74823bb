//! What a platform's provider binary shares with every other: where it reads its environment,
//! how it names itself to the API, and how `main` serves.

use std::process::ExitCode;
use std::sync::Arc;

use tfplugin::grpc::ProviderService;
use tfplugin::serve::{ServeConfig, ServeMode, serve};

use crate::provider::{IntegrationProvider, Platform};

/// Where a provider reads its settings' environment variables (injectable for tests).
pub type Env = Box<dyn Fn(&str) -> Option<String> + Send + Sync>;

/// The process environment.
pub fn process_env() -> Env {
    Box::new(|name| std::env::var(name).ok())
}

/// The `User-Agent` of a provider's API calls: `<product>/<version> (+Terraform <version>)`.
pub fn user_agent(product: &str, version: &str, terraform_version: &str) -> String {
    let terraform = match terraform_version.trim() {
        "" => "unknown",
        v => v,
    };
    format!("{product}/{version} (+Terraform {terraform})")
}

/// A provider binary's `main`: logs as hclog JSON on stderr, performs the plugin handshake
/// and serves `provider` as `address` until Terraform is done (or, with `debug`, serves on its
/// own and prints the reattach value). Run without Terraform, it prints `not_a_plugin` and
/// fails.
pub async fn serve_plugin<P: Platform>(
    provider: IntegrationProvider<P>,
    address: &str,
    not_a_plugin: &str,
    debug: bool,
) -> ExitCode {
    tfplugin::log::init("provider");
    let mode = if debug {
        ServeMode::Debug
    } else {
        ServeMode::Plugin
    };
    let service = ProviderService::new(Arc::new(provider));
    match serve(service, ServeConfig::new(address, not_a_plugin), mode).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_user_agent_names_product_and_terraform() {
        assert_eq!(
            user_agent("terraform-provider-demo", "0.1.0", "1.15.5"),
            "terraform-provider-demo/0.1.0 (+Terraform 1.15.5)"
        );
        assert_eq!(user_agent("p", "1", " "), "p/1 (+Terraform unknown)");
        assert!(process_env()("PATH").is_some());
    }
}
