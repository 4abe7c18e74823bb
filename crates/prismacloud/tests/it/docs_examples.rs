//! Every example under `examples/` is formatted (`terraform fmt -check -recursive`) and valid
//! (`terraform validate -query` in each directory, so `.tfquery.hcl` files too) with the
//! provider built by this test run, through
//! the real Terraform CLI. Validation reaches the provider: its schemas, and its checks of
//! literal values (a Slack webhook URL that does not start with `https://hooks.slack.com/`, a
//! `roll_up_interval` of 45, an ephemeral value in an argument that is not write-only all fail).

use crate::support;

use std::path::Path;

use support::{Acceptance, PROVIDER_HCL};

#[test]
fn examples_are_formatted() {
    let t = Acceptance::new();
    tfharness::examples::assert_formatted(&t, Path::new(env!("CARGO_MANIFEST_DIR")));
}

#[test]
fn every_example_directory_validates_with_the_built_provider() {
    let t = Acceptance::new();
    let examples = t.copy_example("");
    let (dirs, failures) = tfharness::examples::validate_all(&t, &examples, PROVIDER_HCL);
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
