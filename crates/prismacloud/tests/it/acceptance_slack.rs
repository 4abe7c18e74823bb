//! The first integration type end to end through the real Terraform CLI: create, plan empty after
//! apply, update in place, import by id, deleted out of band, destroy, and plan-time validation.

use crate::support;

use support::Acceptance;

const URL: &str = "https://hooks.slack.com/services/T0000/B0000/acceptance-token-123";

fn slack(name: &str, description: &str) -> String {
    format!(
        r#"
resource "prismacloud_integration_slack" "alerts" {{
  name        = "{name}"
  description = "{description}"
  webhook_url = "{URL}"
}}
"#
    )
}

#[test]
fn create_update_drift_destroy() {
    let t = Acceptance::new();
    t.config(&slack("Slack alerts", "first"));

    // Create.
    let out = t.apply();
    assert!(
        out.stdout.contains("1 added, 0 changed, 0 destroyed"),
        "{}",
        out.stdout
    );
    assert!(
        !out.all().contains(URL),
        "the webhook URL is a secret:\n{}",
        out.all()
    );
    let state = t.resource("prismacloud_integration_slack.alerts");
    let id = state["id"].as_str().expect("an id").to_string();
    let stored = t.integration(&id).expect("the sandbox has it");
    assert_eq!(stored["integrationConfig"]["webhookUrl"], URL);
    assert_eq!(stored["name"], "Slack alerts");
    assert_eq!(stored["enabled"], true);
    assert_eq!(state["enabled"], true);
    assert!(state["created_ts"].as_i64().is_some(), "{state:#}");

    // Nothing to do right after apply (the API masks the secret; no perpetual diff).
    t.assert_plan_empty();

    // Update in place keeps the id.
    t.config(&slack("Slack alerts", "second"));
    t.assert_plan_changes_with(&["updated in-place", "0 to add, 1 to change, 0 to destroy"]);
    t.apply();
    assert_eq!(
        t.resource("prismacloud_integration_slack.alerts")["id"],
        id.as_str()
    );
    assert_eq!(t.integration(&id).unwrap()["description"], "second");
    t.assert_plan_empty();

    // Deleted out of band: the next plan creates it again.
    t.block_on(t.api().delete(&id, "slack")).unwrap();
    let plan = t.plan();
    assert_eq!(plan.code, 2, "{}", plan.all());
    assert!(
        plan.stdout.contains("1 to add, 0 to change, 0 to destroy"),
        "{}",
        plan.stdout
    );
    t.apply();
    assert_eq!(t.integrations().len(), 1);

    // Destroy leaves the sandbox empty.
    t.destroy();
    assert!(t.integrations().is_empty(), "{:?}", t.integrations());
}

