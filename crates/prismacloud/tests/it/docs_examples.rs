//! Every example under `examples/` is formatted (`terraform fmt -check -recursive`) and valid
//! (`terraform validate -query` in each directory, so `.tfquery.hcl` files too) with the
//! provider built by this test run, through
//! the real Terraform CLI. Validation reaches the provider: its schemas, and its checks of
//! literal values (a Slack webhook URL that does not start with `https://hooks.slack.com/`, a
//! `roll_up_interval` of 45, an ephemeral value in an argument that is not write-only all fail).

use crate::support;

use std::path::{Path, PathBuf};

use support::{Acceptance, PROVIDER_HCL};

/// Whether Terraform reads `path`: configuration (`.tf`) or queries (`.tfquery.hcl`).
fn is_terraform(path: &Path) -> bool {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    name.ends_with(".tf") || name.ends_with(".tfquery.hcl")
}

/// Directories under `dir` holding Terraform files, relative to it, sorted.
fn example_dirs(dir: &Path, relative: &Path, found: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir.join(relative))
        .unwrap()
        .map(|e| e.unwrap())
        .collect();
    entries.sort_by_key(|e| e.file_name());
    let has_tf = entries.iter().any(|e| is_terraform(&e.path()));
    if has_tf {
        found.push(relative.to_path_buf());
    }
    for e in entries {
        let name = e.file_name();
        if e.file_type().unwrap().is_dir() && !name.to_string_lossy().starts_with('.') {
            example_dirs(dir, &relative.join(name), found);
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
fn examples_are_formatted() {
    let t = Acceptance::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let r = t.terraform_in(
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
        r.code,
        0,
        "terraform fmt -check -recursive examples/ found unformatted files (run `terraform fmt \
         -recursive examples/`):\n{}",
        r.all()
    );
}

#[test]
fn every_example_directory_validates_with_the_built_provider() {
    let t = Acceptance::new();
    let examples = t.copy_example("");
    let mut dirs = Vec::new();
    example_dirs(&examples, Path::new(""), &mut dirs);

    let mut failures = Vec::new();
    for relative in &dirs {
        let dir = examples.join(relative);
        let hcl = tf_text(&dir);
        // Resource, data source and list resource examples are excerpts: the root module a
        // user pastes them into declares the provider, so the test does too.
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

    // What the docs need is among what was validated.
    let names: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
    for needed in [
        "provider",
        "quickstart",
        "modules/alert-routing",
        "alert-routing",
        "resources/prismacloud_integration_slack",
        "data-sources/prismacloud_integration_test",
        "data-sources/prismacloud_integration",
        "data-sources/prismacloud_integrations",
    ] {
        assert!(names.iter().any(|n| n == needed), "{needed} in {names:?}");
    }
    for dir in ["resources/", "list-resources/"] {
        let count = names.iter().filter(|n| n.starts_with(dir)).count();
        assert_eq!(count, prismacloud::catalog::ALL.len(), "{dir} in {names:?}");
    }
}

#[test]
fn query_validation_reaches_the_provider() {
    // `validate -query` checks list blocks against the list resource's schema.
    let t = Acceptance::new();
    let dir = t.copy_example("list-resources/prismacloud_integration_slack");
    let path = dir.join("list-resource.tfquery.hcl");
    let hcl = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, hcl.replace("name = \"secops\"", "nmae = \"secops\"")).unwrap();
    std::fs::write(dir.join("provider.tf"), PROVIDER_HCL).unwrap();
    let r = t.terraform_in(&dir, &["validate", "-query", "-no-color"]);
    assert_eq!(r.code, 1, "{}", r.all());
    assert!(r.flat().contains("nmae"), "{}", r.all());
}

#[test]
fn validation_reaches_the_provider() {
    // The same check as above on a broken copy of an example fails, naming the attribute: the
    // test above would notice an invalid example.
    let t = Acceptance::new();
    let dir = t.copy_example("resources/prismacloud_integration_aws_s3");
    let hcl = std::fs::read_to_string(dir.join("resource.tf")).unwrap();
    std::fs::write(
        dir.join("resource.tf"),
        hcl.replace("roll_up_interval = 30", "roll_up_interval = 45"),
    )
    .unwrap();
    std::fs::write(dir.join("provider.tf"), PROVIDER_HCL).unwrap();
    let r = t.terraform_in(&dir, &["validate", "-no-color"]);
    assert_eq!(r.code, 1, "{}", r.all());
    assert!(r.flat().contains("roll_up_interval"), "{}", r.all());
}
