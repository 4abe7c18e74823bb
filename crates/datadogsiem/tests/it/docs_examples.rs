//! Every example under `examples/` is formatted (`terraform fmt -check -recursive`) and valid
//! (`terraform validate -query` in each directory, so `.tfquery.hcl` files too) with the
//! provider built by this test run, through the real Terraform CLI. Validation reaches the
//! provider: a broken copy of an example fails, naming the attribute.

use std::path::Path;

use crate::support::{Acceptance, PROVIDER_HCL};

#[test]
fn examples_are_formatted_and_every_directory_validates() {
    let t = Acceptance::new();
    tfharness::examples::assert_formatted(&t, Path::new(env!("CARGO_MANIFEST_DIR")));
    let copy = t.copy_example("");
    let (dirs, failures) = tfharness::examples::validate_all(&t, &copy, PROVIDER_HCL);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    let names: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
    for needed in ["provider", "modules/entity-sources", "entity-sources"] {
        assert!(names.iter().any(|n| n == needed), "{needed} in {names:?}");
    }
    let count = |prefix: &str| names.iter().filter(|n| n.starts_with(prefix)).count();
    let types = datadogsiem::catalog::ALL.len();
    assert_eq!(
        (
            count("resources/"),
            count("list-resources/"),
            count("data-sources/")
        ),
        (types, types, 5),
        "{names:?}"
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
