//! The release a Terraform user installs: this test run's provider and sandbox packaged by
//! `scripts/release.py`, installed into a filesystem mirror, then — with the network shut —
//! `terraform init`, apply against the packaged sandbox and an empty plan on every tested
//! Terraform (`tfharness::release`; the layouts themselves are tested with the Prisma Cloud
//! provider's release).

use crate::support::{client, provider_under_test, runtime};

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tfharness::release::{self, Released};

const SANDBOX: &str = "infracast-sandbox";

#[test]
fn the_released_provider_and_sandbox_run_offline_on_every_tested_terraform() {
    static DIST: OnceLock<PathBuf> = OnceLock::new();
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_terraform-provider-infracast"));
    let dist = release::package_once(
        &DIST,
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("infracast-release-dist"),
        &binary,
        &binary.with_file_name(SANDBOX),
    );
    let provider = provider_under_test();
    let name = |terraform: &str| format!("Released, on Terraform {terraform}");
    let sandbox = release::run_offline_on_every_version(&Released {
        provider: &provider,
        version: env!("CARGO_PKG_VERSION"),
        dist,
        sandbox: SANDBOX,
        exports: &[
            "INFRACAST_URL",
            "INFRACAST_USERNAME",
            "INFRACAST_PASSWORD",
            "INFRACAST_TENANT",
        ],
        resources: &|terraform| {
            format!(
                r#"
resource "infracast_integration_webhook" "released" {{
  name   = "{}"
  url    = "https://hooks.example.com/released"
  events = ["finding.created"]
  secret = "released-signing-secret"
}}
"#,
                name(terraform)
            )
        },
    });
    // The packaged sandbox holds what each version created.
    let listed = runtime()
        .block_on(client(sandbox.export("INFRACAST_URL")).list(None))
        .expect("the packaged sandbox lists");
    let mut names: Vec<&str> = listed
        .iter()
        .filter_map(|i| i.attributes["name"].as_str())
        .collect();
    names.sort_unstable();
    let mut expected: Vec<String> = tfharness::versions::ALL.iter().map(|v| name(v)).collect();
    expected.sort();
    assert_eq!(names, expected);
}
