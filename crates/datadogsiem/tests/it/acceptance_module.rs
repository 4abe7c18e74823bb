//! The `entity-sources` example (a root configuration calling `modules/entity-sources`)
//! applied against the sandbox: Okta and Entra ID created, their checks passing, destroyed.

use crate::support::Acceptance;

#[test]
fn the_module_example_applies_and_destroys() {
    let mut t = Acceptance::new();
    t.env("TF_VAR_okta_api_token", "module-okta-token");
    let dir = t.copy_example("entity-sources");
    t.copy_example("modules/entity-sources");
    let init = t.terraform_in(&dir, &["init", "-input=false", "-no-color"]);
    assert_eq!(init.code, 0, "{}", init.all());
    let apply = t.terraform_in(
        &dir,
        &["apply", "-auto-approve", "-input=false", "-no-color"],
    );
    assert_eq!(apply.code, 0, "{}", apply.all());
    assert!(apply.stdout.contains("2 added"), "{}", apply.stdout);
    assert!(
        !apply.all().contains("Warning: Check block"),
        "{}",
        apply.all()
    );
    let configs = t.configs();
    let mut types: Vec<&str> = configs
        .iter()
        .map(|c| c["attributes"]["integration_type"].as_str().unwrap())
        .collect();
    types.sort_unstable();
    assert_eq!(types, ["ENTRA_ID", "OKTA"]);
    for c in &configs {
        let settings = &c["attributes"]["settings"];
        assert_eq!(settings, &serde_json::json!({"sync_interval": "1h"}));
    }
    let destroy = t.terraform_in(
        &dir,
        &["destroy", "-auto-approve", "-input=false", "-no-color"],
    );
    assert_eq!(destroy.code, 0, "{}", destroy.all());
    assert!(t.configs().is_empty());
}
