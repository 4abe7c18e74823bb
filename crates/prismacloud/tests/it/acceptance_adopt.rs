//! Adopting integrations that already exist, through the real Terraform CLI: import blocks by
//! identity and by id, `terraform query` with generated configuration, and `moved` blocks from
//! PaloAltoNetworks' official provider (a hand-written state in its layout).

use crate::support;

use serde_json::json;
use support::Acceptance;
use support::official::{
    OFFICIAL_SOURCE, OfficialStandIn, official_attributes, official_state_file,
    official_state_with_stand_in,
};

const URL: &str = "https://hooks.slack.com/services/T0000/B0000/adopt-token-123";

fn create_slack(t: &Acceptance, name: &str) -> String {
    t.create_out_of_band(
        "slack",
        name,
        "made in the console",
        json!({}),
        &[("webhookUrl", URL)],
    )
}

fn create_webhook(t: &Acceptance, name: &str) -> String {
    let config = json!({"url": "https://example.com/hooks/prisma"});
    t.create_out_of_band("webhook", name, "", config, &[("authToken", "tok-1")])
}

#[test]
fn import_blocks_by_identity_and_by_id_then_plan_is_empty() {
    let t = Acceptance::new();
    let by_identity = create_slack(&t, "Secops alerts");
    let by_id = create_slack(&t, "Platform alerts");
    t.config(&format!(
        r#"
import {{
  to       = prismacloud_integration_slack.secops
  identity = {{ id = "{by_identity}" }}
}}

import {{
  to = prismacloud_integration_slack.platform
  id = "{by_id}"
}}

# Adopted without its secret: Prisma Cloud keeps the one it has.
resource "prismacloud_integration_slack" "secops" {{
  name        = "Secops alerts"
  description = "made in the console"
}}

resource "prismacloud_integration_slack" "platform" {{
  name           = "Platform alerts"
  description    = "made in the console"
  webhook_url_wo = "{URL}"
}}

# Created here: it gets its identity once Prisma Cloud assigns the ID.
resource "prismacloud_integration_slack" "fresh" {{
  name        = "Fresh alerts"
  webhook_url = "{URL}"
}}
"#
    ));
    t.assert_plan_changes_with(&["2 to import, 1 to add, 0 to change, 0 to destroy"]);
    t.apply();
    let fresh = t.resource("prismacloud_integration_slack.fresh")["id"]
        .as_str()
        .expect("an id")
        .to_string();
    for (address, id) in [
        ("prismacloud_integration_slack.secops", &by_identity),
        ("prismacloud_integration_slack.platform", &by_id),
        ("prismacloud_integration_slack.fresh", &fresh),
    ] {
        assert_eq!(t.resource(address)["id"], id.as_str());
        assert_eq!(t.identity(address), json!({ "id": id }));
    }
    t.assert_plan_empty();
    // Only the new one was created, and the secret Prisma Cloud holds is untouched.
    assert_eq!(t.integrations().len(), 3);
    assert_eq!(
        t.integration(&by_identity).unwrap()["integrationConfig"]["webhookUrl"],
        URL
    );
}

#[test]
fn an_identity_naming_nothing_is_a_clear_error_and_a_new_integration_still_needs_its_secret() {
    let t = Acceptance::new();
    t.config(
        r#"
import {
  to       = prismacloud_integration_slack.ghost
  identity = { id = "00000000-0000-4000-8000-000000000000" }
}

resource "prismacloud_integration_slack" "ghost" {
  name = "Ghost alerts"
}
"#,
    );
    let plan = t.plan();
    assert_eq!(plan.code, 1, "{}", plan.all());
    assert!(
        plan.flat().contains(
            "Prisma Cloud has no integration with id \"00000000-0000-4000-8000-000000000000\""
        ),
        "{}",
        plan.all()
    );
    assert!(plan.flat().contains("`terraform query`"), "{}", plan.all());

    // Without an import, the same block creates an integration: the secret is required.
    t.config(
        r#"
resource "prismacloud_integration_slack" "ghost" {
  name = "Ghost alerts"
}
"#,
    );
    let plan = t.plan();
    assert_eq!(plan.code, 1, "{}", plan.all());
    assert!(plan.all().contains("Missing webhook_url"), "{}", plan.all());
    assert!(
        plan.flat().contains("required to create the integration"),
        "{}",
        plan.all()
    );
    assert!(t.integrations().is_empty());
}

