//! The Terraform version matrix (`tfharness::versions`): every other acceptance test runs on the
//! newest Terraform; these run the acceptance core on the oldest tested version and on the first
//! with write-only arguments, and prove that what an older Terraform lacks ends in a clear
//! error, never a crash and never a secret stored:
//!
//! - write-only arguments (`<secret>_wo`, Terraform 1.11): refused by the provider before 1.11
//!   ("<attr>_wo needs Terraform 1.11 or later"), nothing sent, no state written; from 1.11
//!   sent to the API and null in state;
//! - import by identity (1.12) and `terraform query` (1.14): Terraform itself refuses them, with
//!   its own diagnostics, before the provider is asked anything.

use crate::acceptance_types::{Secrets, resource_hcl, row};
use crate::support;

use serde_json::{Value as Json, json};
use support::{Acceptance, ApiCalls, Run};
use tfharness::{CoreResource, run_core, versions};

/// Integration types of the core: a classic-looking webhook, a secret-only one, and one with a
/// list attribute and an immutable key.
const CORE_TYPES: &[&str] = &["slack", "webhook", "service_now"];

/// A data source and a `check` block (Terraform 1.5+) asserting on it: the core fails on a
/// failed check. (A data source nested in the check would be re-read at every apply, so no plan
/// would ever be empty.)
const CHECK: &str = r#"
data "prismacloud_integration" "slack" {
  id = prismacloud_integration_slack.this.id
}

check "slack_as_prisma_cloud_has_it" {
  assert {
    condition     = data.prismacloud_integration.slack.name == prismacloud_integration_slack.this.name
    error_message = "Prisma Cloud has ${data.prismacloud_integration.slack.name}"
  }
}
"#;

const SECRET: &str = "https://hooks.slack.com/services/T1/B1/write-only-matrix-secret";
const SLACK: &str = "prismacloud_integration_slack.secret";

fn on(version: &str) -> Acceptance {
    let mut t = Acceptance::new();
    t.use_cli(versions::cli(version));
    t
}

fn core_on(version: &str) {
    let t = on(version);
    let resources: Vec<CoreResource> = CORE_TYPES
        .iter()
        .map(|ty| {
            let row = row(ty);
            CoreResource {
                address: format!("prismacloud_integration_{ty}.this"),
                create: resource_hcl(&row, &[], Secrets::Plain),
                update: resource_hcl(&row, &[row.update], Secrets::Plain),
                import: resource_hcl(&row, &[row.update], Secrets::Omitted),
            }
        })
        .collect();
    let ids = run_core(&t, &resources, CHECK);
    assert_eq!(ids.len(), CORE_TYPES.len());
    assert!(t.integrations().is_empty(), "{:?}", t.integrations());
}

tfharness::core_tests!(core_on);

fn write_only_config() -> String {
    format!(
        r#"
resource "prismacloud_integration_slack" "secret" {{
  name                   = "Write-only matrix"
  webhook_url_wo         = "{SECRET}"
  webhook_url_wo_version = 1
}}
"#
    )
}

#[test]
fn write_only_arguments_are_refused_before_terraform_1_11() {
    for version in [versions::OLDEST, versions::BEFORE_EPHEMERAL] {
        let t = on(version);
        t.config(&write_only_config());
        for args in [
            &["validate", "-no-color"][..],
            &["plan", "-input=false", "-no-color"],
            &["apply", "-auto-approve", "-input=false", "-no-color"],
        ] {
            let (r, calls): (Run, ApiCalls) = t.counting(|| t.terraform(args));
            let what = format!("terraform {} on {version}", args[0]);
            assert_eq!(r.code, 1, "{what}:\n{}", r.all());
            assert!(
                r.flat()
                    .contains("Error: webhook_url_wo needs Terraform 1.11 or later"),
                "{what}:\n{}",
                r.all()
            );
            assert_eq!(calls.total, 0, "{what} sent requests: {calls:?}");
        }
        assert!(t.integrations().is_empty(), "on {version}");
        for file in ["terraform.tfstate", "terraform.tfstate.backup"] {
            assert!(
                !t.dir.path().join(file).exists(),
                "on {version}, {file} was written:\n{}",
                t.read(file)
            );
        }
    }
}

#[test]
fn write_only_arguments_are_sent_and_never_stored_from_terraform_1_11() {
    let t = on(versions::WRITE_ONLY);
    t.config(&write_only_config());
    t.apply();
    let stored = t.integrations();
    assert_eq!(stored.len(), 1, "{stored:?}");
    assert_eq!(stored[0]["integrationConfig"]["webhookUrl"], SECRET);
    let state = t.resource(SLACK);
    assert_eq!(state["webhook_url_wo"], Json::Null, "{state:#}");
    assert_eq!(state["webhook_url_wo_version"], 1, "{state:#}");
    assert!(
        !t.state_file().contains(SECRET),
        "the secret is in the state file"
    );
    t.assert_plan_empty();
}

#[test]
fn identity_import_and_query_before_they_exist_are_terraform_s_own_errors() {
    for version in [versions::OLDEST, versions::WRITE_ONLY] {
        let t = on(version);
        let id = t.create_out_of_band(
            "slack",
            "Adopted on an old Terraform",
            "",
            json!({}),
            &[("webhookUrl", SECRET)],
        );
        let resource = r#"
resource "prismacloud_integration_slack" "adopted" {
  name = "Adopted on an old Terraform"
}
"#;
        // Import by identity (Terraform 1.12): the configuration does not parse.
        t.config(&format!(
            "import {{\n  to       = prismacloud_integration_slack.adopted\n  identity = {{ id = \"{id}\" }}\n}}\n{resource}"
        ));
        let (r, calls) = t.counting(|| t.plan());
        assert_eq!(r.code, 1, "on {version}:\n{}", r.all());
        for needle in [
            "Error: Unsupported argument",
            "An argument named \"identity\" is not expected here.",
        ] {
            assert!(r.flat().contains(needle), "on {version}:\n{}", r.all());
        }
        assert_eq!(calls.total, 0, "on {version}: {calls:?}");

        // List resources (Terraform 1.14): no `terraform query` command; the .tfquery.hcl file
        // is not read, and import by id still adopts the integration.
        t.write(
            "adopt.tfquery.hcl",
            "list \"prismacloud_integration_slack\" \"all\" {\n  provider = prismacloud\n}\n",
        );
        let r = t.terraform(&["query", "-no-color"]);
        assert_eq!(r.code, 1, "on {version}:\n{}", r.all());
        assert!(
            r.flat()
                .contains("Terraform has no command named \"query\"."),
            "on {version}:\n{}",
            r.all()
        );
        t.config(&format!(
            "import {{\n  to = prismacloud_integration_slack.adopted\n  id = \"{id}\"\n}}\n{resource}"
        ));
        t.assert_plan_changes_with(&["1 to import, 0 to add, 0 to change, 0 to destroy"]);
    }
}