fn disabled_round_trip(prisma_id: Option<&str>) {
    let mut t = Acceptance::new();
    if let Some(id) = prisma_id {
        t.env("PRISMACLOUD_PRISMA_ID", id);
    }
    let config = |enabled: bool| {
        format!(
            r#"
resource "prismacloud_integration_slack" "quiet" {{
  name        = "Quiet channel"
  enabled     = {enabled}
  webhook_url = "{URL}"
}}
"#
        )
    };
    t.config(&config(false));
    t.apply();
    let id = t.resource("prismacloud_integration_slack.quiet")["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(t.integration(&id).unwrap()["enabled"], false);
    // A disabled integration is still found on refresh (the v1 list hides disabled ones by default).
    t.assert_plan_empty();
    t.config(&config(true));
    t.apply();
    assert_eq!(t.integration(&id).unwrap()["enabled"], true);
    t.assert_plan_empty();
}

#[test]
fn disabled_integration_round_trips() {
    disabled_round_trip(None);
}

#[test]
fn disabled_integration_round_trips_on_the_v1_endpoints() {
    disabled_round_trip(Some(prismacloud_sandbox::config::DEFAULT_PRISMA_ID));
}

fn create_out_of_band(t: &Acceptance, name: &str) -> String {
    t.create_out_of_band(
        "slack",
        name,
        "made in the console",
        serde_json::json!({}),
        &[("webhookUrl", URL)],
    )
}

#[test]
fn import_block_with_a_write_only_secret_then_plan_is_empty() {
    let t = Acceptance::new();
    let id = create_out_of_band(&t, "Console-made");
    t.config(&format!(
        r#"
import {{
  to = prismacloud_integration_slack.imported
  id = "{id}"
}}

resource "prismacloud_integration_slack" "imported" {{
  name           = "Console-made"
  description    = "made in the console"
  webhook_url_wo = "{URL}"
}}
"#
    ));
    let plan = t.plan();
    assert!(
        plan.stdout
            .contains("1 to import, 0 to add, 0 to change, 0 to destroy"),
        "{}",
        plan.all()
    );
    t.apply();
    assert_eq!(
        t.resource("prismacloud_integration_slack.imported")["id"],
        id.as_str()
    );
    t.assert_plan_empty();
    // The write-only secret is nowhere in state.
    assert!(!t.state_file().contains(URL));
}

#[test]
fn import_block_with_a_stored_secret_pushes_it_once_then_plan_is_empty() {
    let t = Acceptance::new();
    let id = create_out_of_band(&t, "Console-made");
    t.config(&format!(
        r#"
import {{
  to = prismacloud_integration_slack.imported
  id = "{id}"
}}

resource "prismacloud_integration_slack" "imported" {{
  name        = "Console-made"
  description = "made in the console"
  webhook_url = "{URL}"
}}
"#
    ));
    // The API never returns the secret, so the import cannot know it: the configured one is sent.
    let out = t.apply();
    assert!(
        out.stdout
            .contains("1 imported, 0 added, 1 changed, 0 destroyed"),
        "{}",
        out.stdout
    );
    t.assert_plan_empty();
    assert_eq!(t.integrations().len(), 1);
}

#[test]
fn plan_time_validation_names_the_attribute() {
    let t = Acceptance::new();
    t.config(
        r#"
resource "prismacloud_integration_slack" "bad" {
  name        = "ok name"
  webhook_url = "https://example.com/hooks/secret-in-url"
}
"#,
    );
    let plan = t.plan();
    assert_eq!(plan.code, 1, "{}", plan.all());
    let all = plan.all();
    assert!(all.contains("Invalid webhook_url"), "{all}");
    assert!(all.contains("https://hooks.slack.com/"), "{all}");
    // Terraform quotes the configuration line itself; our diagnostic text must not repeat it.
    let ours: String = all
        .lines()
        .filter(|l| !l.contains("webhook_url = \""))
        .collect();
    assert!(
        !ours.contains("secret-in-url"),
        "the value must not be repeated:\n{all}"
    );
    assert!(t.integrations().is_empty());
}

#[test]
fn missing_credentials_name_attribute_and_variable() {
    let mut t = Acceptance::new();
    t.env("PRISMACLOUD_PASSWORD", "");
    t.config(&slack("Slack alerts", "x"));
    t.assert_plan_fails_with(&["PRISMACLOUD_PASSWORD"]);
}

#[test]
fn write_only_secret_is_sent_on_create_and_on_version_change_only() {
    let t = Acceptance::new();
    let config = |url: &str, version: u32| {
        format!(
            r#"
resource "prismacloud_integration_slack" "wo" {{
  name                   = "Write-only"
  webhook_url_wo         = "{url}"
  webhook_url_wo_version = {version}
}}
"#
        )
    };
    let first = "https://hooks.slack.com/services/T1/B1/first-token";
    let second = "https://hooks.slack.com/services/T1/B1/second-token";
    t.config(&config(first, 1));
    t.apply();
    let id = t.resource("prismacloud_integration_slack.wo")["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        t.integration(&id).unwrap()["integrationConfig"]["webhookUrl"],
        first
    );
    assert!(
        !t.state_file().contains("first-token"),
        "write-only values never reach state"
    );

    // A new value without a new version is not sent: nothing to do.
    t.config(&config(second, 1));
    t.assert_plan_empty();
    t.apply();
    assert_eq!(
        t.integration(&id).unwrap()["integrationConfig"]["webhookUrl"],
        first
    );

    // Bumping the version sends it, in place.
    t.config(&config(second, 2));
    let plan = t.plan();
    assert!(plan.stdout.contains("updated in-place"), "{}", plan.all());
    t.apply();
    assert_eq!(
        t.integration(&id).unwrap()["integrationConfig"]["webhookUrl"],
        second
    );
    assert!(!t.state_file().contains("second-token"));
    t.assert_plan_empty();
}