#[test]
fn query_lists_by_name_and_its_generated_configuration_imports_with_an_empty_plan() {
    let t = Acceptance::new();
    let secops = create_slack(&t, "Secops Alerts");
    let platform = create_slack(&t, "platform alerts");
    let billing = create_slack(&t, "Billing noise");
    let webhook = create_webhook(&t, "Alerts to the SIEM");
    t.config("");
    t.write(
        "adopt.tfquery.hcl",
        r#"
list "prismacloud_integration_slack" "alerts" {
  provider = prismacloud
  config {
    name = "ALERTS"
  }
}
"#,
    );

    // The filter is a case-insensitive substring, and only Slack integrations are listed.
    let query = t.terraform(&["query", "-no-color"]);
    assert_eq!(query.code, 0, "{}", query.all());
    let listed: Vec<&str> = query
        .stdout
        .lines()
        .filter(|l| l.starts_with("list.prismacloud_integration_slack.alerts"))
        .collect();
    assert_eq!(listed.len(), 2, "{}", query.stdout);
    assert!(listed[0].contains(&format!("id={platform}")), "{listed:?}");
    assert!(listed[0].ends_with("platform alerts"), "{listed:?}");
    assert!(listed[1].contains(&format!("id={secops}")), "{listed:?}");
    assert!(!query.stdout.contains(&billing) && !query.stdout.contains(&webhook));

    let generate = t.terraform(&["query", "-no-color", "-generate-config-out=generated.tf"]);
    assert_eq!(generate.code, 0, "{}", generate.all());
    let generated = t.read("generated.tf");
    for expected in [
        "resource \"prismacloud_integration_slack\" \"alerts_0\"",
        "name                   = \"platform alerts\"",
        "description            = \"made in the console\"",
        "webhook_url            = null # sensitive",
        "webhook_url_wo         = null # sensitive",
        &format!("id = \"{platform}\""),
        &format!("id = \"{secops}\""),
    ] {
        assert!(
            generated.contains(expected),
            "{expected:?} in:\n{generated}"
        );
    }
    // Read-only status and defaults stay out; nothing secret is written anywhere.
    for absent in ["created_ts", "status", "enabled", URL] {
        assert!(!generated.contains(absent), "{absent:?} in:\n{generated}");
    }

    t.assert_plan_changes_with(&["2 to import, 0 to add, 0 to change, 0 to destroy"]);
    t.apply();
    t.assert_plan_empty();
    assert_eq!(t.integrations().len(), 4);
    assert_eq!(
        t.resource("prismacloud_integration_slack.alerts_1")["id"],
        secops.as_str()
    );

    // Filling in a secret where the generated file left it: the next apply sends it.
    let rotated = "https://hooks.slack.com/services/T0000/B0000/rotated-456";
    let filled = generated.replacen(
        "webhook_url_wo         = null # sensitive\n  webhook_url_wo_version = null",
        &format!("webhook_url_wo         = \"{rotated}\"\n  webhook_url_wo_version = 1"),
        1,
    );
    assert_ne!(filled, generated);
    t.write("generated.tf", &filled);
    let out = t.apply();
    assert!(
        out.stdout.contains("0 added, 1 changed, 0 destroyed"),
        "{}",
        out.stdout
    );
    assert_eq!(
        t.integration(&platform).unwrap()["integrationConfig"]["webhookUrl"],
        rotated
    );
    t.assert_plan_empty();
}

/// What the guide says of `terraform query`: it lists the integrations the workspace already
/// manages too (and generated configuration would import them twice); a name filter keeps to
/// the ones to adopt.
#[test]
fn query_also_lists_managed_integrations_and_a_name_filter_leaves_them_out() {
    let t = Acceptance::new();
    t.config(&format!(
        r#"
resource "prismacloud_integration_slack" "secops" {{
  name        = "Secops alerts"
  webhook_url = "{URL}"
}}
"#
    ));
    t.apply();
    let managed = t.resource("prismacloud_integration_slack.secops")["id"]
        .as_str()
        .unwrap()
        .to_string();
    let platform = create_slack(&t, "Platform alerts");

    let unfiltered = r#"
list "prismacloud_integration_slack" "alerts" {
  provider = prismacloud
}
"#;
    t.write("adopt.tfquery.hcl", unfiltered);
    let generate = t.terraform(&["query", "-no-color", "-generate-config-out=generated.tf"]);
    assert_eq!(generate.code, 0, "{}", generate.all());
    let generated = t.read("generated.tf");
    for id in [&managed, &platform] {
        assert!(generated.contains(&format!("id = \"{id}\"")), "{generated}");
    }
    // Terraform would import the managed integration under a second address.
    t.assert_plan_changes_with(&["2 to import, 0 to add, 0 to change, 0 to destroy"]);
    std::fs::remove_file(t.dir.path().join("generated.tf")).unwrap();

    t.write(
        "adopt.tfquery.hcl",
        r#"
list "prismacloud_integration_slack" "platform" {
  provider = prismacloud
  config {
    name = "Platform alerts"
  }
}
"#,
    );
    let generate = t.terraform(&["query", "-no-color", "-generate-config-out=generated.tf"]);
    assert_eq!(generate.code, 0, "{}", generate.all());
    let generated = t.read("generated.tf");
    assert!(
        generated.contains(&format!("id = \"{platform}\"")),
        "{generated}"
    );
    assert!(!generated.contains(&managed), "{generated}");
    t.assert_plan_changes_with(&["1 to import, 0 to add, 0 to change, 0 to destroy"]);
    t.apply();
    t.assert_plan_empty();
    assert_eq!(t.integrations().len(), 2);
}

