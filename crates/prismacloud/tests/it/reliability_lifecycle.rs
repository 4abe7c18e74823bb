//! Nothing lost, nothing duplicated, proved through the real Terraform CLI with targeted faults:
//! a create whose answer is lost is adopted, not repeated; a create that finally fails leaves
//! nothing untracked; a half-finished create is recorded; updates and deletes are retried where
//! that is safe; deleting an integration that is already gone succeeds.

use crate::support;

use prismacloud_sandbox::{FaultConfig, FaultKind};
use support::Acceptance;

// PagerDuty is served by the v1 endpoints, of the prisma id learned at login or configured.
const V1: &str = "/api/v1/tenant/{prisma_id}/integration";
const V1_ITEM: &str = "/api/v1/tenant/{prisma_id}/integration/{id}";
const CREATE: &str = "POST /api/v1/tenant/{prisma_id}/integration";
const LIST: &str = "GET /api/v1/tenant/{prisma_id}/integration";
const PRISMA_ID: &str = "806775361068";

const KEY: &str = "pd-routing-key-lifecycle-0001";

fn pager_duty(name: &str, enabled: bool) -> String {
    format!(
        r#"
resource "prismacloud_integration_pager_duty" "oncall" {{
  name            = "{name}"
  enabled         = {enabled}
  integration_key = "{KEY}"
}}
"#
    )
}

/// `kind` on the first `limit` requests to `route`.
fn on(route: &str, kind: FaultKind, limit: Option<u64>) -> FaultConfig {
    FaultConfig::default().with_rule(support::fault_rule(route, kind, limit))
}

