//! Acceptance-test harness: `datadogsiem-sandbox` on a free port, a scratch directory, and the
//! real Terraform CLI pointed at the provider binary this test run built (`tfharness`, which
//! this dereferences to: runs fail the test on a provider panic, and log the provider at trace
//! level to a file of their own).

#![allow(dead_code)]

use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use datadogsiem::api::{Client, ClientConfig, SecretValue, SyncRequest};
use datadogsiem_sandbox::config::{DEFAULT_API_KEY, DEFAULT_APP_KEY};
use datadogsiem_sandbox::{Sandbox, SandboxConfig};
use secrecy::SecretString;
use serde_json::Value as Json;
use tokio::runtime::Runtime;

pub use tfharness::{Run, Workspace};

pub const SOURCE: &str = "registry.terraform.io/security-integrations/datadogsiem";

/// The HCL every test starts with: the provider, configured from the environment.
pub const PROVIDER_HCL: &str = r#"
terraform {
  required_providers {
    datadogsiem = {
      source = "security-integrations/datadogsiem"
    }
  }
}

provider "datadogsiem" {}
"#;

/// Environment variables a developer's shell may hold that would point the provider elsewhere.
const FOREIGN_ENV: &[&str] = &[
    "DD_SITE",
    "DATADOG_HOST",
    "DATADOG_API_KEY",
    "DATADOG_APP_KEY",
    "DATADOGSIEM_REQUEST_TIMEOUT",
    "DATADOGSIEM_MAX_RETRIES",
    "DATADOGSIEM_CA_FILE",
    "DATADOGSIEM_INSECURE_HTTP",
    "DATADOGSIEM_VALIDATE",
];

/// The provider under test, as the harness installs it.
pub fn provider_under_test() -> tfharness::Provider {
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_terraform-provider-datadogsiem"));
    tfharness::Provider {
        source: SOURCE.into(),
        bin_dir: binary.parent().unwrap().to_path_buf(),
        hcl: PROVIDER_HCL.into(),
        block: "provider \"datadogsiem\" {}".into(),
    }
}

/// The one runtime every sandbox of this test binary runs on (each test blocks on it from its
/// own thread; the servers run on its workers).
fn runtime() -> &'static Runtime {
    static RUNTIME: OnceLock<Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a tokio runtime")
    })
}

/// A sandbox on a free port and a Terraform workspace whose provider is pointed at it
/// (`DD_HOST` and the keys), nothing else of the developer's environment leaking in.
pub struct Acceptance {
    ws: Workspace,
    sandbox: Option<Sandbox>,
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
        let loopback = "127.0.0.1:0".parse().unwrap();
        let sandbox = block_on(Sandbox::start(config, loopback)).expect("the sandbox starts");
        let mut ws = Workspace::new(provider_under_test());
        FOREIGN_ENV.iter().for_each(|var| ws.env_remove(var));
        for (var, value) in [
            ("DD_HOST", sandbox.url().as_str()),
            ("DD_API_KEY", DEFAULT_API_KEY),
            ("DD_APP_KEY", DEFAULT_APP_KEY),
        ] {
            ws.env(var, value);
        }
        Acceptance {
            ws,
            sandbox: Some(sandbox),
        }
    }

    pub fn sandbox(&self) -> &Sandbox {
        self.sandbox
            .as_ref()
            .expect("the sandbox runs until the harness is dropped")
    }

    /// What the sandbox stores, secrets included.
    pub fn configs(&self) -> Vec<Json> {
        self.sandbox().state().configs()
    }

    /// One stored configuration's attributes, secrets included.
    pub fn stored(&self, id: &str) -> Json {
        self.sandbox()
            .state()
            .config_item(id)
            .unwrap_or_else(|| panic!("the sandbox has no configuration {id}"))["attributes"]
            .clone()
    }

    /// One resource's attributes from the state file (no CLI run).
    pub fn state_of(&self, address: &str) -> Json {
        let (kind, name) = address.split_once('.').expect("type.name");
        let state: Json = serde_json::from_str(&self.state_file()).expect("a state file");
        state["resources"]
            .as_array()
            .and_then(|rs| {
                rs.iter()
                    .find(|r| r["type"] == kind && r["name"] == name && r["mode"] == "managed")
            })
            .map(|r| r["instances"][0]["attributes"].clone())
            .unwrap_or_else(|| panic!("{address} is not in state"))
    }

    /// The id of a resource in state.
    pub fn id_of(&self, address: &str) -> String {
        self.state_of(address)["id"]
            .as_str()
            .expect("an id")
            .to_owned()
    }

    /// A run that must succeed, with the output of a successful `apply` (or `plan`).
    pub fn ok(&self, args: &[&str]) -> Run {
        let run = self.terraform(args);
        assert_eq!(run.code, 0, "terraform {args:?} failed:\n{}", run.all());
        run
    }

    /// An API client for changes made outside Terraform (the web app, a colleague's script).
    pub fn api(&self) -> Client {
        let url = url::Url::parse(&self.sandbox().url()).unwrap();
        let config = ClientConfig::new(
            url,
            SecretString::from(DEFAULT_API_KEY),
            SecretString::from(DEFAULT_APP_KEY),
        );
        Client::new(config).unwrap()
    }

    /// Creates a configuration outside Terraform; its id. `secrets`: key, value, is JSON.
    pub fn create_out_of_band(
        &self,
        integration_type: &str,
        name: &str,
        domain: &str,
        settings: Option<Json>,
        secrets: &[(&str, &str, bool)],
    ) -> String {
        let request = SyncRequest {
            integration_type: integration_type.into(),
            name: name.into(),
            domain: domain.into(),
            enabled: true,
            settings: settings.map(|s| s.as_object().expect("an object").clone()),
            secrets: secrets
                .iter()
                .map(|(k, v, json)| {
                    let value = SecretValue {
                        text: SecretString::from(*v),
                        json: *json,
                    };
                    (k.to_string(), value)
                })
                .collect(),
        };
        self.block_on(self.api().create(&request))
            .expect("the sandbox creates it")
            .id
    }

    /// Copies `examples/<path>` under the scratch directory (relative module sources keep
    /// working) and returns where it now is.
    pub fn copy_example(&self, path: &str) -> PathBuf {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples")
            .join(path);
        self.ws.copy_tree_into(&from, &format!("examples/{path}"))
    }

    pub fn block_on<F: std::future::Future>(&self, f: F) -> F::Output {
        block_on(f)
    }
}

/// Runs `f` to completion on the tests' runtime.
pub fn block_on<F: std::future::Future>(f: F) -> F::Output {
    runtime().block_on(f)
}

impl Drop for Acceptance {
    fn drop(&mut self) {
        if let Some(sandbox) = self.sandbox.take() {
            block_on(sandbox.shutdown());
        }
    }
}

/// A Google Cloud service account key file, its private key marked for scans.
pub fn key_file(marker: &str) -> String {
    serde_json::json!({
        "type": "service_account",
        "project_id": "siem-sync",
        "private_key_id": "0123456789abcdef",
        "private_key": format!("-----BEGIN PRIVATE KEY-----\n{marker}\n-----END PRIVATE KEY-----\n"),
        "client_email": "sync@siem-sync.iam.gserviceaccount.com",
        "client_id": "104000000000000000000",
        "token_uri": "https://oauth2.googleapis.com/token"
    })
    .to_string()
}

/// `text` as an HCL heredoc-free string literal (quotes and backslashes escaped).
pub fn hcl_string(text: &str) -> String {
    serde_json::to_string(text).unwrap().replace("${", "$${")
}
