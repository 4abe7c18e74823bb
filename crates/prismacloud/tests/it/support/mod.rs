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
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use prismacloud::api::{Client, ClientConfig};
use prismacloud_sandbox::{FaultConfig, Sandbox, SandboxConfig, Stats};
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value as Json;
use tokio::runtime::Runtime;

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
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn terraform_cli() -> PathBuf {
    if let Some(p) = std::env::var_os("TERRAFORM") {
        return PathBuf::from(p);
    }
    let p = workspace_root().join(".tools/bin/terraform");
    assert!(
        p.exists(),
        "The Terraform CLI is missing: run scripts/install-terraform.sh (or set TERRAFORM). \
         Acceptance tests do not skip."
    );
    p
}

pub fn provider_binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_terraform-provider-prismacloud"))
}

/// Text that means the provider process panicked or crashed: Rust's panic message, and what
/// Terraform says when a plugin dies under it.
pub const PANIC_MARKERS: &[&str] = &[
    "panicked at",
    "Stack trace from the terraform-provider",
    "Plugin did not respond",
    "The plugin encountered an error",
];

/// The outcome of one CLI run.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    /// The run's log file (`TF_LOG_PATH`): the provider's logs at trace level at least.
    pub log: String,
}

impl Run {
    pub fn from(o: Output, log: String) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
            log,
        }
    }

    /// Fails the test if the CLI output or the log shows a panic of the provider.
    pub fn assert_no_panic(&self) {
        for (what, text) in [
            ("stdout", &self.stdout),
            ("stderr", &self.stderr),
            ("log", &self.log),
        ] {
            if let Some(marker) = PANIC_MARKERS.iter().find(|m| text.contains(**m)) {
                let at = text.find(marker).unwrap_or(0);
                let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
                let excerpt: String = text[start..].chars().take(2000).collect();
                panic!("the provider panicked ({what} shows {marker:?}):\n{excerpt}");
            }
        }
    }

    pub fn all(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }

    /// [`Run::all`] with every run of whitespace made one space: Terraform wraps diagnostic
    /// text at 78 columns, so a sentence may span lines.
    pub fn flat(&self) -> String {
        self.all().split_whitespace().collect::<Vec<_>>().join(" ")
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

pub struct Acceptance {
    sandbox: Option<Sandbox>,
    runtime: Runtime,
    pub dir: tempfile::TempDir,
    cli_config: PathBuf,
    extra_env: Vec<(String, String)>,
    /// Providers served in process: source address → `host:port`.
    reattached: Vec<(String, String)>,
    username: String,
    password: SecretString,
    runs: AtomicUsize,
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
        let dir = tempfile::tempdir().expect("a scratch directory");
        let cli_config = dir.path().join("terraformrc");
        let bin_dir = provider_binary().parent().unwrap().to_path_buf();
        std::fs::write(
            &cli_config,
            format!(
                "provider_installation {{\n  dev_overrides {{\n    \"{SOURCE}\" = \"{}\"\n  }}\n  direct {{}}\n}}\n",
                bin_dir.display()
            ),
        )
        .unwrap();
        Acceptance {
            sandbox: Some(sandbox),
            runtime,
            dir,
            cli_config,
            extra_env: Vec::new(),
            reattached: Vec::new(),
            username,
            password,
            runs: AtomicUsize::new(0),
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

    /// Replaces the CLI configuration file (by default the `dev_overrides` pointing at this
    /// run's build) with `text`; an empty text leaves Terraform to its implied installation
    /// methods (local mirror directories, then the registry).
    pub fn set_cli_config(&self, text: &str) {
        std::fs::write(&self.cli_config, text).unwrap();
    }

    pub fn env(&mut self, key: &str, value: &str) {
        self.extra_env.push((key.into(), value.into()));
    }

    /// A TLS front for this sandbox, signed by a private CA (see `tls_front`).
    pub fn tls_front(&self) -> tls_front::TlsFront {
        let state = self.sandbox().state().clone();
        self.block_on(tls_front::start(state, self.dir.path()))
    }

    /// Write `main.tf` with `attributes` in the provider block.
    pub fn config_with_provider(&self, attributes: &str, hcl: &str) {
        let provider = PROVIDER_HCL.replace(
            "provider \"prismacloud\" {}",
            &format!("provider \"prismacloud\" {{\n{attributes}\n}}"),
        );
        std::fs::write(
            self.dir.path().join("main.tf"),
            format!("{provider}\n{hcl}"),
        )
        .unwrap();
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
        self.reattached.push((source.to_string(), addr));
    }

    /// Write a file of the working directory.
    pub fn write(&self, name: &str, text: &str) {
        std::fs::write(self.dir.path().join(name), text).unwrap();
    }

    /// Read a file of the working directory ("" when it does not exist).
    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(name)).unwrap_or_default()
    }

    /// Write `main.tf` (the provider block is prepended).
    pub fn config(&self, hcl: &str) {
        std::fs::write(
            self.dir.path().join("main.tf"),
            format!("{PROVIDER_HCL}\n{hcl}"),
        )
        .unwrap();
    }

    /// Runs the CLI with `args` in the scratch directory; fails the test on a provider panic.
    pub fn terraform(&self, args: &[&str]) -> Run {
        self.terraform_in(self.dir.path(), args)
    }

    /// The CLI run in `dir` (a directory of the scratch tree, e.g. a copied example); fails
    /// the test on a provider panic.
    pub fn terraform_in(&self, dir: &Path, args: &[&str]) -> Run {
        let run = self.runs.fetch_add(1, Ordering::SeqCst);
        let log_path = self.dir.path().join(format!("run-{run}.log"));
        let mut cmd = self.command_in(dir, args, &log_path);
        let output = cmd.output().expect("the Terraform CLI runs");
        let run = Run::from(output, self.read_log(&log_path));
        run.assert_no_panic();
        run
    }

    /// The CLI command for `args` in the scratch directory, logging to `log_path` unless the
    /// test set `TF_LOG_PATH`.
    pub fn command(&self, args: &[&str], log_path: &Path) -> Command {
        self.command_in(self.dir.path(), args, log_path)
    }

    /// [`Acceptance::command`] in `dir`.
    pub fn command_in(&self, dir: &Path, args: &[&str], log_path: &Path) -> Command {
        let mut cmd = Command::new(terraform_cli());
        cmd.args(args)
            .current_dir(dir)
            .env("TF_CLI_CONFIG_FILE", &self.cli_config)
            .env("TF_IN_AUTOMATION", "1")
            .env("CHECKPOINT_DISABLE", "1")
            .env("PRISMACLOUD_URL", self.sandbox().url())
            .env("PRISMACLOUD_USERNAME", &self.username)
            .env("PRISMACLOUD_PASSWORD", self.password.expose_secret())
            .env_remove("TF_LOG")
            .env("TF_LOG_PROVIDER", "trace")
            .env("TF_LOG_PATH", log_path)
            .env_remove("PRISMACLOUD_PRISMA_ID");
        for (k, v) in &self.extra_env {
            cmd.env(k, v);
        }
        if !self.reattached.is_empty() {
            let reattach: serde_json::Map<String, Json> = self
                .reattached
                .iter()
                .map(|(source, addr)| {
                    let config = serde_json::json!({
                        "Protocol": "grpc",
                        "ProtocolVersion": 6,
                        "Pid": std::process::id(),
                        "Test": true,
                        "Addr": {"Network": "tcp", "String": addr},
                    });
                    (source.clone(), config)
                })
                .collect();
            cmd.env("TF_REATTACH_PROVIDERS", Json::Object(reattach).to_string());
        }
        cmd
    }

    /// The log a run wrote (where the test's own `TF_LOG_PATH`, if any, points).
    pub fn read_log(&self, default_path: &Path) -> String {
        let path = self
            .extra_env
            .iter()
            .rev()
            .find(|(k, _)| k == "TF_LOG_PATH")
            .map_or_else(|| default_path.to_path_buf(), |(_, v)| PathBuf::from(v));
        std::fs::read_to_string(path).unwrap_or_default()
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

    /// `terraform apply`, which must succeed.
    pub fn apply(&self) -> Run {
        let r = self.terraform(&["apply", "-auto-approve", "-input=false", "-no-color"]);
        assert_eq!(r.code, 0, "apply failed:\n{}", r.all());
        r
    }

    pub fn destroy(&self) -> Run {
        let r = self.terraform(&["destroy", "-auto-approve", "-input=false", "-no-color"]);
        assert_eq!(r.code, 0, "destroy failed:\n{}", r.all());
        r
    }

    /// `terraform plan -detailed-exitcode`: 0 = no changes, 2 = changes, 1 = error.
    pub fn plan(&self) -> Run {
        self.terraform(&["plan", "-detailed-exitcode", "-input=false", "-no-color"])
    }

    /// `terraform plan` fails (exit 1) and its output mentions every needle.
    pub fn assert_plan_fails_with(&self, needles: &[&str]) -> Run {
        self.assert_plan_code(1, needles)
    }

    /// `terraform plan` proposes changes (exit 2) and its output mentions every needle.
    pub fn assert_plan_changes_with(&self, needles: &[&str]) -> Run {
        self.assert_plan_code(2, needles)
    }

    fn assert_plan_code(&self, code: i32, needles: &[&str]) -> Run {
        let r = self.plan();
        let all = r.all();
        assert_eq!(r.code, code, "plan exit code:\n{all}");
        for needle in needles {
            assert!(all.contains(needle), "missing {needle:?} in:\n{all}");
        }
        r
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

    pub fn assert_plan_empty(&self) {
        let r = self.plan();
        assert_eq!(r.code, 0, "expected an empty plan:\n{}", r.all());
    }

    /// The state as `terraform show -json` prints it.
    pub fn state(&self) -> Json {
        let r = self.terraform(&["show", "-json", "-no-color"]);
        assert_eq!(r.code, 0, "show failed:\n{}", r.all());
        serde_json::from_str(&r.stdout).expect("show -json prints JSON")
    }

    /// One resource's entry in `terraform show -json`.
    fn resource_entry(&self, address: &str) -> Json {
        let state = self.state();
        state["values"]["root_module"]["resources"]
            .as_array()
            .and_then(|rs| rs.iter().find(|r| r["address"] == address))
            .cloned()
            .unwrap_or_else(|| panic!("{address} is not in state: {state:#}"))
    }

    /// The values of one resource in state.
    pub fn resource(&self, address: &str) -> Json {
        self.resource_entry(address)["values"].clone()
    }

    /// The identity Terraform stored for one resource.
    pub fn identity(&self, address: &str) -> Json {
        self.resource_entry(address)["identity"].clone()
    }

    /// What the sandbox stores (secrets included).
    pub fn integrations(&self) -> Vec<Json> {
        self.sandbox().state().integrations()
    }

    pub fn integration(&self, id: &str) -> Option<Json> {
        self.integrations().into_iter().find(|i| i["id"] == id)
    }

    pub fn block_on<F: std::future::Future>(&self, f: F) -> F::Output {
        self.runtime.block_on(f)
    }

    /// `terraform output -json`, which must succeed.
    pub fn outputs(&self) -> Json {
        let r = self.terraform(&["output", "-json", "-no-color"]);
        assert_eq!(r.code, 0, "output failed:\n{}", r.all());
        serde_json::from_str(&r.stdout).expect("output -json prints JSON")
    }

    /// Copies the repository's `examples/<path>` to the same place under the scratch directory
    /// (so relative module sources keep working) and returns where it now is.
    pub fn copy_example(&self, path: &str) -> PathBuf {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples")
            .join(path);
        let to = self.dir.path().join("examples").join(path);
        copy_tree(&from, &to);
        to
    }

    /// Asserts that no `secret` appears in what Terraform shows or keeps: the given CLI runs,
    /// `terraform output -json`, `terraform show -json` and the state file.
    pub fn assert_no_secret(&self, runs: &[&Run], secrets: &[&str]) {
        let show = self.terraform(&["show", "-json", "-no-color"]);
        let output = self.terraform(&["output", "-json", "-no-color"]);
        let state = self.state_file();
        let places = runs.iter().map(|r| ("CLI output", r.all())).chain([
            ("terraform show -json", show.all()),
            ("terraform output -json", output.all()),
            ("the state file", state),
        ]);
        for (place, text) in places {
            for secret in secrets {
                assert!(!text.contains(secret), "a secret is in {place}:\n{text}");
            }
        }
    }

    pub fn state_file(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("terraform.tfstate")).unwrap_or_default()
    }
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        // What a local run left behind (.terraform/, state) is not part of the example.
        if name.starts_with('.') || name.contains(".tfstate") {
            continue;
        }
        let target = to.join(&name);
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

impl Drop for Acceptance {
    fn drop(&mut self) {
        if let Some(sandbox) = self.sandbox.take() {
            self.runtime.block_on(sandbox.shutdown());
        }
    }
}
