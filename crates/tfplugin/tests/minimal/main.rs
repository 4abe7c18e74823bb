//! The minimal example provider (`examples/minimal.rs`) through the real Terraform CLI: the
//! protocol layer alone serves a whole resource lifecycle.

use std::path::PathBuf;

use tfharness::{Provider, Workspace};

const HCL: &str = r#"
terraform {
  required_providers {
    minimal = {
      source = "example/minimal"
    }
  }
}

provider "minimal" {}
"#;

/// The example provider, built by cargo beside this test.
fn provider() -> Provider {
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_terraform-provider-minimal"));
    Provider {
        source: "registry.terraform.io/example/minimal".into(),
        bin_dir: binary.parent().expect("its directory").to_path_buf(),
        hcl: HCL.into(),
        block: "provider \"minimal\" {}".into(),
    }
}

fn things(note: &str) -> String {
    (1..=3)
        .map(|i| {
            format!(
                "resource \"minimal_thing\" \"t{i}\" {{\n  name = \"thing {i}\"\n  note = \"{note}\"\n}}\n"
            )
        })
        .collect()
}

#[test]
fn create_plan_update_import_destroy() {
    let ws = Workspace::new(provider());
    ws.config(&things("first"));
    ws.apply();
    ws.assert_plan_empty();
    let id = ws.resource("minimal_thing.t1")["id"].clone();
    assert!(id.as_str().is_some_and(|s| s.len() == 36), "{id}");

    ws.config(&things("second"));
    ws.assert_plan_changes_with(&["3 to change", "\"first\" -> \"second\""]);
    ws.apply();
    assert_eq!(ws.resource("minimal_thing.t2")["note"], "second");
    assert_eq!(
        ws.resource("minimal_thing.t1")["id"],
        id,
        "updates keep the id"
    );

    ws.config(&format!(
        "{}\nimport {{\n  to = minimal_thing.adopted\n  id = \"x-1\"\n}}\nresource \"minimal_thing\" \"adopted\" {{}}\n",
        things("second")
    ));
    ws.apply();
    assert_eq!(ws.resource("minimal_thing.adopted")["id"], "x-1");
    ws.assert_plan_empty();
    ws.destroy();
    assert!(!ws.state_file().contains("thing 1"), "destroyed");
}
