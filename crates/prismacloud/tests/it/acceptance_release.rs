//! The release a Terraform user installs: `scripts/release.py package` packs the provider as
//! the Registry expects (zip, SHA256SUMS, manifest) and the sandbox beside it (its own zip in
//! the same SHA256SUMS); `scripts/release.py install` puts the provider into a local filesystem
//! mirror (and the sandbox into a directory), `scripts/release.py network-mirror` lays it out for
//! an HTTPS server. Then a plain `required_providers` block with a version plus `terraform init`
//! installs it with no network and no `dev_overrides`, on every tested Terraform version, and
//! the installed provider runs against the packaged sandbox.
//!
//! The debug build of this test run is packaged (a release build has no place in `cargo test`),
//! once per run: the tests share it. Network access is made impossible rather than assumed
//! absent: Terraform is sent through a proxy on a closed port, so any attempt to reach a
//! registry fails the test.

use crate::support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use prismacloud::api::{Client, ClientConfig};
use secrecy::SecretString;
use serde_json::Value as Json;
use support::tls_front::PrivateCa;
use support::{Acceptance, provider_binary, provider_under_test};
use tfharness::release::{self, Released, release_py, shut_network};
use tfharness::{SandboxProcess, versions};

const VERSION: &str = env!("CARGO_PKG_VERSION");
const NAME: &str = "terraform-provider-prismacloud";
const SANDBOX: &str = "prismacloud-sandbox";
const ADDRESS: &str = "registry.terraform.io/prismacloud-community/prismacloud";

fn host_platform() -> String {
    let arch = match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        other => other,
    };
    format!("{}_{arch}", std::env::consts::OS)
}

/// The release of this test run's binaries (the provider and the sandbox cargo built beside
/// it), packaged once for every test, in Cargo's directory for test files.
fn packaged() -> &'static Path {
    static DIST: OnceLock<PathBuf> = OnceLock::new();
    release::package_once(
        &DIST,
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("prismacloud-release-dist"),
        &provider_binary(),
        &provider_binary().with_file_name(SANDBOX),
    )
}

/// A Slack integration named `name`, configured from the environment.
fn slack(name: &str) -> String {
    format!(
        r#"
resource "prismacloud_integration_slack" "installed" {{
  name        = "{name}"
  webhook_url = "https://hooks.slack.com/services/T000/B000/installed"
}}
"#
    )
}

/// `main.tf` that requires this release by version, with a Slack integration named `name`.
fn pinned_config(name: &str) -> String {
    format!(
        "{}
{}",
        release::pinned_provider(&provider_under_test(), VERSION),
        slack(name)
    )
}

