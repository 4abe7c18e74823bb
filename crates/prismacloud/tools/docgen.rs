//! `make docs`: writes the Registry-style pages under `docs/` (index, resources, data sources)
//! from the provider's schemas, the catalog and `examples/`, removing pages of types that no
//! longer exist. Hand-written pages (`docs/guides/`, `crates/prismacloud-sandbox/README.md`) are left alone.
//!
//! `--check` writes nothing and fails when `docs/` differs from what would be written
//! (`cargo test` runs the same comparison in `tests/it/docs_generated.rs`).

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use prismacloud::docs;

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
        for d in &drift {
            eprintln!("{d}");
        }
        if !drift.is_empty() {
            eprintln!("Run `make docs` and commit the result.");
            return Ok(ExitCode::FAILURE);
        }
        println!("docs/ is up to date ({} pages)", pages.len());
    } else {
        let changed = docs::tree::write(&docs_dir, &pages)?;
        for d in &changed {
            let verb = match d {
                docs::tree::Drift::Stale(_) => "removed",
                _ => "wrote",
            };
            println!("{verb} docs/{}", d.path().display());
        }
        println!("{} pages, {} changed", pages.len(), changed.len());
    }
    Ok(ExitCode::SUCCESS)
}
