//! Acceptance-test harness: a scratch directory, and the real Terraform CLI pointed at the
//! provider binary a test run built (`dev_overrides`). Each platform's tests wrap a
//! [`Workspace`] with their sandbox and the environment variables that configure their
//! provider.
//!
//! The CLI comes from `TERRAFORM`, else `.tools/bin/terraform` at the workspace root (installed
//! by `scripts/install-terraform.sh`; [`versions`] names the other versions of the matrix and
//! [`versions::cli`] finds them). A missing CLI fails the test: acceptance tests never skip.
//! [`lifecycle::run_core`] is the acceptance core a platform runs on each version;
//! [`SandboxProcess`] runs a sandbox binary as users do, and [`release`] installs a packaged
//! release offline on each version; [`settings`] holds every provider to its `validate` setting.
//!
//! Every run logs the provider at trace level to a file of its own (`TF_LOG_PROVIDER`,
//! `TF_LOG_PATH`), and a Rust panic anywhere in the provider process — in the CLI output or in
//! that log — fails the test, whatever the run's exit code. Providers served from the test
//! process itself are handed to Terraform through `TF_REATTACH_PROVIDERS`, as Terraform's own
//! test harness does. [`examples`] validates a provider's `examples/` directory.

pub mod examples;
pub mod lifecycle;
mod process;
pub mod release;
mod run;
pub mod settings;
pub mod versions;
mod workspace;

use std::path::{Path, PathBuf};

pub use lifecycle::{CoreResource, run_core};
pub use process::SandboxProcess;
pub use run::{PANIC_MARKERS, Run};
pub use workspace::{Provider, Workspace};

/// The root of the Cargo workspace (where `.tools/` and `scripts/` live).
pub fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The Terraform CLI tests run: `TERRAFORM`, else the one `scripts/install-terraform.sh`
/// installs.
pub fn terraform_cli() -> PathBuf {
    if let Some(p) = std::env::var_os("TERRAFORM") {
        return PathBuf::from(p);
    }
    installed(".tools/bin/terraform", "")
}

/// The Terraform CLI of `version` (e.g. `1.6.6`), as `scripts/install-terraform.sh <version>`
/// installs it.
pub fn terraform_cli_version(version: &str) -> PathBuf {
    installed(&format!(".tools/bin/terraform-{version}"), version)
}

fn installed(relative: &str, version: &str) -> PathBuf {
    let p = repository_root().join(relative);
    assert!(
        p.exists(),
        "The Terraform CLI {} is missing: run scripts/install-terraform.sh {version} (or set \
         TERRAFORM). Acceptance tests do not skip.",
        p.display()
    );
    p
}
