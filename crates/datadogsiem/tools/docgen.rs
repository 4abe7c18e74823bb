//! `make docs`: writes the Registry-style pages under `docs/` (index, resources, data sources,
//! list resources) from the provider's schemas, the catalog and `examples/`, removing pages of
//! types that no longer exist. Hand-written pages (`docs/guides/`) are left alone.
//!
//! `--check` writes nothing and fails when `docs/` differs from what would be written
//! (`cargo test` runs the same comparison in `tests/it/docs_generated.rs`).

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use datadogsiem::docs::{self, tree::Drift};

fn main() -> anyhow::Result<ExitCode> {
    let check = match std::env::args().nth(1).as_deref() {
        None => false,
        Some("--check") => true,
        Some(other) => anyhow::bail!("unknown argument {other:?}; usage: docgen [--check]"),
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let pages = docs::generate(&root.join("examples")).context("generating the docs")?;
    let docs_dir = root.join("docs");
    if check {
        let drift = docs::tree::check(&docs_dir, &pages)?;
        drift.iter().for_each(|d| eprintln!("{d}"));
        if !drift.is_empty() {
            eprintln!("Run `make docs` and commit the result.");
            return Ok(ExitCode::FAILURE);
        }
        println!("docs/ is up to date ({} pages)", pages.len());
        return Ok(ExitCode::SUCCESS);
    }
    let changed = docs::tree::write(&docs_dir, &pages)?;
    for d in &changed {
        let verb = if matches!(d, Drift::Stale(_)) {
            "removed"
        } else {
            "wrote"
        };
        println!("{verb} docs/{}", d.path().display());
    }
    println!("{} pages, {} changed", pages.len(), changed.len());
    Ok(ExitCode::SUCCESS)
}
