//! A provider's `examples/` directory as its tests check it: every directory that holds
//! Terraform files, each validated through the real CLI with the provider under test.

use std::path::{Path, PathBuf};

use crate::Workspace;

/// Whether Terraform reads `path`: configuration (`.tf`) or queries (`.tfquery.hcl`).
pub fn is_terraform(path: &Path) -> bool {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    name.ends_with(".tf") || name.ends_with(".tfquery.hcl")
}

/// Every directory under `root` (itself included, hidden ones skipped) that holds Terraform
/// files, relative to `root`, in path order.
pub fn dirs(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![PathBuf::new()];
    while let Some(relative) = pending.pop() {
        let dir = root.join(&relative);
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let mut holds_terraform = false;
        for entry in entries.map(|e| e.expect("a directory entry")) {
            let name = entry.file_name();
            if entry.file_type().expect("a file type").is_dir() {
                if !name.to_string_lossy().starts_with('.') {
                    pending.push(relative.join(name));
                }
            } else {
                holds_terraform |= is_terraform(&entry.path());
            }
        }
        if holds_terraform {
            found.push(relative);
        }
    }
    found.sort();
    found
}

/// The Terraform files of `dir`, concatenated.
pub fn text(dir: &Path) -> String {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| is_terraform(p))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("a readable file"))
        .collect()
}

/// Fails the test unless `terraform fmt -check -recursive` finds `examples/` under
/// `crate_root` formatted (the message shows the diff and the command that fixes it).
pub fn assert_formatted(ws: &Workspace, crate_root: &Path) {
    let args = [
        "fmt",
        "-check",
        "-recursive",
        "-diff",
        "-no-color",
        "examples",
    ];
    let run = ws.terraform_in(crate_root, &args);
    assert_eq!(
        run.code,
        0,
        "unformatted examples (run `terraform fmt -recursive examples/`):\n{}",
        run.all()
    );
}

/// Validates every example directory under `root` (a copy: files are added to it) with the
/// provider under test: `terraform validate -query`, after `terraform init` where a directory
/// calls a module. A directory that declares no `required_providers` is an excerpt of a root
/// module, so `provider_hcl` is added to it first. Returns the directories validated and one
/// message per failure.
pub fn validate_all(
    ws: &Workspace,
    root: &Path,
    provider_hcl: &str,
) -> (Vec<PathBuf>, Vec<String>) {
    let found = dirs(root);
    let mut failures = Vec::new();
    for relative in &found {
        let dir = root.join(relative);
        let hcl = text(&dir);
        if !hcl.contains("required_providers") {
            std::fs::write(dir.join("provider.tf"), provider_hcl).expect("a writable copy");
        }
        if hcl.contains("module \"") {
            let init = ws.terraform_in(
                &dir,
                &["init", "-backend=false", "-input=false", "-no-color"],
            );
            if init.code != 0 {
                failures.push(format!(
                    "{}: init failed:\n{}",
                    relative.display(),
                    init.all()
                ));
                continue;
            }
        }
        let run = ws.terraform_in(&dir, &["validate", "-query", "-no-color"]);
        if run.code != 0 || !run.stdout.contains("Success! The configuration is valid") {
            failures.push(format!("{}:\n{}", relative.display(), run.all()));
        }
    }
    (found, failures)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_with_terraform_files_hidden_ones_skipped() {
        let root = tempfile::tempdir().unwrap();
        let make = |path: &str, text: &str| {
            let p = root.path().join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        };
        make("provider/provider.tf", "a");
        make("list/x/list.tfquery.hcl", "b");
        make("list/x/main.tf", "c");
        make("README.md", "not terraform");
        make("docs/only.md", "not terraform");
        make(".terraform/modules/m/main.tf", "hidden");
        let found: Vec<String> = dirs(root.path())
            .iter()
            .map(|d| d.display().to_string())
            .collect();
        assert_eq!(found, ["list/x", "provider"]);
        assert_eq!(text(&root.path().join("list/x")), "bc");
    }
}
