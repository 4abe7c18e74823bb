//! A scratch Terraform working directory with the provider under test installed by
//! `dev_overrides`, and the runs, files, state and outputs a test reads.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value as Json;

use crate::{Run, terraform_cli};

/// The provider under test.
#[derive(Clone, Debug)]
pub struct Provider {
    /// Its full source address, e.g. `registry.terraform.io/acme/thing`.
    pub source: String,
    /// The directory holding its binary (`terraform-provider-<type>`).
    pub bin_dir: PathBuf,
    /// Its `required_providers` and `provider` blocks, prepended to every `main.tf`.
    pub hcl: String,
    /// The provider block as `hcl` writes it (`provider "thing" {}`), replaced to add settings.
    pub block: String,
}

/// A scratch working directory and how Terraform runs in it.
pub struct Workspace {
    pub dir: tempfile::TempDir,
    pub provider: Provider,
    cli: PathBuf,
    cli_config: PathBuf,
    env: Vec<(String, String)>,
    removed_env: Vec<String>,
    /// Providers served in process: source address → `host:port`.
    reattached: Vec<(String, String)>,
    runs: AtomicUsize,
}

impl Workspace {
    pub fn new(provider: Provider) -> Self {
        let dir = tempfile::tempdir().expect("a scratch directory");
        let cli_config = dir.path().join("terraformrc");
        let workspace = Workspace {
            dir,
            cli: terraform_cli(),
            cli_config,
            env: Vec::new(),
            removed_env: Vec::new(),
            reattached: Vec::new(),
            runs: AtomicUsize::new(0),
            provider,
        };
        workspace.set_cli_config(&workspace.dev_overrides());
        workspace
    }

    /// The CLI configuration that installs the provider under test from its build directory.
    pub fn dev_overrides(&self) -> String {
        format!(
            "provider_installation {{\n  dev_overrides {{\n    \"{}\" = \"{}\"\n  }}\n  direct {{}}\n}}\n",
            self.provider.source,
            self.provider.bin_dir.display()
        )
    }

    /// Runs a different Terraform CLI from now on (another version of the matrix).
    pub fn use_cli(&mut self, cli: PathBuf) {
        self.cli = cli;
    }

    /// Replaces the CLI configuration file (by default the `dev_overrides`) with `text`; an
    /// empty text leaves Terraform to its implied installation methods.
    pub fn set_cli_config(&self, text: &str) {
        std::fs::write(&self.cli_config, text).unwrap();
    }

    /// Sets an environment variable for every later run.
    pub fn env(&mut self, key: &str, value: &str) {
        self.env.push((key.into(), value.into()));
    }

    /// Removes an environment variable the test process has from every later run.
    pub fn env_remove(&mut self, key: &str) {
        self.removed_env.push(key.into());
    }

    /// Serve a provider from this process at `addr` (`host:port`) as `source` for every later
    /// run.
    pub fn reattach(&mut self, source: &str, addr: String) {
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

    /// Write `main.tf` (the provider's blocks are prepended).
    pub fn config(&self, hcl: &str) {
        self.write("main.tf", &format!("{}\n{hcl}", self.provider.hcl));
    }

    /// Write `main.tf` with `attributes` in the provider block.
    pub fn config_with_provider(&self, attributes: &str, hcl: &str) {
        let block = &self.provider.block;
        let opened = block.trim_end_matches('}').trim_end();
        let provider = self
            .provider
            .hcl
            .replace(block, &format!("{opened}\n{attributes}\n}}"));
        self.write("main.tf", &format!("{provider}\n{hcl}"));
    }

    /// Runs the CLI with `args` in the scratch directory; fails the test on a provider panic.
    pub fn terraform(&self, args: &[&str]) -> Run {
        self.terraform_in(self.dir.path(), args)
    }

    /// The CLI run in `dir` (a directory of the scratch tree, e.g. a copied example); fails the
    /// test on a provider panic.
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

    /// [`Workspace::command`] in `dir`.
    pub fn command_in(&self, dir: &Path, args: &[&str], log_path: &Path) -> Command {
        let mut cmd = Command::new(&self.cli);
        cmd.args(args)
            .current_dir(dir)
            .env("TF_CLI_CONFIG_FILE", &self.cli_config)
            .env("TF_IN_AUTOMATION", "1")
            .env("CHECKPOINT_DISABLE", "1")
            .env_remove("TF_LOG")
            .env("TF_LOG_PROVIDER", "trace")
            .env("TF_LOG_PATH", log_path);
        for k in &self.removed_env {
            cmd.env_remove(k);
        }
        for (k, v) in &self.env {
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
            .env
            .iter()
            .rev()
            .find(|(k, _)| k == "TF_LOG_PATH")
            .map_or_else(|| default_path.to_path_buf(), |(_, v)| PathBuf::from(v));
        std::fs::read_to_string(path).unwrap_or_default()
    }

    /// `terraform apply`, which must succeed.
    pub fn apply(&self) -> Run {
        let r = self.terraform(&["apply", "-auto-approve", "-input=false", "-no-color"]);
        assert_eq!(r.code, 0, "apply failed:\n{}", r.all());
        r
    }

    /// `terraform destroy`, which must succeed.
    pub fn destroy(&self) -> Run {
        let r = self.terraform(&["destroy", "-auto-approve", "-input=false", "-no-color"]);
        assert_eq!(r.code, 0, "destroy failed:\n{}", r.all());
        r
    }

    /// `terraform plan -detailed-exitcode`: 0 = no changes, 2 = changes, 1 = error.
    pub fn plan(&self) -> Run {
        self.plan_with(&[])
    }

    /// [`Workspace::plan`] with `extra` arguments, such as `-refresh=false`.
    pub fn plan_with(&self, extra: &[&str]) -> Run {
        let mut args = vec!["plan", "-detailed-exitcode", "-input=false", "-no-color"];
        args.extend_from_slice(extra);
        self.terraform(&args)
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

    /// `terraform output -json`, which must succeed.
    pub fn outputs(&self) -> Json {
        let r = self.terraform(&["output", "-json", "-no-color"]);
        assert_eq!(r.code, 0, "output failed:\n{}", r.all());
        serde_json::from_str(&r.stdout).expect("output -json prints JSON")
    }

    /// Copies `from` (an example directory of the repository) to `relative` under the scratch
    /// directory (so relative module sources keep working) and returns where it now is.
    pub fn copy_tree_into(&self, from: &Path, relative: &str) -> PathBuf {
        let to = self.dir.path().join(relative);
        copy_tree(from, &to);
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
