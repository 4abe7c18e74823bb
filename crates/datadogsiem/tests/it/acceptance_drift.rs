//! What a plan must not show, and what it must: the same settings written another way plan no
//! change; settings removed from configuration are cleared once, not on every plan; a
//! configuration deleted outside Terraform plans a create.

use crate::support::Acceptance;

fn okta(settings: &str) -> String {
    format!(
        r#"
resource "datadogsiem_entity_context_sync_okta" "corp" {{
  name      = "Okta users"
  domain    = "example.okta.com"
  api_token = "okta-drift-token"
{settings}
}}
"#
    )
}

const ADDRESS: &str = "datadogsiem_entity_context_sync_okta.corp";

#[test]
fn settings_written_another_way_plan_no_change_and_a_deleted_configuration_is_created_again() {
    let t = Acceptance::new();
    // JSON text as a user writes it by hand: spacing, and keys out of order.
    t.config(&okta(
        r#"  settings  = "{ \"sync\": { \"groups\": true, \"depth\": 2 },   \"region\": \"eu\" }""#,
    ));
    t.apply();
    let id = t.id_of(ADDRESS);
    t.assert_plan_empty();

    // The same JSON from jsonencode, keys in another order: no change.
    t.config(&okta(
        r#"  settings = jsonencode({ region = "eu", sync = { depth = 2, groups = true } })"#,
    ));
    t.assert_plan_empty();

    // Settings removed: one update clears them, and the next plan is empty.
    t.config(&okta(""));
    t.assert_plan_changes_with(&["1 to change"]);
    t.apply();
    assert_eq!(t.stored(&id)["settings"], serde_json::json!({}));
    t.assert_plan_empty();

    // Deleted out of band: the next plan creates it again.
    assert!(t.sandbox().state().delete_out_of_band(&id));
    let plan = t.assert_plan_changes_with(&["will be created", "1 to add, 0 to change"]);
    assert!(!plan.all().contains("okta-drift-token"));
    t.apply();
    assert_ne!(t.id_of(ADDRESS), id);
    assert_eq!(t.configs().len(), 1);
}
