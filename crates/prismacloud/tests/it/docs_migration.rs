//! The README's migration from PaloAltoNetworks' `prismacloud_integration`, step by step as
//! written there: `terraform state rm` forgets the official resource (no official provider
//! needed, nothing deleted), then an `import` block adopts the same integration into its
//! per-type resource, and the secret in configuration is sent once.

use crate::support;

use serde_json::json;
use support::Acceptance;
use support::official::{official_attributes, official_state_file};

const URL: &str = "https://hooks.slack.com/services/T0000/B0000/migrated-token";
const NAME: &str = "Security alerts to secops";

#[test]
fn state_rm_then_an_import_block_adopts_the_same_integration() {
    let t = Acceptance::new();
    let id = t.create_out_of_band(
        "slack",
        NAME,
        "Prisma Cloud alerts for the platform team",
        json!({}),
        &[("webhookUrl", URL)],
    );
    // What the official provider left: its generic resource, in its state layout.
    let official = official_attributes(&id, NAME, "slack", json!({ "webhook_url": URL }));
    t.write(
        "terraform.tfstate",
        &official_state_file(&[("secops", official)]),
    );

    // 1. Forget it, without the official provider and without deleting anything.
    let r = t.terraform(&["state", "rm", "-no-color", "prismacloud_integration.secops"]);
    assert_eq!(r.code, 0, "{}", r.all());
    assert!(r.stdout.contains("Removed prismacloud_integration.secops"));

    // 2. The per-type resource and an import block, as in the README.
    t.config(&format!(
        r#"
variable "slack_webhook_url" {{
  type      = string
  sensitive = true
  default   = "{URL}"
}}

resource "prismacloud_integration_slack" "secops" {{
  name        = "{NAME}"
  description = "Prisma Cloud alerts for the platform team"
  webhook_url = var.slack_webhook_url
}}

import {{
  to = prismacloud_integration_slack.secops
  id = "{id}"
}}
"#
    ));
    // The secret goes out once: the API never returns it, so the import cannot know it.
    let plan =
        t.assert_plan_changes_with(&["Plan: 1 to import, 0 to add, 1 to change, 0 to destroy."]);
    let apply = t.apply();
    assert!(apply.stdout.contains("1 imported"), "{}", apply.all());
    t.assert_plan_empty();

    // The same integration, adopted: nothing created, nothing deleted, no secret shown.
    let all = t.integrations();
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0]["id"], id.as_str());
    assert_eq!(
        t.resource("prismacloud_integration_slack.secops")["id"],
        id.as_str()
    );
    assert!(!plan.all().contains(URL) && !apply.all().contains(URL));
}