#[test]
fn packaged_release_installs_from_a_local_mirror_without_network() {
    let scratch = tempfile::tempdir().unwrap();
    let home = scratch.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let dist = packaged();

    let platform = host_platform();
    let zip = format!("{NAME}_{VERSION}_{platform}.zip");
    let sandbox_zip = format!("{SANDBOX}_{VERSION}_{platform}.zip");
    let sums = format!("{NAME}_{VERSION}_SHA256SUMS");
    let manifest = format!("{NAME}_{VERSION}_manifest.json");
    let mut files: Vec<String> = std::fs::read_dir(dist)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut expected = vec![
        sums.clone(),
        zip.clone(),
        sandbox_zip.clone(),
        manifest.clone(),
    ];
    expected.sort();
    assert_eq!(files, expected);

    let manifest_json: Json =
        serde_json::from_str(&std::fs::read_to_string(dist.join(&manifest)).unwrap()).unwrap();
    assert_eq!(manifest_json["version"], 1);
    assert_eq!(
        manifest_json["metadata"]["protocol_versions"],
        serde_json::json!(["6.0"])
    );

    // The checksums hold, as the standard tool checks them.
    let check = Command::new("sha256sum")
        .args(["--check", "--strict", &sums])
        .current_dir(dist)
        .output()
        .expect("sha256sum runs");
    let listed = String::from_utf8_lossy(&check.stdout);
    assert!(check.status.success(), "{listed}");
    for file in [&zip, &sandbox_zip, &manifest] {
        assert!(listed.contains(&format!("{file}: OK")), "{listed}");
    }

    // Without the install, init finds the provider nowhere, and the network is shut.
    let mut t = Acceptance::new();
    t.set_cli_config("");
    shut_network(&mut t, &home);
    t.write("main.tf", &pinned_config("Installed from the mirror"));
    let r = t.terraform(&["init", "-input=false", "-no-color"]);
    assert_eq!(
        r.code,
        1,
        "init found a provider it should not have:\n{}",
        r.all()
    );
    assert!(
        r.flat()
            .contains("could not connect to registry.terraform.io"),
        "{}",
        r.all()
    );

    // Install into the mirror Terraform searches by itself, then init with no network.
    let r = release_py(&["install", "--dist", &dist.display().to_string()], &home);
    assert_eq!(r.code, 0, "install failed:\n{}", r.all());
    let in_mirror: PathBuf = home.join(".terraform.d/plugins").join(ADDRESS).join(&zip);
    assert!(in_mirror.is_file(), "{}", r.all());

    let r = t.terraform(&["init", "-input=false", "-no-color"]);
    release::assert_installed(&r, &provider_under_test(), VERSION, versions::NEWEST);
    let lock = std::fs::read_to_string(t.dir.path().join(".terraform.lock.hcl")).unwrap();
    assert!(
        lock.contains(&format!("version     = \"{VERSION}\"")),
        "{lock}"
    );
    assert!(lock.contains("\"h1:"), "{lock}");
    let installed = t
        .dir
        .path()
        .join(".terraform/providers")
        .join(ADDRESS)
        .join(VERSION)
        .join(&platform)
        .join(format!("{NAME}_v{VERSION}"));
    assert!(installed.is_file(), "{}", installed.display());

    let r = t.terraform(&["version", "-no-color"]);
    assert!(
        r.stdout
            .contains(&format!("+ provider {ADDRESS} v{VERSION}")),
        "{}",
        r.all()
    );

    // The installed copy serves: apply creates the integration, a second plan is empty.
    t.apply();
    t.assert_plan_empty();
    let names: Vec<Json> = t.integrations().iter().map(|i| i["name"].clone()).collect();
    assert_eq!(names, ["Installed from the mirror"]);
}

#[test]
fn the_released_provider_and_sandbox_run_offline_on_every_tested_terraform() {
    let name = |terraform: &str| format!("Released, on Terraform {terraform}");
    let sandbox = release::run_offline_on_every_version(&Released {
        provider: &provider_under_test(),
        version: VERSION,
        dist: packaged(),
        sandbox: SANDBOX,
        exports: &[
            "PRISMACLOUD_URL",
            "PRISMACLOUD_USERNAME",
            "PRISMACLOUD_PASSWORD",
        ],
        resources: &|terraform| slack(&name(terraform)),
    });
    // The packaged sandbox holds what each version created.
    let client = Client::new(ClientConfig::new(
        url::Url::parse(sandbox.export("PRISMACLOUD_URL")).unwrap(),
        sandbox.export("PRISMACLOUD_USERNAME"),
        SecretString::from(sandbox.export("PRISMACLOUD_PASSWORD")),
    ))
    .unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mut names: Vec<String> = runtime
        .block_on(client.list(Some("slack")))
        .expect("the packaged sandbox lists")
        .into_iter()
        .map(|i| i.name)
        .collect();
    names.sort();
    let mut expected: Vec<String> = versions::ALL.iter().map(|v| name(v)).collect();
    expected.sort();
    assert_eq!(names, expected);
}

/// A static HTTPS file server (Python's `http.server` behind `ssl`), as a user would put a
/// network mirror on any web server; it announces its port as an `export` line.
const HTTPS_SERVER: &str = r#"
import functools, http.server, ssl, sys
root, cert, key = sys.argv[1:4]
handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=root)
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(cert, key)
server.socket = context.wrap_socket(server.socket, server_side=True)
print(f"export PORT={server.server_address[1]}", flush=True)
server.serve_forever()
"#;