fn moved_slack_config() -> String {
    format!(
        r#"
moved {{
  from = prismacloud_integration.billing
  to   = prismacloud_integration_slack.billing
}}

resource "prismacloud_integration_slack" "billing" {{
  name        = "Billing alerts"
  description = "made in the console"
  webhook_url = "{URL}"
}}
"#
    )
}

#[test]
fn moved_from_the_official_provider_keeps_the_integration_and_its_secret() {
    let mut t = Acceptance::new();
    let id = create_slack(&t, "Billing alerts");
    let attributes = official_attributes(
        &id,
        "Billing alerts",
        "slack",
        json!({ "webhook_url": URL }),
    );
    let calls = official_state_with_stand_in(&mut t, "billing", attributes);
    t.config(&moved_slack_config());

    let plan = t.plan();
    // A move counts as a change for -detailed-exitcode, but nothing is created or destroyed.
    assert_eq!(plan.code, 2, "{}", plan.all());
    assert!(
        plan.stdout
            .contains("Plan: 0 to add, 0 to change, 0 to destroy."),
        "{}",
        plan.stdout
    );
    assert!(
        plan.stdout.contains(
            "prismacloud_integration.billing has moved to prismacloud_integration_slack.billing"
        ),
        "{}",
        plan.stdout
    );
    let out = t.apply();
    assert!(
        out.stdout.contains("0 added, 0 changed, 0 destroyed"),
        "{}",
        out.stdout
    );
    let state = t.resource("prismacloud_integration_slack.billing");
    assert_eq!(state["id"], id.as_str());
    assert_eq!(state["webhook_url"], URL, "the secret moved with the state");
    assert_eq!(
        t.identity("prismacloud_integration_slack.billing"),
        json!({ "id": id })
    );
    assert!(!t.state_file().contains("paloaltonetworks"));
    t.assert_plan_empty();

    // The same integration, never re-created; the official provider only lent its schema.
    assert_eq!(t.integrations().len(), 1);
    assert_eq!(
        t.integration(&id).unwrap()["integrationConfig"]["webhookUrl"],
        URL
    );
    assert!(
        calls.lock().unwrap().is_empty(),
        "{:?}",
        calls.lock().unwrap()
    );
}

#[test]
fn moved_into_the_wrong_type_names_both_types() {
    let mut t = Acceptance::new();
    let id = create_webhook(&t, "Billing alerts");
    let attributes = official_attributes(
        &id,
        "Billing alerts",
        "webhook",
        json!({ "url": "https://example.com/hooks/prisma", "auth_token": "tok-1" }),
    );
    t.write(
        "terraform.tfstate",
        &official_state_file(&[("billing", attributes)]),
    );
    t.config(&moved_slack_config());

    // Terraform needs the source provider available, even though only its schema is used.
    let plan = t.plan();
    assert_eq!(plan.code, 1, "{}", plan.all());
    assert!(
        plan.flat()
            .contains(&format!("This state requires provider {OFFICIAL_SOURCE}")),
        "{}",
        plan.all()
    );

    let (stand_in, _calls) = OfficialStandIn::new();
    t.reattach(OFFICIAL_SOURCE, stand_in);
    let plan = t.plan();
    assert_eq!(plan.code, 1, "{}", plan.all());
    let all = plan.flat();
    assert!(
        all.contains("Cannot move a \"webhook\" integration into prismacloud_integration_slack"),
        "{all}"
    );
    assert!(
        all.contains("Move it to prismacloud_integration_webhook instead"),
        "{all}"
    );
    assert!(!all.contains("tok-1"), "a secret leaked:\n{all}");
    // Nothing happened to the integration or to the state.
    assert_eq!(t.integrations().len(), 1);
    assert!(
        t.state_file()
            .contains("\"type\": \"prismacloud_integration\"")
    );
}
