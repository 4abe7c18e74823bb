//! The acceptance harness of this crate: an `infracast-sandbox` on a free port and a Terraform
//! workspace (tfharness) whose provider is the binary this test run built, configured through
//! `INFRACAST_*` variables; plus an API client for changes made outside Terraform.

#![allow(dead_code)]

use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};

use infracast::api::{Client, ClientConfig};
use infracast_sandbox::config::{DEFAULT_PASSWORD, DEFAULT_TENANT, DEFAULT_USERNAME};
use infracast_sandbox::{Sandbox, SandboxConfig};
use secrecy::SecretString;
use serde_json::Value as Json;
use tokio::runtime::Runtime;

pub use tfharness::Workspace;

pub const SOURCE: &str = "registry.terraform.io/security-integrations/infracast";

/// What every test configuration starts with: the provider, configured from the environment.
pub const PROVIDER_HCL: &str = r#"
terraform {
  required_providers {
    infracast = {
      source = "security-integrations/infracast"
    }
  }
}

provider "infracast" {}
"#;

pub fn provider_under_test() -> tfharness::Provider {
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_terraform-provider-infracast"));
    tfharness::Provider {
        source: SOURCE.into(),
        bin_dir: binary.parent().unwrap().to_path_buf(),
        hcl: PROVIDER_HCL.into(),
        block: "provider \"infracast\" {}".into(),
    }
}

/// A multi-threaded runtime for the sandbox and out-of-band calls.
pub fn runtime() -> Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime")
}

/// A sandbox and a Terraform workspace pointed at it (dereferences to the workspace). Dropped,
/// the sandbox stops with its runtime.
pub struct Acceptance {
    ws: Workspace,
    sandbox: Sandbox,
    runtime: Runtime,
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
        let runtime = runtime();
        let sandbox = runtime
            .block_on(Sandbox::start(config, "127.0.0.1:0".parse().unwrap()))
            .expect("the sandbox starts");
        let mut ws = Workspace::new(provider_under_test());
        ws.env("INFRACAST_URL", &sandbox.url());
        ws.env("INFRACAST_USERNAME", DEFAULT_USERNAME);
        ws.env("INFRACAST_PASSWORD", DEFAULT_PASSWORD);
        ws.env("INFRACAST_TENANT", DEFAULT_TENANT);
        ws.env("INFRACAST_MAX_RETRIES", "3");
        Acceptance {
            ws,
            sandbox,
            runtime,
        }
    }

    pub fn sandbox(&self) -> &Sandbox {
        &self.sandbox
    }

    /// An API client of the default user, for changes made outside Terraform.
    pub fn api(&self) -> Client {
        client(&self.sandbox().url())
    }

    /// What the sandbox stores, every tenant, secrets under `stored_config`.
    pub fn integrations(&self) -> Vec<Json> {
        self.sandbox.state().integrations()
    }

    /// [`Acceptance::integrations`]' entry of `id`.
    pub fn integration(&self, id: &str) -> Option<Json> {
        self.sandbox.state().integration(id)
    }

    /// Runs `future` (an out-of-band API call) to completion.
    pub fn wait<F: std::future::Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }

    /// `examples/<path>` of this crate copied to the same place in the scratch directory (so
    /// module sources stay valid); the copy's path.
    pub fn copy_example(&self, path: &str) -> PathBuf {
        let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        self.ws
            .copy_tree_into(&examples.join(path), &format!("examples/{path}"))
    }
}

/// A client of the sandbox at `url` as its default user, quick to give up.
pub fn client(url: &str) -> Client {
    let mut config = ClientConfig::new(
        url::Url::parse(url).unwrap(),
        DEFAULT_USERNAME.into(),
        SecretString::from(DEFAULT_PASSWORD),
        DEFAULT_TENANT.into(),
    );
    config.max_retries = 3;
    Client::new(config).expect("a client")
}

impl Acceptance {
    /// Creates an integration outside Terraform (the UI, a colleague's script); its id.
    /// `config` goes as is, secrets included.
    pub fn create_out_of_band(&self, integration_type: &str, name: &str, config: Json) -> String {
        let mut attributes = serde_json::Map::new();
        attributes.insert("name".into(), Json::from(name));
        let request = integration_engine::api::IntegrationRequest {
            integration_type: integration_type.into(),
            attributes,
            config: config.as_object().expect("a JSON object").clone(),
            secrets: Default::default(),
        };
        self.wait(self.api().create(&request))
            .expect("the sandbox creates it")
            .id
    }
}
