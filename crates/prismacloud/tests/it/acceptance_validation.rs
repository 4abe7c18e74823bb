//! Plan-time validation through the real Terraform CLI: every problem in one plan, each naming
//! its attribute; warnings that do not stop a plan; unknown values never an error.

use crate::support;

use support::Acceptance;

#[test]
fn every_invalid_attribute_is_reported_in_one_plan() {
    let t = Acceptance::new();
    t.config(
        r#"
resource "prismacloud_integration_aws_s3" "bad" {
  name             = "S3 alerts"
  s3_uri           = "s3://bucket-without-slash"
  region           = "us-east-1"
  role_arn         = "arn:aws:iam::12:role/x"
  external_id      = "not-a-uuid"
  roll_up_interval = 45
}

resource "prismacloud_integration_demisto" "bad" {
  name            = "XSOAR alerts"
  host_url        = "xsoar.example.com"
  api_key         = "k"
  demisto_version = "8.0"
}
"#,
    );
    t.assert_plan_fails_with(&[
        "Invalid s3_uri",
        "Invalid role_arn",
        "Invalid external_id",
        "Invalid roll_up_interval",
        "Missing api_key_id",
        "15, 30, 60, 180",
    ]);
    assert!(t.integrations().is_empty());
}

#[test]
fn a_queue_url_that_is_not_a_url_fails_validate_and_plan_naming_queue_url() {
    let t = Acceptance::new();
    t.config(
        r#"
resource "prismacloud_integration_amazon_sqs" "bad" {
  name      = "SQS alerts"
  queue_url = "not a url at all"
}

resource "prismacloud_integration_azure_service_bus_queue" "bad" {
  name       = "Azure queue alerts"
  account_id = "b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e"
  queue_url  = "not a url at all"
}
"#,
    );
    let expected = "queue_url must be an absolute https:// URL; \"not a url at all\" is not.";
    let validate = t.terraform(&["validate", "-no-color"]);
    assert_eq!(validate.code, 1, "{}", validate.all());
    let flat = validate.flat();
    for resource in [
        "prismacloud_integration_amazon_sqs.bad",
        "prismacloud_integration_azure_service_bus_queue.bad",
    ] {
        assert!(flat.contains(resource), "{resource} not named in:\n{flat}");
    }
    assert_eq!(
        flat.matches("Error: Invalid queue_url").count(),
        2,
        "{flat}"
    );
    assert_eq!(flat.matches(expected).count(), 2, "{flat}");

    let plan = t.plan();
    assert_eq!(plan.code, 1, "{}", plan.all());
    let flat = plan.flat();
    assert_eq!(
        flat.matches("Error: Invalid queue_url").count(),
        2,
        "{flat}"
    );
    assert_eq!(flat.matches(expected).count(), 2, "{flat}");
    assert!(t.integrations().is_empty(), "nothing reached the API");
}

#[test]
fn plain_http_webhook_is_a_warning_and_unknown_values_are_not_errors() {
    let t = Acceptance::new();
    t.config(
        r#"
resource "terraform_data" "later" {
  input = "unknown until apply"
}

resource "prismacloud_integration_webhook" "plain" {
  name       = "Plain webhook"
  url        = "http://receiver.internal.example/hook"
  auth_token = "t0ken-value"
}

resource "prismacloud_integration_aws_s3" "later" {
  name        = "S3 with a computed id"
  s3_uri      = "s3://bucket/"
  region      = "us-east-1"
  role_arn    = "arn:aws:iam::123456789012:role/x"
  # Unknown at plan time: the UUID check waits for the value.
  external_id = terraform_data.later.id
}
"#,
    );
    t.assert_plan_changes_with(&["url uses plain http://"]);
}

#[test]
fn conflicting_and_conditional_attributes() {
    let t = Acceptance::new();
    t.config(
        r#"
resource "prismacloud_integration_amazon_sqs" "both" {
  name        = "SQS both credentials"
  queue_url   = "https://sqs.us-east-1.amazonaws.com/123456789012/q"
  access_key  = "AKIAEXAMPLE"
  role_arn    = "arn:aws:iam::123456789012:role/x"
  external_id = "2c7c5a1e-0b5f-4a43-9d1e-6f0f3b7d1a11"
}

resource "prismacloud_integration_webhook" "payload" {
  name                      = "Webhook payload"
  url                       = "https://example.com/h"
  auth_token                = "t"
  is_custom_payload_enabled = true
}

resource "prismacloud_integration_slack" "two_forms" {
  name           = "Slack twice"
  webhook_url    = "https://hooks.slack.com/services/a"
  webhook_url_wo = "https://hooks.slack.com/services/a"
}
"#,
    );
    t.assert_plan_fails_with(&[
        "Conflicting credentials",
        "Missing custom_payloads",
        "Conflicting webhook_url and webhook_url_wo",
    ]);

    // A secret left unset may be the one an existing (imported) integration keeps, so missing
    // secrets are reported when the plan creates the integration, all at once.
    t.config(
        r#"
resource "prismacloud_integration_amazon_sqs" "half" {
  name       = "SQS half credentials"
  queue_url  = "https://sqs.us-east-1.amazonaws.com/123456789012/q"
  access_key = "AKIAEXAMPLE"
}

resource "prismacloud_integration_azure_service_bus_queue" "neither" {
  name      = "Azure queue"
  queue_url = "https://ns.servicebus.windows.net/q"
}
"#,
    );
    t.assert_plan_fails_with(&[
        "Missing secret_key",
        "Set exactly one of account_id, connection_string",
    ]);
}

#[test]
fn providers_schema_lists_every_type_with_its_attributes() {
    let t = Acceptance::new();
    t.config("");
    let run = t.terraform(&["providers", "schema", "-json"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let schema: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let resources = &schema["provider_schemas"][support::SOURCE]["resource_schemas"];
    for ty in prismacloud::catalog::ALL {
        let name = format!("prismacloud_integration_{}", ty.name);
        let attrs = &resources[&name]["block"]["attributes"];
        assert!(attrs.is_object(), "{name} missing");
        for f in ty.fields {
            let a = &attrs[f.attribute()];
            assert!(a.is_object(), "{name}.{}", f.attribute());
            assert!(
                a["description"].as_str().is_some_and(|d| !d.is_empty()),
                "{name}.{}",
                f.attribute()
            );
            if f.secret {
                assert_eq!(a["sensitive"], true, "{name}.{}", f.attribute());
                assert_eq!(
                    attrs[format!("{}_wo", f.attribute())]["write_only"],
                    true,
                    "{name}"
                );
                assert!(
                    attrs[format!("{}_wo_version", f.attribute())].is_object(),
                    "{name}"
                );
            }
        }
    }
}
