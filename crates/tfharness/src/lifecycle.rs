//! The acceptance core a platform runs on every tested Terraform version: create, an empty
//! plan, an update in place, import by id, destroy — for several resources at once, so that one
//! run per version covers them all.

use crate::{Run, Workspace};

/// One resource of the core.
#[derive(Clone, Debug)]
pub struct CoreResource {
    /// Its address, e.g. `acme_thing.this`.
    pub address: String,
    /// Its block at create.
    pub create: String,
    /// The same block with a change the API makes in place (the plan must update, not replace).
    pub update: String,
    /// Its block when imported after the update, e.g. without the secrets an API never returns:
    /// the plan of the import must change nothing.
    pub import: String,
}

/// The core's tests of a provider, one per version besides the newest (which runs the whole
/// suite): `core_tests!(core_on)` defines `core_on_the_oldest_terraform` and
/// `core_on_the_first_terraform_with_write_only_arguments`, calling `core_on(version)`.
#[macro_export]
macro_rules! core_tests {
    ($core_on:path) => {
        #[test]
        fn core_on_the_oldest_terraform() {
            $core_on($crate::versions::OLDEST);
        }

        #[test]
        fn core_on_the_first_terraform_with_write_only_arguments() {
            $core_on($crate::versions::WRITE_ONLY);
        }
    };
}

/// A `check` block whose assertion fails is only a warning: the core fails on it.
const FAILED_CHECK: &str = "Check block assertion failed";

/// Runs the core through `ws` on all `resources` at once; `extra` (data sources, `check`
/// blocks) is part of every configuration. Returns each resource's `id`, in order.
///
/// 1. create: apply, then an empty plan;
/// 2. update: the plan changes every resource in place, apply keeps the ids, an empty plan;
/// 3. import: `terraform state rm`, then `import` blocks by id; the plan imports every resource
///    and changes nothing, apply, an empty plan;
/// 4. destroy: nothing left in state.
pub fn run_core(ws: &Workspace, resources: &[CoreResource], extra: &str) -> Vec<String> {
    let n = resources.len();
    let blocks = |pick: fn(&CoreResource) -> &String| -> String {
        let mut hcl: String = resources.iter().map(|r| format!("{}\n", pick(r))).collect();
        hcl.push_str(extra);
        hcl
    };

    ws.config(&blocks(|r| &r.create));
    assert_checks_pass("create", &ws.apply());
    let ids = state_ids(ws, resources);
    assert_plan_empty(ws, "after create");

    ws.config(&blocks(|r| &r.update));
    let plan = ws.assert_plan_changes_with(&[&format!("0 to add, {n} to change, 0 to destroy")]);
    assert!(!plan.stdout.contains("must be replaced"), "{}", plan.stdout);
    assert_checks_pass("update", &ws.apply());
    assert_eq!(
        state_ids(ws, resources),
        ids,
        "an update in place keeps the ids"
    );
    assert_plan_empty(ws, "after update");

    let addresses: Vec<&str> = resources.iter().map(|r| r.address.as_str()).collect();
    let rm = ws.terraform(&[&["state", "rm", "-no-color"], addresses.as_slice()].concat());
    assert_eq!(rm.code, 0, "state rm:\n{}", rm.all());
    let imports: String = resources
        .iter()
        .zip(&ids)
        .map(|(r, id)| format!("import {{\n  to = {}\n  id = \"{id}\"\n}}\n", r.address))
        .collect();
    ws.config(&format!("{}\n{imports}", blocks(|r| &r.import)));
    ws.assert_plan_changes_with(&[&format!(
        "{n} to import, 0 to add, 0 to change, 0 to destroy"
    )]);
    assert_checks_pass("import", &ws.apply());
    assert_eq!(
        state_ids(ws, resources),
        ids,
        "import by id adopts the same objects"
    );
    assert_plan_empty(ws, "after import");

    ws.destroy();
    let state = ws.state();
    let left = &state["values"]["root_module"]["resources"];
    assert!(
        left.as_array()
            .is_none_or(|managed| managed.iter().all(|r| r["mode"] != "managed")),
        "destroy left resources in state: {left:#}"
    );
    ids
}

/// The `id` of every resource, from one `terraform show -json`.
fn state_ids(ws: &Workspace, resources: &[CoreResource]) -> Vec<String> {
    let state = ws.state();
    let listed = state["values"]["root_module"]["resources"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    resources
        .iter()
        .map(|r| {
            let entry = listed
                .iter()
                .find(|e| e["address"] == r.address.as_str())
                .unwrap_or_else(|| panic!("{} is not in state: {state:#}", r.address));
            entry["values"]["id"]
                .as_str()
                .unwrap_or_else(|| panic!("{} has no id: {entry:#}", r.address))
                .to_owned()
        })
        .collect()
}

fn assert_plan_empty(ws: &Workspace, when: &str) {
    let r = ws.plan();
    assert_eq!(r.code, 0, "expected an empty plan {when}:\n{}", r.all());
    assert_checks_pass(when, &r);
}

fn assert_checks_pass(step: &str, run: &Run) {
    assert!(
        !run.all().contains(FAILED_CHECK),
        "{step}: a check failed:\n{}",
        run.all()
    );
}
