//! The Terraform version matrix (`tfharness::versions`): every other acceptance test runs on the
//! newest Terraform; this runs the acceptance core — create, an empty plan, an update in place,
//! import by id, destroy — on the oldest tested version and on the first with write-only
//! arguments, with the secrets in their sensitive (not write-only) form. (What an older
//! Terraform lacks is refused the same way for every provider: see the Prisma Cloud provider's
//! `acceptance_versions`.)

use crate::acceptance_types::{Secret, hcl, rows};
use crate::support::Acceptance;

use tfharness::{CoreResource, run_core, versions};

/// Integration types of the core: the documented webhook, an API-based one, a webhook-based one.
const CORE_TYPES: &[&str] = &["webhook", "servicenow", "slack"];

/// A data source and a `check` block (Terraform 1.5+) asserting on it.
const CHECK: &str = r#"
data "infracast_integration" "webhook" {
  id = infracast_integration_webhook.this.id
}

check "webhook_is_active" {
  assert {
    condition     = data.infracast_integration.webhook.status == "active"
    error_message = "Infracast reports ${data.infracast_integration.webhook.status}"
  }
}
"#;

fn core_on(terraform: &str) {
    let mut t = Acceptance::new();
    t.use_cli(versions::cli(terraform));
    let resources: Vec<CoreResource> = rows()
        .into_iter()
        .filter(|row| CORE_TYPES.contains(&row.ty))
        .map(|row| CoreResource {
            address: format!("infracast_integration_{}.this", row.ty),
            create: hcl(&row, &[], Secret::Plain(row.secret.1)),
            update: hcl(&row, &[row.update], Secret::Plain(row.secret.1)),
            import: hcl(&row, &[row.update], Secret::Omitted),
        })
        .collect();
    assert_eq!(resources.len(), CORE_TYPES.len());
    run_core(&t, &resources, CHECK);
    assert!(t.integrations().is_empty(), "{:?}", t.integrations());
}

tfharness::core_tests!(core_on);
