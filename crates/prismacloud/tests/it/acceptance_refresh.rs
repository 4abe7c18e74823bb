//! Refresh in O(1) API calls, through the real Terraform CLI: after applying many integrations,
//! `terraform plan` reads them all from one list per endpoint family, and what changed or
//! vanished outside Terraform still shows in the next plan.

use crate::support;

use std::collections::BTreeMap;

use prismacloud::api::IntegrationRequest;
use serde_json::Value as Json;
use support::{Acceptance, ApiCalls};

const URL: &str = "https://hooks.slack.com/services/T0000/B0000/refresh-token-123";
const N: usize = 30;
// Slack is served by the v1 endpoints of the prisma id the provider learns at login.
const LIST: &str = "GET /api/v1/tenant/{prisma_id}/integration";
const GET_BY_ID: &str = "GET /api/v1/tenant/{prisma_id}/integration/{id}";

fn fleet(n: usize) -> String {
    format!(
        r#"
resource "prismacloud_integration_slack" "fleet" {{
  count       = {n}
  name        = "fleet ${{count.index}}"
  description = "fleet member"
  webhook_url = "{URL}"
}}
"#
    )
}

fn plan_counted(t: &Acceptance) -> (support::Run, ApiCalls) {
    t.counting(|| t.plan())
}

/// Every integration in state has the id the sandbox gave the one with its name: concurrent
/// creates that find what they posted through shared lists each found their own.
fn assert_state_matches_sandbox(t: &Acceptance) {
    let by_name: BTreeMap<String, String> = t
        .integrations()
        .iter()
        .map(|i| {
            (
                i["name"].as_str().unwrap().to_owned(),
                i["id"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let state = t.state();
    let resources = state["values"]["root_module"]["resources"]
        .as_array()
        .expect("resources in state");
    assert_eq!(resources.len(), by_name.len());
    for r in resources {
        let values: &Json = &r["values"];
        let name = values["name"].as_str().expect("a name");
        assert_eq!(
            Some(values["id"].as_str().expect("an id")),
            by_name.get(name).map(String::as_str),
            "{name}"
        );
    }
}

fn id_of(t: &Acceptance, address: &str) -> String {
    t.resource(address)["id"]
        .as_str()
        .expect("an id")
        .to_owned()
}

#[test]
fn plan_reads_every_integration_from_one_list_and_still_sees_changes_made_outside() {
    let t = Acceptance::new();
    t.config(&fleet(N));
    t.apply();
    assert_eq!(t.integrations().len(), N);
    assert_state_matches_sandbox(&t);

    // Nothing changed: login and one list, however many integrations there are.
    let (plan, calls) = plan_counted(&t);
    assert_eq!(plan.code, 0, "expected an empty plan:\n{}", plan.all());
    assert!(calls.total <= 3, "{calls:?}");
    assert_eq!(calls.to(LIST), 1, "{calls:?}");
    assert_eq!(calls.to(GET_BY_ID), 0, "{calls:?}");

    // Changed and deleted outside Terraform (a new provider process per plan sees it).
    let changed = id_of(&t, "prismacloud_integration_slack.fleet[3]");
    let deleted = id_of(&t, "prismacloud_integration_slack.fleet[7]");
    let api = t.api();
    let edit = IntegrationRequest {
        name: "fleet 3".into(),
        description: "edited in the console".into(),
        enabled: true,
        integration_type: "slack".into(),
        config: Default::default(),
        secrets: Default::default(),
    };
    t.block_on(api.update(&changed, &edit)).expect("updated");
    t.block_on(api.delete(&deleted, "slack")).expect("deleted");

    let (plan, calls) = plan_counted(&t);
    assert_eq!(plan.code, 2, "{}", plan.all());
    let out = &plan.stdout;
    assert!(out.contains("1 to add, 1 to change, 0 to destroy"), "{out}");
    assert!(
        out.contains("prismacloud_integration_slack.fleet[3] will be updated in-place"),
        "{out}"
    );
    assert!(
        out.contains("prismacloud_integration_slack.fleet[7] will be created"),
        "{out}"
    );
    assert!(out.contains("edited in the console"), "{out}");
    // The deleted one is missing from the list; only a read by id may call it gone.
    assert_eq!(calls.to(LIST), 1, "{calls:?}");
    assert_eq!(calls.to(GET_BY_ID), 1, "{calls:?}");

    // Apply puts both right; plan is empty again.
    t.apply();
    assert_state_matches_sandbox(&t);
    assert_eq!(
        t.integration(&changed).expect("kept")["description"],
        "fleet member"
    );
    t.assert_plan_empty();
}

#[test]
fn with_a_prisma_id_each_family_is_listed_once() {
    let mut t = Acceptance::new();
    let prisma_id = t.sandbox().state().config().prisma_id.clone();
    t.env("PRISMACLOUD_PRISMA_ID", &prisma_id);
    t.config(&format!(
        r#"{fleet}
resource "prismacloud_integration_slack" "quiet" {{
  name        = "quiet channel"
  enabled     = false
  webhook_url = "{URL}"
}}

resource "prismacloud_integration_qualys" "scanner" {{
  count    = 4
  name     = "scanner ${{count.index}}"
  login    = "scanner"
  base_url = "qualysapi.qualys.com"
  password = "qualys-password-1"
}}
"#,
        fleet = fleet(10)
    ));
    t.apply();
    assert_state_matches_sandbox(&t);

    // Slack on the tenant list (disabled ones included), Qualys on the classic list.
    let (plan, calls) = plan_counted(&t);
    assert_eq!(plan.code, 0, "expected an empty plan:\n{}", plan.all());
    assert!(calls.total <= 3, "{calls:?}");
    assert_eq!(
        calls.to("GET /api/v1/tenant/{prisma_id}/integration"),
        1,
        "{calls:?}"
    );
    assert_eq!(calls.to(LIST), 1, "{calls:?}");

    // A deletion on either family shows.
    let scanner = id_of(&t, "prismacloud_integration_qualys.scanner[2]");
    let quiet = id_of(&t, "prismacloud_integration_slack.quiet");
    let api = t.api();
    t.block_on(api.delete(&scanner, "qualys")).expect("deleted");
    t.block_on(api.delete(&quiet, "slack")).expect("deleted");
    let plan = t.plan();
    assert_eq!(plan.code, 2, "{}", plan.all());
    assert!(
        plan.stdout.contains("2 to add, 0 to change, 0 to destroy"),
        "{}",
        plan.stdout
    );
}
