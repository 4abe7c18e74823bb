//! Errors in the user's terms, through the real Terraform CLI (issue 12 item 3): an API refusal
//! names the Terraform attribute and points at its line, keeps the API's explanation (secrets
//! scrubbed, the text readable) and says what to do.

use crate::support;

use support::Acceptance;

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

fn errors_in(run: &support::Run) -> usize {
    run.all().matches("Error: ").count()
}

#[test]
fn an_api_refusal_names_the_attribute_keeps_the_explanation_and_says_what_to_do() {
    let t = Acceptance::new();
    t.config(SNOWFLAKE);
    let out = t.terraform(&["apply", "-auto-approve", "-input=false", "-no-color"]);
    assert_eq!(out.code, 1, "{}", out.all());
    let text = out.flat();
    for expected in [
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
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} not in:\n{}",
            out.all()
        );
    }
    assert!(!text.contains("integrationConfig"), "{}", out.all());
    assert!(!text.contains("***"), "nothing mangled: {}", out.all());
    assert_eq!(errors_in(&out), 1, "{}", out.all());
    assert!(t.integrations().is_empty());
    t.assert_no_secret(&[&out], &["snowflake-private-key-errors-1"]);
}
