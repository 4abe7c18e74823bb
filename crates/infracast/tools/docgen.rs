//! `make docs`: writes the Registry-style pages under `docs/` (index, resources, data sources,
//! list resources) from the provider's schemas, the catalog and `examples/`, removing pages of
//! types that no longer exist. Hand-written pages (`docs/guides/`) are left alone.
//!
//! `--check` writes nothing and fails when `docs/` differs from what would be written
//! (`cargo test` runs the same comparison in `tests/it/docs_generated.rs`).

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

fn main() -> anyhow::Result<ExitCode> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let check = match args.as_slice() {
        [] => false,
        [flag] if flag == "--check" => true,
        _ => anyhow::bail!("usage: docgen [--check]"),
    };
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let pages = infracast::docs::generate(&crate_dir.join("examples")).context("generating")?;
    let clean = infracast::docs::tree::sync(&crate_dir.join("docs"), &pages, check)?;
    Ok(if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
