//! The release a Terraform user installs: this test run's provider and sandbox packaged by
//! `scripts/release.py`, installed into a filesystem mirror, then — with the network shut —
//! `terraform init`, apply against the packaged sandbox and an empty plan on every tested
//! Terraform (`tfharness::release`; the layouts themselves are tested with the Prisma Cloud
//! provider's release).

use crate::support::provider_under_test;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tfharness::release::{self, Released};

const SANDBOX: &str = "datadogsiem-sandbox";

#[test]
fn the_released_provider_and_sandbox_run_offline_on_every_tested_terraform() {
    static DIST: OnceLock<PathBuf> = OnceLock::new();
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_terraform-provider-datadogsiem"));
    let dist = release::package_once(
        &DIST,
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("datadogsiem-release-dist"),
        &binary,
        &binary.with_file_name(SANDBOX),
    );
    release::run_offline_on_every_version(&Released {
        provider: &provider_under_test(),
        version: env!("CARGO_PKG_VERSION"),
        dist,
        sandbox: SANDBOX,
        exports: &["DD_HOST", "DD_API_KEY", "DD_APP_KEY"],
        resources: &|terraform| {
            format!(
                r#"
resource "datadogsiem_entity_context_sync_okta" "released" {{
  name      = "Released, on Terraform {terraform}"
  domain    = "example.okta.com"
  api_token = "released-okta-token"
}}
"#
            )
        },
    });
}
