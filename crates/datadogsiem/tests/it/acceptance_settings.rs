//! The provider's settings checked once, when Terraform configures it (`validate`, default
//! true, as the official Datadog provider has it): wrong keys or an unreachable API are one
//! plan-time error naming what to fix, not one per resource; the check's list is the one the
//! refresh reads, so it costs no call; `validate = false` plans without reaching Datadog.

use crate::support::Acceptance;
use tfharness::settings;

const THREE: &str = r#"
resource "datadogsiem_entity_context_sync_okta" "a" {
  name      = "Settings a"
  domain    = "a.okta.com"
  api_token = "settings-token-a"
}

resource "datadogsiem_entity_context_sync_okta" "b" {
  name      = "Settings b"
  domain    = "b.okta.com"
  api_token = "settings-token-b"
}

resource "datadogsiem_entity_context_sync_sentinelone" "c" {
  name      = "Settings c"
  domain    = "c.sentinelone.net"
  api_token = "settings-token-c"
}
"#;

fn requests(t: &Acceptance) -> u64 {
    t.sandbox().state().kit().stats().total_requests
}

#[test]
fn wrong_keys_are_one_error_per_run_and_the_check_costs_no_call() {
    let mut t = Acceptance::new();
    t.config(THREE);
    t.apply();
    // The refresh of three reads the check's list: one call in all.
    let before = requests(&t);
    let out = t.plan();
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(
        requests(&t) - before,
        1,
        "one list for the check and the refresh"
    );

    t.env("DD_APP_KEY", "not-the-application-key");
    for extra in [&[][..], &["-refresh=false"][..]] {
        let out = t.plan_with(extra);
        assert_eq!(out.code, 1, "{}", out.all());
        assert_eq!(
            out.error_count(),
            1,
            "one error, not one per resource: {}",
            out.all()
        );
        out.assert_mentions(&[
            "Error: Datadog Cloud SIEM refused the provider's credentials",
            "Check the provider's api_key and app_key (or DD_API_KEY and DD_APP_KEY)",
            "set validate = false (or DATADOGSIEM_VALIDATE=false)",
        ]);
        t.assert_no_secret(&[&out], &["not-the-application-key"]);
    }
}

#[test]
fn validate_false_plans_a_new_workspace_without_reaching_datadog() {
    let mut t = Acceptance::new();
    settings::validate_off_plans_offline(
        &mut t,
        &settings::Offline {
            url_var: "DD_HOST",
            retries_var: "DATADOGSIEM_MAX_RETRIES",
            validate_var: "DATADOGSIEM_VALIDATE",
            hcl: THREE,
            count: 3,
            error: &[
                "Error: Could not connect to Datadog Cloud SIEM with the provider's settings",
                "Check the provider's site or api_url (or DD_SITE, DD_HOST)",
                "set validate = false (or DATADOGSIEM_VALIDATE=false)",
            ],
        },
    );
}
