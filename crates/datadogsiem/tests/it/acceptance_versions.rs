//! The Terraform version matrix (`tfharness::versions`): every other acceptance test runs on the
//! newest Terraform; this runs the acceptance core — create, an empty plan, an update in place,
//! import by id, destroy — on the oldest tested version and on the first with write-only
//! arguments, with the secrets in their sensitive (not write-only) form. (What an older
//! Terraform lacks is refused the same way for every provider: see the Prisma Cloud provider's
//! `acceptance_versions`.)

use crate::acceptance_types::resource;
use crate::support::Acceptance;

use tfharness::{CoreResource, run_core, versions};

/// Source types of the core, their domain and their secrets in sensitive form (Entra ID has
/// none).
const CORE_TYPES: &[(&str, &str, &str)] = &[
    (
        "okta",
        "example.okta.com",
        "  api_token = \"okta-token-v1\"",
    ),
    (
        "sentinelone",
        "example.sentinelone.net",
        "  api_token = \"s1-token-v1\"",
    ),
    ("entra_id", "example.onmicrosoft.com", ""),
];

/// A data source and a `check` block (Terraform 1.5+) asserting on it.
const CHECK: &str = r#"
data "datadogsiem_entity_context_sync" "okta" {
  id = datadogsiem_entity_context_sync_okta.this.id
}

check "okta_credentials_are_valid" {
  assert {
    condition     = data.datadogsiem_entity_context_sync.okta.state == "valid"
    error_message = "Datadog reports ${data.datadogsiem_entity_context_sync.okta.state}"
  }
}
"#;

fn core_on(terraform: &str) {
    let mut t = Acceptance::new();
    t.use_cli(versions::cli(terraform));
    let settings = r#"jsonencode({ region = "eu" })"#;
    let resources: Vec<CoreResource> = CORE_TYPES
        .iter()
        .map(|&(ty, domain, secrets)| CoreResource {
            address: format!("datadogsiem_entity_context_sync_{ty}.this"),
            create: resource((ty, domain), "first", settings, true, secrets),
            update: resource((ty, domain), "second", settings, true, secrets),
            // Adopted with its secrets left to Datadog.
            import: resource((ty, domain), "second", settings, true, ""),
        })
        .collect();
    run_core(&t, &resources, CHECK);
    assert!(t.configs().is_empty(), "{:?}", t.configs());
}

tfharness::core_tests!(core_on);
