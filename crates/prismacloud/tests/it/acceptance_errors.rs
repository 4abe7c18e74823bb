//! Errors in the user's terms, through the real Terraform CLI (issue 12 item 3): an API refusal
//! names the Terraform attribute and points at its line, keeps the API's explanation (secrets
//! scrubbed, the text readable) and says what to do; bad credentials or an unreachable URL are
//! one error per run, at plan time, unless `validate = false`; a setting from an environment
//! variable is named by that variable.

use crate::support;

use support::Acceptance;
use tfharness::settings;

/// A staging id that passes every plan-time check but is no aws_s3 integration of the tenant:
/// only the API can refuse it. The passphrase is a one-letter secret.
const SNOWFLAKE: &str = r#"
resource "prismacloud_integration_snowflake" "lake" {
  name                   = "Snowflake alerts"
  host_url               = "acme.snowflakecomputing.com"
  pipename               = "prisma.alerts.pipe"
  staging_integration_id = "6f1d1a8e-0000-4000-8000-000000000001"
  private_key            = "snowflake-private-key-errors-1"
  passphrase             = "e"
}
"#;

const FIVE_SLACKS: &str = r#"
resource "prismacloud_integration_slack" "team" {
  count       = 5
  name        = "Team alerts ${count.index}"
  webhook_url = "https://hooks.slack.com/services/T0/B0/errors-token-${count.index}"
}
"#;

#[test]
fn an_api_refusal_names_the_attribute_keeps_the_explanation_and_says_what_to_do() {
    let t = Acceptance::new();
    t.config(SNOWFLAKE);
    let out = t.terraform(&["apply", "-auto-approve", "-input=false", "-no-color"]);
    assert_eq!(out.code, 1, "{}", out.all());
    let text = out.flat();
    out.assert_mentions(&[
        "Error: Could not create the Snowflake integration \"Snowflake alerts\"",
        // Terraform names the resource and shows the attribute's line.
        "with prismacloud_integration_snowflake.lake,",
        "staging_integration_id = \"6f1d1a8e-0000-4000-8000-000000000001\"",
        // The API's explanation, in Terraform's terms, readable despite the one-letter secret.
        "staging_integration_id must be the id of an existing aws_s3 integration \
         (invalid_staging_integration_id).",
        "Prisma Cloud answered HTTP 400 to POST /api/v1/tenant/{prismaId}/integration [request id",
        "Change staging_integration_id to a value Prisma Cloud accepts, then run terraform \
         apply again.",
    ]);
    assert!(!text.contains("integrationConfig"), "{}", out.all());
    assert!(!text.contains("***"), "nothing mangled: {}", out.all());
    assert_eq!(out.error_count(), 1, "{}", out.all());
    assert!(t.integrations().is_empty());
    t.assert_no_secret(&[&out], &["snowflake-private-key-errors-1"]);
}

#[test]
fn wrong_credentials_are_one_error_per_run_even_when_nothing_needs_refreshing() {
    let mut t = Acceptance::new();
    t.config(FIVE_SLACKS);
    t.apply();
    // The check costs nothing when a plan follows: the refresh reuses its login.
    let (out, calls) = t.counting(|| t.plan());
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(calls.to("POST /login"), 1, "{calls:?}");

    t.env("PRISMACLOUD_PASSWORD", "not-the-secret-key");
    let before = t.sandbox().state().stats();
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
            "Error: Prisma Cloud refused the provider's credentials",
            "Prisma Cloud rejected the credentials (HTTP 401)",
            "Check the provider's username and password (or PRISMACLOUD_USERNAME and \
             PRISMACLOUD_PASSWORD)",
            "set validate = false (or PRISMACLOUD_VALIDATE=false)",
        ]);
        t.assert_no_secret(&[&out], &["not-the-secret-key"]);
    }
    let after = t.sandbox().state().stats();
    assert_eq!(
        after.failed_logins - before.failed_logins,
        2,
        "one login per run"
    );
}

#[test]
fn validate_false_plans_a_new_workspace_without_reaching_the_api() {
    let mut t = Acceptance::new();
    settings::validate_off_plans_offline(
        &mut t,
        &settings::Offline {
            url_var: "PRISMACLOUD_URL",
            retries_var: "PRISMACLOUD_MAX_RETRIES",
            validate_var: "PRISMACLOUD_VALIDATE",
            hcl: FIVE_SLACKS,
            count: 5,
            error: &[
                "Error: Could not connect to Prisma Cloud with the provider's settings",
                "POST /login could not reach Prisma Cloud",
                "Check the provider's url (or PRISMACLOUD_URL)",
                "set validate = false (or PRISMACLOUD_VALIDATE=false)",
            ],
        },
    );
}

#[test]
fn a_setting_from_the_environment_is_named_by_its_variable() {
    let mut t = Acceptance::new();
    t.config(FIVE_SLACKS);
    t.env("PRISMACLOUD_REQUEST_TIMEOUT", "soon");
    let out = t.plan();
    assert_eq!(out.code, 1, "{}", out.all());
    let text = out.flat();
    assert!(
        text.contains("Error: Invalid PRISMACLOUD_REQUEST_TIMEOUT"),
        "{}",
        out.all()
    );
    assert!(
        text.contains("\"soon\" is not a duration such as \"30s\" or \"2m\""),
        "{}",
        out.all()
    );
    assert!(!text.contains("Invalid request_timeout"), "{}", out.all());
    // A bare number is seconds.
    t.env("PRISMACLOUD_REQUEST_TIMEOUT", "30");
    let out = t.plan();
    assert_eq!(out.code, 2, "{}", out.all());
}