#[test]
fn the_network_mirror_layout_installs_over_https_on_every_tested_terraform() {
    let scratch = tempfile::tempdir().unwrap();
    let mirror = scratch.path().join("mirror");
    let dist = packaged().display().to_string();
    let r = release_py(
        &[
            "network-mirror",
            "--dist",
            &dist,
            "--out",
            &mirror.display().to_string(),
        ],
        scratch.path(),
    );
    assert_eq!(r.code, 0, "network-mirror failed:\n{}", r.all());
    let served = mirror.join(ADDRESS);
    let read = |name: &str| -> Json {
        serde_json::from_str(&std::fs::read_to_string(served.join(name)).unwrap()).unwrap()
    };
    assert_eq!(
        read("index.json"),
        serde_json::json!({"versions": {VERSION: {}}})
    );
    let archive = &read(&format!("{VERSION}.json"))["archives"][host_platform()];
    let zip = format!("{NAME}_{VERSION}_{}.zip", host_platform());
    assert_eq!(archive["url"], zip.as_str(), "{archive:#}");
    assert!(served.join(&zip).is_file());
    let h1 = archive["hashes"][0].as_str().unwrap().to_owned();
    assert!(h1.starts_with("h1:"), "{archive:#}");

    // Terraform takes a network mirror only over HTTPS: a throwaway CA, trusted through
    // SSL_CERT_FILE.
    let ca = PrivateCa::new(scratch.path());
    let server = SandboxProcess::start(
        Path::new("python3"),
        &[
            "-c",
            HTTPS_SERVER,
            &mirror.display().to_string(),
            &ca.cert_file.display().to_string(),
            &ca.key_file.display().to_string(),
        ],
        &["PORT"],
    );
    let cli_config = format!(
        "provider_installation {{\n  network_mirror {{\n    url = \"https://127.0.0.1:{}/\"\n  }}\n}}\n",
        server.export("PORT")
    );
    let home = scratch.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    for version in versions::ALL {
        let ws = {
            let mut ws = release::offline(&provider_under_test(), version, &home);
            ws.set_cli_config(&cli_config);
            ws.env("SSL_CERT_FILE", &ca.ca_file.display().to_string());
            ws
        };
        ws.write("main.tf", &pinned_config("unused"));
        let r = ws.terraform(&["init", "-input=false", "-no-color"]);
        release::assert_installed(&r, &provider_under_test(), VERSION, version);
        // The h1 hash the mirror announced is the one Terraform computes (a wrong one would
        // be recorded beside it).
        let lock = ws.read(".terraform.lock.hcl");
        let hashes: Vec<&str> = lock
            .lines()
            .map(|l| l.trim().trim_end_matches(',').trim_matches('"'))
            .filter(|h| h.starts_with("h1:"))
            .collect();
        assert_eq!(hashes, [h1.as_str()], "on {version}:\n{lock}");
    }
    let log = server.read_log();
    assert!(
        log.contains(&format!("GET /{ADDRESS}/{zip}")),
        "the server's log:\n{log}"
    );
}

#[test]
fn install_refuses_a_zip_that_does_not_match_its_checksum() {
    let scratch = tempfile::tempdir().unwrap();
    let dist = scratch.path().join("dist");
    let home = scratch.path().join("home");
    std::fs::create_dir_all(&dist).unwrap();
    let zip = format!("{NAME}_{VERSION}_linux_amd64.zip");
    std::fs::write(dist.join(&zip), b"not the packaged zip").unwrap();
    std::fs::write(
        dist.join(format!("{NAME}_{VERSION}_SHA256SUMS")),
        format!("{}  {zip}\n", "0".repeat(64)),
    )
    .unwrap();
    let r = release_py(
        &[
            "install",
            "--dist",
            &dist.display().to_string(),
            "--os",
            "linux",
            "--arch",
            "amd64",
        ],
        &home,
    );
    assert_eq!(r.code, 1, "{}", r.all());
    assert!(
        r.stderr.contains("does not match its SHA256SUMS entry"),
        "{}",
        r.all()
    );
    assert!(!home.join(".terraform.d").exists());
}
