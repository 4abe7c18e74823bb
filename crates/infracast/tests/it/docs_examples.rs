//! Every example under `examples/` is formatted and valid for the provider this run built:
//! `terraform fmt -check -recursive`, then `terraform validate -query` in each directory
//! holding Terraform files (`init` first where a module is called). Each resource, data source
//! and list resource the provider serves has its example.

use std::path::{Path, PathBuf};

use crate::support::{Acceptance, PROVIDER_HCL};

fn terraform_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            p.is_file() && (name.ends_with(".tf") || name.ends_with(".tfquery.hcl"))
        })
        .collect();
    files.sort();
    files
}

/// Every directory under `root` (itself included) with Terraform files, relative, sorted.
fn directories(root: &Path, relative: &Path, out: &mut Vec<PathBuf>) {
    let dir = root.join(relative);
    if !terraform_files(&dir).is_empty() {
        out.push(relative.to_path_buf());
    }
    let mut children: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() && !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    children.sort();
    for child in children {
        directories(root, &relative.join(child.file_name().unwrap()), out);
    }
}

#[test]
fn examples_are_formatted_and_valid() {
    let t = Acceptance::new();
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fmt_check: Vec<&str> = "fmt -check -recursive -diff -no-color examples"
        .split(' ')
        .collect();
    let fmt = t.terraform_in(crate_dir, &fmt_check);
    let unformatted = fmt.all();
    assert!(
        fmt.code == 0,
        "run `terraform fmt -recursive examples/`:\n{unformatted}"
    );

    let root = t.copy_example("");
    let mut dirs = Vec::new();
    directories(&root, Path::new(""), &mut dirs);
    let mut failures = Vec::new();
    for relative in &dirs {
        let dir = root.join(relative);
        let text: String = terraform_files(&dir)
            .iter()
            .map(|f| std::fs::read_to_string(f).unwrap())
            .collect();
        // Excerpts leave the provider's declaration to the root module they are pasted into.
        if !text.contains("required_providers") {
            std::fs::write(dir.join("provider.tf"), PROVIDER_HCL).unwrap();
        }
        if text.contains("module \"") {
            let init = t.terraform_in(&dir, &["init", "-backend=false", "-no-color"]);
            if init.code != 0 {
                failures.push(format!("{}: init: {}", relative.display(), init.all()));
                continue;
            }
        }
        let r = t.terraform_in(&dir, &["validate", "-query", "-no-color"]);
        if r.code != 0 {
            failures.push(format!("{}: {}", relative.display(), r.all()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));

    let names: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
    let mut needed = vec![
        "provider".to_owned(),
        "modules/alert-routing".to_owned(),
        "alert-routing".to_owned(),
        "data-sources/infracast_integration".to_owned(),
        "data-sources/infracast_integrations".to_owned(),
    ];
    for ty in infracast::catalog::ALL {
        let name = infracast::catalog::CATALOG.resource_name(ty);
        needed.push(format!("resources/{name}"));
        needed.push(format!("list-resources/{name}"));
    }
    for n in needed {
        assert!(names.contains(&n), "no example {n} in {names:?}");
    }
}

#[test]
fn validation_reaches_the_provider() {
    // A broken copy fails, naming the attribute: the test above would notice a bad example.
    let t = Acceptance::new();
    let dir = t.copy_example("resources/infracast_integration_splunk");
    let path = dir.join("resource.tf");
    let hcl = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, hcl.replace("\"MEDIUM\"", "\"SEVERE\"")).unwrap();
    std::fs::write(dir.join("provider.tf"), PROVIDER_HCL).unwrap();
    let r = t.terraform_in(&dir, &["validate", "-no-color"]);
    assert_eq!(r.code, 1, "{}", r.all());
    assert!(r.flat().contains("minimum_severity"), "{}", r.all());
}
