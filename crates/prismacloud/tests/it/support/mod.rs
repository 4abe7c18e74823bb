//! Acceptance-test harness: a sandbox on a free port, a scratch directory, and the real
//! Terraform CLI pointed at the provider binary this test run built (dev_overrides).
//!
//! The CLI comes from `TERRAFORM`, else `.tools/bin/terraform` (installed by
//! `scripts/install-terraform.sh`). A missing CLI fails the test: acceptance tests never skip.
//!
//! Every run logs the provider at trace level to a file of its own (`TF_LOG_PROVIDER`,
//! `TF_LOG_PATH`), and a Rust panic anywhere in the provider process — in the CLI output or
//! in that log — fails the test, whatever the run's exit code.
//!
//! Other providers a test needs (see [`official`]) are served from the test process itself and
//! handed to Terraform through `TF_REATTACH_PROVIDERS`, as Terraform's own test harness does.

#![allow(dead_code)]

pub mod fleet;
pub mod official;
pub mod tls_front;

use std::collections::BTreeMap;
use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use prismacloud::api::{Client, ClientConfig};
use prismacloud_sandbox::{
    FaultConfig, FaultKind, FaultRule, FaultWeights, Sandbox, SandboxConfig, Stats,
};
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value as Json;
use tokio::runtime::Runtime;

// Each user of this module (the tests, the bench) needs a different part of the harness.
#[allow(unused_imports)]
pub use tfharness::{PANIC_MARKERS, Run, Workspace, terraform_cli};

pub const SOURCE: &str = "registry.terraform.io/prismacloud-community/prismacloud";

/// The HCL every test starts with: the provider, configured from the environment.
pub const PROVIDER_HCL: &str = r#"
terraform {
  required_providers {
    prismacloud = {
      source = "prismacloud-community/prismacloud"
    }
  }
}

provider "prismacloud" {}
"#;

/// The root of the Cargo workspace (where `.tools/` and `scripts/` live).
pub fn workspace_root() -> PathBuf {
    tfharness::repository_root()
}

pub fn provider_binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_terraform-provider-prismacloud"))
}

/// The provider under test, as the harness installs it.
pub fn provider_under_test() -> tfharness::Provider {
    tfharness::Provider {
        source: SOURCE.into(),
        bin_dir: provider_binary().parent().unwrap().to_path_buf(),
        hcl: PROVIDER_HCL.into(),
        block: "provider \"prismacloud\" {}".into(),
    }
}

/// A fault rule: `kind` on every request to `route` (`"GET /integration"`), or on the first
/// `limit` of them only.
pub fn fault_rule(route: &str, kind: FaultKind, limit: Option<u64>) -> FaultRule {
    let rule = FaultRule::everywhere(1.0, FaultWeights::only(kind)).on(route);
    match limit {
        Some(n) => rule.limited(n),
        None => rule,
    }
}

/// The API requests the sandbox answered during some step.
#[derive(Debug, Clone, Default)]
pub struct ApiCalls {
    pub total: u64,
    /// By `"METHOD /route/{template}"`, as in [`Stats::requests`].
    pub by_route: BTreeMap<String, u64>,
}

impl ApiCalls {
    /// What happened between two snapshots of the counters.
    pub fn between(before: &Stats, after: &Stats) -> ApiCalls {
        let by_route = after
            .requests
            .iter()
            .map(|(route, n)| (route.clone(), n - before.requests.get(route).unwrap_or(&0)))
            .filter(|(_, n)| *n > 0)
            .collect();
        ApiCalls {
            total: after.total_requests - before.total_requests,
            by_route,
        }
    }

    /// Requests to one route, e.g. `to("GET /integration/{id}")`.
    pub fn to(&self, route: &str) -> u64 {
        self.by_route.get(route).copied().unwrap_or(0)
    }
}

/// A sandbox on a free port and a Terraform workspace configured for it (see
/// [`tfharness::Workspace`], which this dereferences to).
pub struct Acceptance {
    ws: Workspace,
    sandbox: Option<Sandbox>,
    runtime: Runtime,
    username: String,
    password: SecretString,
}

impl Deref for Acceptance {
    type Target = Workspace;

    fn deref(&self) -> &Workspace {
        &self.ws
    }
}

impl DerefMut for Acceptance {
    fn deref_mut(&mut self) -> &mut Workspace {
        &mut self.ws
    }
}

impl Acceptance {
    pub fn new() -> Self {
        Self::with_config(SandboxConfig::default())
    }

