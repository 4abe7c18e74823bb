//! `make docs`: writes the Registry-style pages under `docs/` from the provider's schemas, the
//! catalog and `examples/`; `--check` writes nothing and fails on drift (as
//! `tests/it/docs_generated.rs` does).

use std::path::Path;
use std::process::ExitCode;

use datadogsiem::docs::{self, tree};

fn main() -> ExitCode {
    let check = match std::env::args().nth(1).as_deref() {
        None => false,
        Some("--check") => true,
        Some(other) => {
            eprintln!("docgen: unexpected argument {other:?}; usage: docgen [--check]");
            return ExitCode::FAILURE;
        }
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let synced = docs::generate(&root.join("examples"))
        .and_then(|pages| tree::sync(&root.join("docs"), &pages, check));
    match synced {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("docgen: {e}");
            ExitCode::FAILURE
        }
    }
}
