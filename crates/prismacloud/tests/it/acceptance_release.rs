//! The release a Terraform user installs: `scripts/release.py package` packs the provider as
//! the Registry expects (zip, SHA256SUMS, manifest), `scripts/release.py install` puts it into a
//! local filesystem mirror, and then a plain `required_providers` block with a version plus
//! `terraform init` installs it with no network and no `dev_overrides`, and `terraform apply`
//! runs the installed copy against the sandbox.
//!
//! The debug build of this test run is packaged (a release build has no place in `cargo test`).
//! Network access is made impossible rather than assumed absent: Terraform is sent through a
//! proxy on a closed port, so any attempt to reach a registry fails the test.

use crate::support;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value as Json;
use support::{Acceptance, Run, provider_binary};

const VERSION: &str = env!("CARGO_PKG_VERSION");
const NAME: &str = "terraform-provider-prismacloud";

fn release_py(args: &[&str], home: &Path) -> Run {
    let script = support::workspace_root().join("scripts/release.py");
    let output = Command::new("python3")
        .arg(script)
        .args(args)
        .env("HOME", home)
        .output()
        .expect("python3 runs");
    Run::from(output, String::new())
}

/// A harness whose Terraform has no CLI configuration (so no `dev_overrides`), the given HOME,
/// and no way to reach the network.
fn offline(home: &Path) -> Acceptance {
    let mut t = Acceptance::new();
    t.set_cli_config("");
    t.env("HOME", &home.display().to_string());
    for proxy in ["HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy"] {
        t.env(proxy, "http://127.0.0.1:9");
    }
    // The sandbox is local: the provider reaches it directly.
    t.env("NO_PROXY", "127.0.0.1,localhost");
    t.env("no_proxy", "127.0.0.1,localhost");
    std::fs::write(
        t.dir.path().join("main.tf"),
        format!(
            r#"
terraform {{
  required_providers {{
    prismacloud = {{
      source  = "prismacloud-community/prismacloud"
      version = "{VERSION}"
    }}
  }}
}}

provider "prismacloud" {{}}

resource "prismacloud_integration_slack" "installed" {{
  name        = "Installed from the mirror"
  webhook_url = "https://hooks.slack.com/services/T000/B000/installed"
}}
"#
        ),
    )
    .unwrap();
    t
}

fn host_platform() -> String {
    let arch = match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        other => other,
    };
    format!("{}_{arch}", std::env::consts::OS)
}

#[test]
fn packaged_release_installs_from_a_local_mirror_without_network() {
    let scratch = tempfile::tempdir().unwrap();
    let dist = scratch.path().join("dist");
    let home = scratch.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let binary = provider_binary();

    // Package.
    let r = release_py(
        &[
            "package",
            "--binary",
            &binary.display().to_string(),
            "--out",
            &dist.display().to_string(),
        ],
        &home,
    );
    assert_eq!(r.code, 0, "package failed:\n{}", r.all());
    let platform = host_platform();
    let zip = format!("{NAME}_{VERSION}_{platform}.zip");
    let sums = format!("{NAME}_{VERSION}_SHA256SUMS");
    let manifest = format!("{NAME}_{VERSION}_manifest.json");
    let mut files: Vec<String> = std::fs::read_dir(&dist)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut expected = vec![sums.clone(), zip.clone(), manifest.clone()];
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
        .current_dir(&dist)
        .output()
        .expect("sha256sum runs");
    let listed = String::from_utf8_lossy(&check.stdout);
    assert!(check.status.success(), "{listed}");
    assert!(listed.contains(&format!("{zip}: OK")), "{listed}");
    assert!(listed.contains(&format!("{manifest}: OK")), "{listed}");

    // Without the install, init finds the provider nowhere, and the network is shut.
    let t = offline(&home);
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
    let in_mirror: PathBuf = home
        .join(".terraform.d/plugins/registry.terraform.io/prismacloud-community/prismacloud")
        .join(&zip);
    assert!(in_mirror.is_file(), "{}", r.all());

    let r = t.terraform(&["init", "-input=false", "-no-color"]);
    assert_eq!(r.code, 0, "offline init failed:\n{}", r.all());
    assert!(
        r.stdout.contains(&format!(
            "Installed prismacloud-community/prismacloud v{VERSION}"
        )),
        "{}",
        r.all()
    );
    let lock = std::fs::read_to_string(t.dir.path().join(".terraform.lock.hcl")).unwrap();
    assert!(
        lock.contains(&format!("version     = \"{VERSION}\"")),
        "{lock}"
    );
    assert!(lock.contains("\"h1:"), "{lock}");
    let installed = t
        .dir
        .path()
        .join(".terraform/providers/registry.terraform.io/prismacloud-community/prismacloud")
        .join(VERSION)
        .join(&platform)
        .join(format!("{NAME}_v{VERSION}"));
    assert!(installed.is_file(), "{}", installed.display());

    let r = t.terraform(&["version", "-no-color"]);
    assert!(
        r.stdout.contains(&format!(
            "+ provider registry.terraform.io/prismacloud-community/prismacloud v{VERSION}"
        )),
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
