//! A created integration is never lost, through the real Terraform CLI, on both endpoint
//! families (issue 12 item 1).
//!
//! - Classic (Okta, Qualys, Tenable): the POST answers 200 with no body, so the new id is found
//!   by listing. When every list fails (503s, connections dropped after the POST), the apply
//!   ends with the integration in state, pending and tainted; once the API answers again, one
//!   more apply converges to exactly one integration and an empty plan.
//! - Classic with `enabled = false`: the lists hide disabled integrations unless asked
//!   `onlyEnabled=false`, so every list the provider makes asks it (create lookups, refresh
//!   snapshots, data sources).
//! - v1: a POST whose answer is lost while the lookups fail too ends the same way.

use crate::support;

use prismacloud_sandbox::{FaultConfig, FaultKind};
use serde_json::Value as Json;
use support::{Acceptance, fault_rule as rule};

const CLASSIC_LIST: &str = "GET /integration";
const CLASSIC_ITEM: &str = "/integration/{id}";
const V1_CREATE: &str = "POST /api/v1/tenant/{prisma_id}/integration";
const V1_LIST: &str = "GET /api/v1/tenant/{prisma_id}/integration";
const NAME_TAKEN: &str = "integration_name_already_exists";

fn okta(name: &str, enabled: bool) -> String {
    format!(
        r#"
resource "prismacloud_integration_okta" "idp" {{
  name      = "{name}"
  enabled   = {enabled}
  domain    = "acme.okta.com"
  api_token = "okta-api-token-no-loss-1"
}}
"#
    )
}

fn teams(name: &str, enabled: bool) -> String {
    format!(
        r#"
resource "prismacloud_integration_microsoft_teams" "channel" {{
  name    = "{name}"
  enabled = {enabled}
  url     = "https://acme.webhook.office.com/webhookb2/no-loss-token-1"
}}
"#
    )
}

/// The one resource of the state, as `terraform show -json` prints it.
fn only_resource(t: &Acceptance) -> Option<Json> {
    let state = t.state();
    let resources = state["values"]["root_module"]["resources"].as_array()?;
    assert!(resources.len() <= 1, "{state:#}");
    resources.first().cloned()
}

/// A failed apply left the integration it may have created in state: pending (no id yet) and
/// tainted.
fn assert_recorded_pending(t: &Acceptance, out: &tfharness::Run) {
    assert_eq!(out.code, 1, "{}", out.all());
    let resource = only_resource(t)
        .unwrap_or_else(|| panic!("the integration is not in state:\n{}", out.all()));
    assert_eq!(resource["values"]["id"], "", "{resource:#}");
    assert_eq!(resource["tainted"], true, "{resource:#}");
}

/// One more apply with the API healthy converges: exactly one integration, the one in state,
/// and an empty plan.
fn assert_converges(t: &Acceptance) {
    t.faults(FaultConfig::default());
    let out = t.apply();
    assert!(!out.all().contains(NAME_TAKEN), "{}", out.all());
    let ids = t.integration_ids();
    assert_eq!(
        ids.len(),
        1,
        "exactly one integration: {:#?}",
        t.integrations()
    );
    let resource = only_resource(t).expect("in state");
    assert_eq!(resource["values"]["id"], ids[0].as_str(), "{resource:#}");
    assert_ne!(resource["tainted"], true, "{resource:#}");
    t.assert_plan_empty();
}

#[test]
fn a_classic_create_whose_lookups_all_fail_is_kept_then_converges() {
    // 503 before processing, and the server dropping the connection after it.
    for kind in [FaultKind::Unavailable, FaultKind::Drop] {
        let mut t = Acceptance::new();
        t.env("PRISMACLOUD_MAX_RETRIES", "1");
        t.config(&okta("Corp IdP lookups fail", true));
        t.faults(FaultConfig::default().with_rule(rule(CLASSIC_LIST, kind, None)));
        let out = t.terraform(&["apply", "-auto-approve", "-input=false", "-no-color"]);
        assert_eq!(t.integrations().len(), 1, "{kind}: the POST went through");
        assert_recorded_pending(&t, &out);
        let all = out.flat();
        assert!(all.contains("\"Corp IdP lookups fail\""), "{kind}: {all}");
        assert!(all.contains("recorded in state"), "{kind}: {all}");
        assert_converges(&t);
    }
}

#[test]
fn a_disabled_classic_integration_is_found_by_every_list() {
    let t = Acceptance::new();
    t.config(&okta("Corp IdP disabled", false));
    let out = t.terraform(&["apply", "-auto-approve", "-input=false", "-no-color"]);
    assert_eq!(
        out.code,
        0,
        "the create finds what it posted:\n{}",
        out.all()
    );
    let ids = t.integration_ids();
    assert_eq!(ids.len(), 1);
    assert_eq!(t.integrations()[0]["enabled"], false);
    let resource = only_resource(&t).expect("in state");
    assert_eq!(resource["values"]["id"], ids[0].as_str());

    // A refresh finds it in the shared list: no read by id.
    let (plan, calls) = t.counting(|| t.plan());
    assert_eq!(plan.code, 0, "{}", plan.all());
    assert_eq!(calls.to(&format!("GET {CLASSIC_ITEM}")), 0, "{calls:?}");
    assert_eq!(calls.to(CLASSIC_LIST), 1, "{calls:?}");

    // So do the data sources.
    t.config(&format!(
        r#"{}
data "prismacloud_integration" "by_name" {{
  name = "Corp IdP disabled"
}}

data "prismacloud_integrations" "okta" {{
  integration_type = "okta"
}}

output "found" {{
  value = data.prismacloud_integration.by_name.id
}}

output "listed" {{
  value = [for i in data.prismacloud_integrations.okta.integrations : i.id]
}}
"#,
        okta("Corp IdP disabled", false)
    ));
    t.apply();
    let outputs = t.outputs();
    assert_eq!(outputs["found"]["value"], ids[0].as_str(), "{outputs:#}");
    assert_eq!(
        outputs["listed"]["value"],
        serde_json::json!(ids),
        "{outputs:#}"
    );
    t.assert_plan_empty();
}

#[test]
fn a_v1_create_whose_answer_and_lookups_are_lost_is_kept_then_converges() {
    for kind in [FaultKind::Drop, FaultKind::ServerError] {
        let mut t = Acceptance::new();
        t.env("PRISMACLOUD_MAX_RETRIES", "1");
        t.config(&teams("Teams answer lost", false));
        // The POST is processed but its answer lost; every list fails for a while.
        t.faults(
            FaultConfig::default()
                .with_rule(rule(V1_CREATE, kind, Some(1)))
                .with_rule(rule(V1_LIST, FaultKind::Unavailable, Some(4))),
        );
        let out = t.terraform(&["apply", "-auto-approve", "-input=false", "-no-color"]);
        assert_eq!(t.integrations().len(), 1, "{kind}: the POST went through");
        assert_recorded_pending(&t, &out);
        assert!(
            out.flat().contains("may or may not have created"),
            "{kind}: {}",
            out.all()
        );
        assert_converges(&t);
        assert_eq!(t.integrations()[0]["enabled"], false, "{kind}");
    }
}
