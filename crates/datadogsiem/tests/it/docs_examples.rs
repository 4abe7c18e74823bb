//! Every example under `examples/` is formatted (`terraform fmt -check -recursive`) and valid
//! (`terraform validate -query` in each directory, so `.tfquery.hcl` files too) with the
//! provider built by this test run, through the real Terraform CLI. Validation reaches the
//! provider: a broken copy of an example fails, naming the attribute.

use std::path::{Path, PathBuf};

use crate::support::{Acceptance, PROVIDER_HCL};

/// Whether Terraform reads `path`: configuration (`.tf`) or queries (`.tfquery.hcl`).
fn is_terraform(path: &Path) -> bool {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    name.ends_with(".tf") || name.ends_with(".tfquery.hcl")
}

/// Directories under `root` holding Terraform files, relative to it, sorted.
fn example_dirs(root: &Path, relative: &Path, found: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(root.join(relative))
        .unwrap()
        .map(|e| e.unwrap())
        .collect();
    entries.sort_by_key(|e| e.file_name());
    if entries.iter().any(|e| is_terraform(&e.path())) {
        found.push(relative.to_path_buf());
    }
    for e in entries {
        if e.file_type().unwrap().is_dir() && !e.file_name().to_string_lossy().starts_with('.') {
            example_dirs(root, &relative.join(e.file_name()), found);
        }
    }
}

fn tf_text(dir: &Path) -> String {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| is_terraform(p))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

#[test]
fn examples_are_formatted_and_every_directory_validates() {
    let t = Acceptance::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fmt = t.terraform_in(
        root,
        &[
            "fmt",
            "-check",
            "-recursive",
            "-diff",
            "-no-color",
            "examples",
        ],
    );
    assert_eq!(
        fmt.code,
        0,
        "unformatted examples (run `terraform fmt -recursive examples/`):\n{}",
        fmt.all()
    );

    let examples = t.copy_example("");
    let mut dirs = Vec::new();
    example_dirs(&examples, Path::new(""), &mut dirs);
    let mut failures = Vec::new();
    for relative in &dirs {
        let dir = examples.join(relative);
        let hcl = tf_text(&dir);
        // Excerpts leave the provider's declaration to the root module they are pasted into.
        if !hcl.contains("required_providers") {
            std::fs::write(dir.join("provider.tf"), PROVIDER_HCL).unwrap();
        }
        if hcl.contains("module \"") {
            let init = t.terraform_in(
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
        let r = t.terraform_in(&dir, &["validate", "-query", "-no-color"]);
        if r.code != 0 || !r.stdout.contains("Success! The configuration is valid") {
            failures.push(format!("{}:\n{}", relative.display(), r.all()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));

    let names: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
    for needed in ["provider", "modules/entity-sources", "entity-sources"] {
        assert!(names.iter().any(|n| n == needed), "{needed} in {names:?}");
    }
    for dir in ["resources/", "list-resources/"] {
        let count = names.iter().filter(|n| n.starts_with(dir)).count();
        assert_eq!(count, datadogsiem::catalog::ALL.len(), "{dir} in {names:?}");
    }
    assert_eq!(
        names
            .iter()
            .filter(|n| n.starts_with("data-sources/"))
            .count(),
        5
    );
}

#[test]
fn validation_reaches_the_provider() {
    let t = Acceptance::new();
    let dir = t.copy_example("resources/datadogsiem_entity_context_sync_okta");
    let hcl = std::fs::read_to_string(dir.join("resource.tf")).unwrap();
    std::fs::write(
        dir.join("resource.tf"),
        hcl.replace("\"example.okta.com\"", "\"https://example.okta.com\""),
    )
    .unwrap();
    std::fs::write(dir.join("provider.tf"), PROVIDER_HCL).unwrap();
    let r = t.terraform_in(&dir, &["validate", "-no-color"]);
    assert_eq!(r.code, 1, "{}", r.all());
    assert!(r.flat().contains("Invalid domain"), "{}", r.all());
}
