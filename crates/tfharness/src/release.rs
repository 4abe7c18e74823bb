//! A provider's release as its users install it: `scripts/release.py` packages the binaries a
//! test run built (the provider and its sandbox), installs them, and Terraform — with the network
//! shut — installs the provider from the mirror and runs it against the packaged sandbox, on
//! every tested version.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use crate::{Provider, Run, SandboxProcess, Workspace, repository_root, versions};

/// `scripts/release.py` with `args`, HOME set to `home` (where its default mirror is).
pub fn release_py(args: &[&str], home: &Path) -> Run {
    let script = repository_root().join("scripts/release.py");
    let output = Command::new("python3")
        .arg(script)
        .args(args)
        .env("HOME", home)
        .output()
        .expect("python3 runs");
    Run::from(output, String::new())
}

/// `release.py package` of `binary` with `sandbox`, into `dist` (emptied first), once per test
/// process: `packaged` keeps it for every later call.
pub fn package_once<'a>(
    packaged: &'a OnceLock<PathBuf>,
    dist: PathBuf,
    binary: &Path,
    sandbox: &Path,
) -> &'a Path {
    packaged.get_or_init(|| {
        assert!(
            sandbox.is_file(),
            "{} is missing: `cargo test --workspace` builds it",
            sandbox.display()
        );
        if dist.exists() {
            std::fs::remove_dir_all(&dist).unwrap();
        }
        let home = tempfile::tempdir().unwrap();
        let r = release_py(
            &[
                "package",
                "--binary",
                &binary.display().to_string(),
                "--sandbox",
                &sandbox.display().to_string(),
                "--out",
                &dist.display().to_string(),
            ],
            home.path(),
        );
        assert_eq!(r.code, 0, "package failed:\n{}", r.all());
        dist
    })
}

/// Terraform with HOME set to `home` and no way to reach the network: every proxy is a closed
/// port, so an attempt to reach a registry fails the run. Loopback stays direct (a sandbox, a
/// local mirror).
pub fn shut_network(ws: &mut Workspace, home: &Path) {
    ws.env("HOME", &home.display().to_string());
    for proxy in ["HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy"] {
        ws.env(proxy, "http://127.0.0.1:9");
    }
    ws.env("NO_PROXY", "127.0.0.1,localhost");
    ws.env("no_proxy", "127.0.0.1,localhost");
}

/// `<namespace>/<type>` of a provider's source address.
pub fn short_source(provider: &Provider) -> String {
    let parts: Vec<&str> = provider.source.rsplitn(3, '/').collect();
    format!("{}/{}", parts[1], parts[0])
}

/// The `terraform` block requiring `provider` at `version` exactly, and its provider block.
pub fn pinned_provider(provider: &Provider, version: &str) -> String {
    let source = short_source(provider);
    let local_name = source.rsplit('/').next().unwrap();
    format!(
        "terraform {{\n  required_providers {{\n    {local_name} = {{\n      source  = \"{source}\"\n      \
         version = \"{version}\"\n    }}\n  }}\n}}\n\n{}\n",
        provider.block
    )
}

/// A workspace on Terraform `terraform` with no CLI configuration (so no `dev_overrides`: the
/// provider comes from `home`'s mirror) and no network.
pub fn offline(provider: &Provider, terraform: &str, home: &Path) -> Workspace {
    let mut ws = Workspace::new(provider.clone());
    ws.use_cli(versions::cli(terraform));
    ws.set_cli_config("");
    shut_network(&mut ws, home);
    ws
}

/// `terraform init` installed `provider` at `version`.
pub fn assert_installed(r: &Run, provider: &Provider, version: &str, terraform: &str) {
    assert_eq!(
        r.code,
        0,
        "offline init on {terraform} failed:\n{}",
        r.all()
    );
    let installed = format!("Installed {} v{version}", short_source(provider));
    assert!(
        r.stdout.contains(&installed),
        "on {terraform}:\n{}",
        r.all()
    );
}

/// What a release test runs.
pub struct Released<'a> {
    pub provider: &'a Provider,
    /// The version the release names.
    pub version: &'a str,
    /// Where `release.py package` wrote it.
    pub dist: &'a Path,
    /// The sandbox's binary name, and the variables its banner exports.
    pub sandbox: &'a str,
    pub exports: &'a [&'a str],
    /// The resources to apply on Terraform `version`, configured from those variables.
    pub resources: &'a dyn Fn(&str) -> String,
}

/// Installs the release (`release.py install --sandbox-dir`) into a fresh HOME, starts the
/// packaged sandbox, then on every tested Terraform, with the network shut: `terraform init`
/// installs the provider from the mirror, apply creates the resources against the sandbox, and
/// the next plan is empty. Returns the sandbox, still running.
pub fn run_offline_on_every_version(release: &Released) -> SandboxProcess {
    let home = tempfile::tempdir().unwrap();
    let bin = home.path().join("bin");
    let dist = release.dist.display().to_string();
    let args = ["install", "--dist", &dist, "--sandbox-dir"];
    let r = release_py(
        &[&args[..], &[&bin.display().to_string()]].concat(),
        home.path(),
    );
    assert_eq!(r.code, 0, "install failed:\n{}", r.all());
    let sandbox = SandboxProcess::start(
        &bin.join(release.sandbox),
        &["--listen", "127.0.0.1:0"],
        release.exports,
    );
    for terraform in versions::ALL {
        let mut ws = offline(release.provider, terraform, home.path());
        for (k, v) in sandbox.exports() {
            ws.env(k, v);
        }
        ws.write(
            "main.tf",
            &format!(
                "{}\n{}",
                pinned_provider(release.provider, release.version),
                (release.resources)(terraform)
            ),
        );
        let r = ws.terraform(&["init", "-input=false", "-no-color"]);
        assert_installed(&r, release.provider, release.version, terraform);
        let r = ws.apply();
        assert!(
            r.stdout.contains("0 changed, 0 destroyed"),
            "on {terraform}:\n{}",
            r.all()
        );
        let r = ws.plan();
        assert_eq!(
            r.code,
            0,
            "on {terraform}, a plan after apply:\n{}",
            r.all()
        );
    }
    // HOME goes; the sandbox keeps running (a running binary outlives its file).
    sandbox
}
