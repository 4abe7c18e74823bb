//! Configurations made elsewhere, through the real Terraform CLI: the lookup and list data
//! sources, `terraform query` with generated configuration, and its import with an empty plan.

use serde_json::json;

use crate::support::{Acceptance, key_file};

const DATA_SOURCES: &str = r#"
data "datadogsiem_entity_context_sync" "okta" {
  name = "Okta users"
}

data "datadogsiem_entity_context_sync" "gws" {
  id               = var.gws_id
  integration_type = "google_workspace"
}

data "datadogsiem_entity_context_syncs" "all" {}

data "datadogsiem_entity_context_syncs" "okta" {
  integration_type = "okta"
}

variable "gws_id" {
  type = string
}

output "okta" {
  value = data.datadogsiem_entity_context_sync.okta
}

output "gws_settings" {
  value = data.datadogsiem_entity_context_sync.gws.settings
}

output "all" {
  value = [for c in data.datadogsiem_entity_context_syncs.all.entity_context_syncs : "${c.integration_type}:${c.name}"]
}

output "okta_count" {
  value = length(data.datadogsiem_entity_context_syncs.okta.entity_context_syncs)
}
"#;

#[test]
fn data_sources_query_and_generated_configuration_adopt_what_exists() {
    let mut t = Acceptance::new();
    let okta = t.create_out_of_band(
        "OKTA",
        "Okta users",
        "example.okta.com",
        Some(json!({"b": 2, "a": 1})),
        &[("api_token", "adopt-okta-token", false)],
    );
    let key = key_file("ADOPTED-KEY");
    let gws = t.create_out_of_band(
        "GOOGLE_WORKSPACE",
        "Google users",
        "example.com",
        None,
        &[("service_account_json", &key, true)],
    );
    t.create_out_of_band(
        "ENTRA_ID",
        "Entra users",
        "example.onmicrosoft.com",
        None,
        &[],
    );

    // Lookups and lists.
    t.env("TF_VAR_gws_id", &gws);
    t.config(DATA_SOURCES);
    t.apply();
    let outputs = t.outputs();
    let found = &outputs["okta"]["value"];
    assert_eq!(found["id"], okta.as_str());
    assert_eq!(found["integration_type"], "okta");
    assert_eq!(found["domain"], "example.okta.com");
    assert_eq!(found["enabled"], true);
    assert_eq!(found["settings"], r#"{"a":1,"b":2}"#);
    assert_eq!(found["state"], "valid");
    assert_eq!(found["config"], json!({}), "secrets are never shown");
    assert_eq!(outputs["gws_settings"]["value"], "{}");
    assert_eq!(
        outputs["all"]["value"],
        json!([
            "entra_id:Entra users",
            "google_workspace:Google users",
            "okta:Okta users"
        ])
    );
    assert_eq!(outputs["okta_count"]["value"], 1);

    // `terraform query` lists them; its generated configuration imports with an empty plan.
    t.config("");
    t.write(
        "adopt.tfquery.hcl",
        r#"
list "datadogsiem_entity_context_sync_okta" "users" {
  provider = datadogsiem
  config {
    name = "USERS"
  }
}
"#,
    );
    let generate = t.ok(&["query", "-no-color", "-generate-config-out=generated.tf"]);
    assert!(
        generate.stdout.contains("Okta users"),
        "{}",
        generate.stdout
    );
    let generated = t.read("generated.tf");
    let flat = generated.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "resource \"datadogsiem_entity_context_sync_okta\" \"users_0\"",
        "name = \"Okta users\"",
        "domain = \"example.okta.com\"",
        "api_token = null # sensitive",
        "settings = jsonencode({ a = 1 b = 2 })",
        &format!("identity = {{ id = \"{okta}\" }}"),
    ] {
        assert!(flat.contains(expected), "{expected:?} in:\n{generated}");
    }
    assert!(!generated.contains("adopt-okta-token"), "{generated}");
    t.assert_plan_changes_with(&["1 to import, 0 to add, 0 to change, 0 to destroy"]);
    t.apply();
    t.assert_plan_empty();
    assert_eq!(t.configs().len(), 3);
}
