//! The credential checks in `check` blocks (a failing one warns, and the apply goes on), the
//! stored-configuration check after a revocation, and Entra ID's prerequisite in a
//! `precondition`.

use datadogsiem_sandbox::SandboxConfig;

use crate::support::Acceptance;

const CONFIG: &str = r#"
resource "datadogsiem_entity_context_sync_okta" "corp" {
  name         = "Okta users"
  domain       = "example.okta.com"
  api_token_wo = "okta-good-token"
}

check "new_okta_token" {
  data "datadogsiem_credentials_check" "next" {
    integration_type = "okta"
    domain           = "example.okta.com"
    secrets = {
      api_token = "okta-invalid-token"
    }
  }

  assert {
    condition     = data.datadogsiem_credentials_check.next.valid
    error_message = "The next Okta token does not work: ${data.datadogsiem_credentials_check.next.message}"
  }
}

check "stored_okta_credentials" {
  data "datadogsiem_entity_context_sync_check" "corp" {
    id = datadogsiem_entity_context_sync_okta.corp.id
  }

  assert {
    condition     = data.datadogsiem_entity_context_sync_check.corp.valid
    error_message = "Datadog can no longer read Okta: ${data.datadogsiem_entity_context_sync_check.corp.message}"
  }
}

data "datadogsiem_credentials_check" "good" {
  integration_type = "okta"
  domain           = "example.okta.com"
  secrets = {
    api_token = "okta-checked-token"
  }
}

output "good_token" {
  value = [data.datadogsiem_credentials_check.good.valid, data.datadogsiem_credentials_check.good.message]
}
"#;

#[test]
fn a_failing_check_warns_and_the_apply_goes_on() {
    let t = Acceptance::new();
    t.config(CONFIG);
    let out = t.apply();
    let flat = out.flat();
    assert!(flat.contains("1 added"), "{flat}");
    assert!(
        flat.contains("Warning: Check block assertion failed"),
        "{flat}"
    );
    assert!(
        flat.contains("The next Okta token does not work: Invalid credentials: OKTA refused"),
        "{flat}"
    );
    assert!(!flat.contains("Datadog can no longer read Okta"), "{flat}");
    assert_eq!(t.configs().len(), 1);
    assert_eq!(
        t.outputs()["good_token"]["value"],
        serde_json::json!([true, ""])
    );
    // The checked credentials never reach the state.
    let state = t.state_file();
    for secret in [
        "okta-checked-token",
        "okta-invalid-token",
        "okta-good-token",
    ] {
        assert!(!state.contains(secret), "{secret} in the state:\n{state}");
    }

    // The stored credentials stop working: the next plan warns, and still succeeds.
    let id = t.id_of("datadogsiem_entity_context_sync_okta.corp");
    assert!(t.sandbox().state().revoke(&id));
    let plan = t.ok(&["plan", "-input=false", "-no-color"]);
    assert!(plan.stdout.contains("0 to add, 0 to change, 0 to destroy"));
    assert!(
        plan.flat().contains(
            "Datadog can no longer read Okta: Invalid credentials: OKTA no longer accepts"
        ),
        "{}",
        plan.all()
    );
}

const ENTRA_ID: &str = r#"
data "datadogsiem_entra_id_app_registrations" "azure" {}

resource "datadogsiem_entity_context_sync_entra_id" "corp" {
  name   = "Entra ID users"
  domain = "example.onmicrosoft.com"

  lifecycle {
    precondition {
      condition     = data.datadogsiem_entra_id_app_registrations.azure.has_valid_prerequisite
      error_message = "No Azure App Registration collects resources yet."
    }
  }
}

output "registrations" {
  value = data.datadogsiem_entra_id_app_registrations.azure.azure_app_registrations[*].client_id
}
"#;

#[test]
fn entra_id_waits_for_its_prerequisite() {
    let t = Acceptance::with_config(SandboxConfig {
        azure_app_registrations: Vec::new(),
        ..SandboxConfig::default()
    });
    t.config(ENTRA_ID);
    let plan = t.assert_plan_fails_with(&["Resource precondition failed"]);
    assert!(
        plan.flat()
            .contains("No Azure App Registration collects resources yet."),
        "{}",
        plan.all()
    );
    assert!(t.configs().is_empty());

    let ready = Acceptance::new();
    ready.config(ENTRA_ID);
    ready.apply();
    let registrations = &ready.outputs()["registrations"]["value"];
    assert_eq!(
        registrations.as_array().map(Vec::len),
        Some(1),
        "{registrations}"
    );
    assert_eq!(ready.configs().len(), 1);
}