    pub fn with_config(config: SandboxConfig) -> Self {
        let username = config.username.clone();
        let password = config.password.clone();
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a tokio runtime");
        let sandbox = runtime
            .block_on(Sandbox::start(config, "127.0.0.1:0".parse().unwrap()))
            .expect("the sandbox starts");
        let mut ws = Workspace::new(provider_under_test());
        ws.env_remove("PRISMACLOUD_PRISMA_ID");
        ws.env("PRISMACLOUD_URL", &sandbox.url());
        ws.env("PRISMACLOUD_USERNAME", &username);
        ws.env("PRISMACLOUD_PASSWORD", password.expose_secret());
        Acceptance {
            ws,
            sandbox: Some(sandbox),
            runtime,
            username,
            password,
        }
    }

    pub fn sandbox(&self) -> &Sandbox {
        self.sandbox
            .as_ref()
            .expect("the sandbox runs until the harness is dropped")
    }

    /// Runs `step` and counts the API requests the sandbox answered meanwhile.
    pub fn counting<T>(&self, step: impl FnOnce() -> T) -> (T, ApiCalls) {
        let before = self.sandbox().state().stats();
        let out = step();
        let after = self.sandbox().state().stats();
        (out, ApiCalls::between(&before, &after))
    }

    /// A TLS front for this sandbox, signed by a private CA (see `tls_front`).
    pub fn tls_front(&self) -> tls_front::TlsFront {
        let state = self.sandbox().state().clone();
        self.block_on(tls_front::start(state, self.dir.path()))
    }

    /// Serve `provider` from this process as the provider `source` (a full address such as
    /// `registry.terraform.io/acme/thing`) for every later Terraform run.
    pub fn reattach<P: tfplugin::provider::Provider>(&mut self, source: &str, provider: P) {
        use tfplugin::generated::tfplugin6::provider_server::ProviderServer;
        use tfplugin::grpc::ProviderService;
        let listener = self
            .runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .expect("a free port");
        let addr = listener.local_addr().unwrap().to_string();
        let service = ProviderServer::new(ProviderService::new(Arc::new(provider)));
        self.runtime.spawn(async move {
            let (reporter, health) = tonic_health::server::health_reporter();
            reporter
                .set_service_status("plugin", tonic_health::ServingStatus::Serving)
                .await;
            tonic::transport::Server::builder()
                .add_service(service)
                .add_service(health)
                .serve_with_incoming(tokio_stream::wrappers::TcpListenerStream::new(listener))
                .await
        });
        self.ws.reattach(source, addr);
    }

    /// Switches the sandbox's fault injection (`FaultConfig::default()` switches it off).
    pub fn faults(&self, config: FaultConfig) {
        self.sandbox()
            .state()
            .set_faults(config)
            .expect("a valid fault configuration");
    }

    /// An API client for changes made outside Terraform (the console, a colleague's script).
    pub fn api(&self) -> Client {
        let url = url::Url::parse(&self.sandbox().url()).unwrap();
        Client::new(ClientConfig::new(
            url,
            self.username.clone(),
            self.password.clone(),
        ))
        .unwrap()
    }

    /// Create an integration outside Terraform (the console, a colleague's script); its ID.
    pub fn create_out_of_band(
        &self,
        integration_type: &str,
        name: &str,
        description: &str,
        config: Json,
        secrets: &[(&str, &str)],
    ) -> String {
        let request = prismacloud::api::IntegrationRequest {
            name: name.into(),
            description: description.into(),
            enabled: true,
            integration_type: integration_type.into(),
            config: serde_json::from_value(config).expect("a JSON object"),
            secrets: secrets
                .iter()
                .map(|(k, v)| (k.to_string(), SecretString::from(*v)))
                .collect(),
        };
        self.block_on(self.api().create(&request))
            .expect("the sandbox creates it")
            .id
    }

    /// What the sandbox stores (secrets included).
    pub fn integrations(&self) -> Vec<Json> {
        self.sandbox().state().integrations()
    }

    /// The ids of what the sandbox stores.
    pub fn integration_ids(&self) -> Vec<String> {
        self.integrations()
            .iter()
            .filter_map(|i| i["id"].as_str().map(str::to_owned))
            .collect()
    }

    pub fn integration(&self, id: &str) -> Option<Json> {
        self.integrations().into_iter().find(|i| i["id"] == id)
    }

    pub fn block_on<F: std::future::Future>(&self, f: F) -> F::Output {
        self.runtime.block_on(f)
    }

    /// Copies the repository's `examples/<path>` to the same place under the scratch directory
    /// (so relative module sources keep working) and returns where it now is.
    pub fn copy_example(&self, path: &str) -> PathBuf {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples")
            .join(path);
        self.ws.copy_tree_into(&from, &format!("examples/{path}"))
    }
}

impl Drop for Acceptance {
    fn drop(&mut self) {
        if let Some(sandbox) = self.sandbox.take() {
            self.runtime.block_on(sandbox.shutdown());
        }
    }
}