fn state_ids(t: &Acceptance) -> Vec<String> {
    let state = t.state();
    state["values"]["root_module"]["resources"]
        .as_array()
        .map(|rs| {
            rs.iter()
                .filter_map(|r| r["values"]["id"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn sandbox_ids(t: &Acceptance) -> Vec<String> {
    t.integration_ids()
}

#[test]
fn a_create_whose_answer_is_lost_is_adopted_not_repeated() {
    for kind in [
        FaultKind::Drop,
        FaultKind::ServerError,
        FaultKind::BadGateway,
    ] {
        let t = Acceptance::new();
        t.config(&pager_duty("Adopted on-call", true));
        t.faults(on(CREATE, kind, Some(1)));
        t.apply();
        let stats = t.sandbox().state().stats();
        assert_eq!(stats.faults_of(kind.name()), 1, "{kind}");
        assert_eq!(
            stats.requests_to("POST", V1),
            1,
            "{kind}: the lost create must not be sent again"
        );
        assert_eq!(sandbox_ids(&t), state_ids(&t), "{kind}");
        assert_eq!(sandbox_ids(&t).len(), 1, "{kind}");
        t.assert_plan_empty();
    }
}

#[test]
fn a_create_that_finally_fails_leaves_nothing_behind() {
    let mut t = Acceptance::new();
    t.env("PRISMACLOUD_MAX_RETRIES", "1");
    t.config(&pager_duty("Never created", true));
    t.faults(on(CREATE, FaultKind::Unavailable, None));
    let out = t.terraform(&["apply", "-auto-approve", "-input=false", "-no-color"]);
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.all()
            .contains("Could not create the PagerDuty integration \"Never created\""),
        "{}",
        out.all()
    );
    assert!(out.all().contains("HTTP 503"), "{}", out.all());
    assert!(t.integrations().is_empty());
    assert!(state_ids(&t).is_empty());
    assert_eq!(t.sandbox().state().stats().requests_to("POST", V1), 2);
}

#[test]
fn a_create_stored_but_not_finished_is_recorded_then_replaced() {
    let mut t = Acceptance::new();
    // v1 integrations are born enabled: enabled = false needs a PATCH after the create.
    t.env("PRISMACLOUD_PRISMA_ID", PRISMA_ID);
    t.env("PRISMACLOUD_MAX_RETRIES", "1");
    t.config(&pager_duty("Half finished", false));
    t.faults(on(
        "PATCH /api/v1/tenant/{prisma_id}/integration/{id}",
        FaultKind::Unavailable,
        None,
    ));
    let out = t.terraform(&["apply", "-auto-approve", "-input=false", "-no-color"]);
    assert_eq!(out.code, 1, "{}", out.all());
    let all = out.all().replace('\n', " ");
    assert!(
        all.contains("was created, but disabling it failed"),
        "{all}"
    );
    assert!(all.contains("marked tainted"), "{all}");
    assert_eq!(
        sandbox_ids(&t),
        state_ids(&t),
        "the state records what exists"
    );

    // Once the API heals, the tainted integration is replaced: still exactly one.
    t.faults(FaultConfig::default());
    let out = t.apply();
    assert!(
        out.stdout.contains("1 added, 0 changed, 1 destroyed"),
        "{}",
        out.stdout
    );
    assert_eq!(sandbox_ids(&t).len(), 1);
    assert_eq!(sandbox_ids(&t), state_ids(&t));
    assert_eq!(t.integrations()[0]["enabled"], false);
    t.assert_plan_empty();
}

#[test]
fn an_unknown_create_outcome_says_what_to_look_for() {
    let mut t = Acceptance::new();
    t.env("PRISMACLOUD_MAX_RETRIES", "1");
    t.config(&pager_duty("Maybe created", true));
    t.faults(
        on(CREATE, FaultKind::ServerError, None).with_rule(support::fault_rule(
            LIST,
            FaultKind::Unavailable,
            None,
        )),
    );
    let out = t.terraform(&["apply", "-auto-approve", "-input=false", "-no-color"]);
    assert_eq!(out.code, 1, "{}", out.all());
    let all = out.all().replace('\n', " ");
    assert!(all.contains("may or may not have created"), "{all}");
    assert!(all.contains("\"Maybe created\""), "{all}");
    assert!(all.contains("recorded in state, marked tainted"), "{all}");
    // Never a duplicate: the second POST met the name already taken, or was never sent.
    assert!(t.integrations().len() <= 1);
}

#[test]
fn a_create_on_the_v1_family_adopts_after_a_dropped_answer() {
    let mut t = Acceptance::new();
    t.env("PRISMACLOUD_PRISMA_ID", PRISMA_ID);
    t.config(&pager_duty("Adopted on v1", false));
    t.faults(on(CREATE, FaultKind::Drop, Some(1)));
    t.apply();
    let stats = t.sandbox().state().stats();
    assert_eq!(
        stats.requests_to("POST", "/api/v1/tenant/{prisma_id}/integration"),
        1
    );
    assert_eq!(sandbox_ids(&t), state_ids(&t));
    assert_eq!(
        t.integrations()[0]["enabled"],
        false,
        "adopted, then disabled"
    );
    t.assert_plan_empty();
}

#[test]
fn updates_and_deletes_are_retried_and_a_gone_integration_deletes_fine() {
    let t = Acceptance::new();
    t.config(&pager_duty("Updated under faults", true));
    t.apply();

    // An update processed but whose answer was lost is simply sent again.
    t.faults(on(&format!("PUT {V1_ITEM}"), FaultKind::Drop, Some(1)));
    t.config(&pager_duty("Updated under faults", false));
    t.apply();
    assert_eq!(t.integrations()[0]["enabled"], false);
    assert_eq!(t.sandbox().state().stats().requests_to("PUT", V1_ITEM), 2);
    t.assert_plan_empty();

    // A delete processed but whose answer was lost: the retry meets 404, which is success.
    t.faults(on(&format!("DELETE {V1_ITEM}"), FaultKind::Drop, Some(1)));
    t.destroy();
    assert!(t.integrations().is_empty());
    assert!(state_ids(&t).is_empty());
}

#[test]
fn destroying_an_integration_deleted_out_of_band_succeeds() {
    let t = Acceptance::new();
    t.config(&pager_duty("Deleted in the console", true));
    t.apply();
    let id = state_ids(&t).remove(0);
    t.block_on(t.api().delete(&id, "pager_duty"))
        .expect("deleted out of band");
    // Without a refresh, Terraform asks the provider to delete what is already gone.
    let out = t.terraform(&[
        "destroy",
        "-auto-approve",
        "-input=false",
        "-no-color",
        "-refresh=false",
    ]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(out.stdout.contains("1 destroyed"), "{}", out.stdout);
    assert!(state_ids(&t).is_empty());
}
