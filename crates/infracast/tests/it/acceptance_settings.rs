//! The provider's settings checked once, when Terraform configures it (`validate`, default
//! true): a wrong password, a tenant the user does not belong to or an unreachable URL is one
//! plan-time error naming what to fix, not one per resource; the check is the sign-in and the
//! list the refresh reads anyway, so it costs no call; `validate = false` plans without
//! reaching Infracast.

use infracast_sandbox::config::{DEFAULT_PASSWORD, OTHER_TENANT};

use crate::support::Acceptance;
use tfharness::settings;

const THREE: &str = r#"
resource "infracast_integration_webhook" "hooks" {
  count  = 3
  name   = "Settings ${count.index}"
  url    = "https://hooks.example.com/settings/${count.index}"
  secret = "settings-hmac-secret"
  events = ["finding.created"]
}
"#;

fn requests(t: &Acceptance) -> u64 {
    t.sandbox().state().stats().total_requests
}

#[test]
fn wrong_credentials_or_tenant_are_one_error_per_run_and_the_check_costs_no_call() {
    let mut t = Acceptance::new();
    t.config(THREE);
    t.apply();
    // Sign-in and one list, for the check and the refresh of three.
    let before = requests(&t);
    let out = t.plan();
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(requests(&t) - before, 2, "a sign-in and one list");

    t.env("INFRACAST_PASSWORD", "not-the-password");
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
            "Error: Infracast refused the provider's credentials",
            "Check the provider's username and password (or INFRACAST_USERNAME and \
                 INFRACAST_PASSWORD)",
            "set validate = false (or INFRACAST_VALIDATE=false)",
        ]);
        t.assert_no_secret(&[&out], &["not-the-password"]);
    }

    t.env("INFRACAST_PASSWORD", DEFAULT_PASSWORD);
    t.env("INFRACAST_TENANT", OTHER_TENANT);
    let out = t.plan_with(&["-refresh=false"]);
    assert_eq!(out.code, 1, "{}", out.all());
    assert_eq!(out.error_count(), 1, "{}", out.all());
    out.assert_mentions(&[
        "Error: Infracast refused the provider's credentials",
        "check that the provider's tenant (INFRACAST_TENANT) is the user's tenant",
    ]);
}

#[test]
fn validate_false_plans_a_new_workspace_without_reaching_infracast() {
    let mut t = Acceptance::new();
    settings::validate_off_plans_offline(
        &mut t,
        &settings::Offline {
            url_var: "INFRACAST_URL",
            retries_var: "INFRACAST_MAX_RETRIES",
            validate_var: "INFRACAST_VALIDATE",
            hcl: THREE,
            count: 3,
            error: &[
                "Error: Could not connect to Infracast with the provider's settings",
                "Check the provider's url (or INFRACAST_URL)",
                "set validate = false (or INFRACAST_VALIDATE=false)",
            ],
        },
    );
}
