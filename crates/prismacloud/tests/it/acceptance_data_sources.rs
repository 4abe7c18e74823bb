//! The data sources through the real Terraform CLI: the test data source in a `check` block
//! (failing with a warning while the apply goes on, then passing), refused for Cortex XSOAR, its
//! `config` validated under `config.<key>`; the lookup by id and by name (and not found); the
//! list with and without a filter; the alert-routing example. No secret in any output.

use crate::support;

use std::collections::BTreeMap;

use prismacloud::api::IntegrationRequest;
use secrecy::SecretString;
use serde_json::{Value as Json, json};
use support::Acceptance;

const SLACK_URL: &str = "https://hooks.slack.com/services/T0000/B0000/data-source-token-1";
/// The sandbox's convention: a value containing "unreachable" fails the test call.
const BROKEN_SLACK_URL: &str = "https://hooks.slack.com/services/T0000/B0000/unreachable-token-2";

/// Test calls the sandbox answered (both endpoint families).
fn test_calls(t: &Acceptance) -> u64 {
    let stats = t.sandbox().state().stats();
    stats.requests_to("POST", "/integration/test")
        + stats.requests_to("POST", "/api/v1/tenant/{prisma_id}/integration/test")
}

/// An integration as the console would create it.
fn request(ty: &str, name: &str, config: Json, secrets: &[(&str, &str)]) -> IntegrationRequest {
    IntegrationRequest {
        name: name.into(),
        description: "made in the console".into(),
        enabled: true,
        integration_type: ty.into(),
        config: config.as_object().cloned().unwrap_or_default(),
        secrets: secrets
            .iter()
            .map(|(k, v)| (k.to_string(), SecretString::from(*v)))
            .collect::<BTreeMap<_, _>>(),
    }
}

/// Creates an integration outside Terraform (as the console would); returns its id.
fn create(t: &Acceptance, ty: &str, name: &str, config: Json, secrets: &[(&str, &str)]) -> String {
    create_request(t, &request(ty, name, config, secrets))
}

fn create_request(t: &Acceptance, request: &IntegrationRequest) -> String {
    t.block_on(t.api().create(request))
        .expect("the sandbox creates it")
        .id
}

fn check_status(t: &Acceptance, name: &str) -> String {
    let state = t.state();
    state["checks"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["address"]["name"] == name))
        .map(|c| c["status"].as_str().unwrap_or_default().to_string())
        .unwrap_or_else(|| panic!("no check {name}: {state:#}"))
}

const SLACK_WITH_CHECK: &str = r#"
variable "slack_webhook_url" {
  type      = string
  sensitive = true
}

resource "prismacloud_integration_slack" "alerts" {
  name                   = "Slack alerts"
  webhook_url_wo         = var.slack_webhook_url
  webhook_url_wo_version = 1
}

check "slack" {
  data "prismacloud_integration_test" "slack" {
    integration_type = "slack"
    config = {
      webhook_url = var.slack_webhook_url
    }
  }

  assert {
    condition     = data.prismacloud_integration_test.slack.success
    error_message = "Slack integration ${prismacloud_integration_slack.alerts.name}: ${data.prismacloud_integration_test.slack.message}"
  }
}
"#;

#[test]
fn a_failing_check_warns_and_the_apply_goes_on_then_passes_once_fixed() {
    let mut t = Acceptance::new();
    t.config(SLACK_WITH_CHECK);
    t.env("TF_VAR_slack_webhook_url", BROKEN_SLACK_URL);

    let out = t.apply();
    let all = out.all();
    assert!(
        all.contains("Warning: Check block assertion failed"),
        "{all}"
    );
    // The warning names the integration and carries the API's reason (Terraform wraps lines).
    let text = out.flat();
    assert!(text.contains("Slack integration Slack alerts:"), "{all}");
    assert!(text.contains("integration_test_failed"), "{all}");
    assert!(text.contains("could not be reached"), "{all}");
    assert!(
        out.stdout.contains("1 added, 0 changed, 0 destroyed"),
        "{all}"
    );
    assert_eq!(
        t.integrations().len(),
        1,
        "the integration is created anyway"
    );
    assert_eq!(check_status(&t, "slack"), "fail");
    let result = t.resource("data.prismacloud_integration_test.slack");
    assert_eq!(result["success"], false, "{result:#}");
    assert_eq!(result["status_code"], 400, "{result:#}");
    // In the user's terms: the attribute of config, not the API's key.
    let message = result["message"].as_str().unwrap_or_default();
    assert!(
        message.starts_with("integration_test_failed (config.webhook_url); Connect to the "),
        "{result:#}"
    );
    assert!(
        message.contains(": config.webhook_url could not be reached"),
        "{result:#}"
    );
    assert!(!message.contains("integrationConfig"), "{result:#}");
    assert_eq!(result["config"], json!({"webhook_url": null}), "{result:#}");
    t.assert_no_secret(&[&out], &[BROKEN_SLACK_URL, "unreachable-token-2"]);

    // Fixed: the check passes, silently.
    t.env("TF_VAR_slack_webhook_url", SLACK_URL);
    let calls_before = test_calls(&t);
    let out = t.apply();
    assert!(
        !out.all().contains("Check block assertion failed"),
        "{}",
        out.all()
    );
    assert_eq!(check_status(&t, "slack"), "pass");
    let result = t.resource("data.prismacloud_integration_test.slack");
    assert_eq!(result["success"], true, "{result:#}");
    assert_eq!(result["status_code"], 200, "{result:#}");
    assert_eq!(result["message"], "", "{result:#}");
    assert!(test_calls(&t) > calls_before, "the test ran again");
    t.assert_no_secret(&[&out], &[SLACK_URL, "data-source-token-1"]);
}

#[test]
fn cortex_xsoar_has_no_test_call() {
    let t = Acceptance::new();
    t.config(
        r#"
data "prismacloud_integration_test" "xsoar" {
  integration_type = "demisto"
  config = {
    host_url        = "xsoar.example.com"
    api_key         = "xsoar-key"
    demisto_version = "6.0"
  }
}
"#,
    );
    t.assert_plan_fails_with(&[
        "Cortex XSOAR integrations cannot be tested",
        "integration_type = \"demisto\"",
    ]);
    assert_eq!(test_calls(&t), 0, "refused before any call");
}

#[test]
fn config_errors_name_the_key_and_suggest_a_fix() {
    let t = Acceptance::new();
    t.config(
        r#"
variable "secret" {
  type      = string
  sensitive = true
  default   = "config-secret-42"
}

data "prismacloud_integration_test" "typo" {
  integration_type = "slack"
  config = {
    webhook_ur = var.secret
  }
}

data "prismacloud_integration_test" "write_only" {
  integration_type = "pager_duty"
  config = {
    integration_key_wo = var.secret
  }
}

data "prismacloud_integration_test" "values" {
  integration_type = "aws_s3"
  config = {
    s3_uri           = "s3://bucket/alerts/"
    region           = "us-east-1"
    role_arn         = "arn:aws:iam::123456789012:role/prisma"
    roll_up_interval = 45
  }
}

data "prismacloud_integration_test" "shape" {
  integration_type = "service_now"
  config = {
    host_url = "snow.example.com"
    login    = "svc"
    password = var.secret
    tables   = "incident"
  }
}

data "prismacloud_integrations" "typo" {
  integration_type = "slak"
}
"#,
    );
    let plan = t.assert_plan_fails_with(&[]);
    plan.assert_mentions(&[
        "Error: Unsupported key config.webhook_ur",
        "Did you mean \"webhook_url\"?",
        "Error: Missing config.webhook_url",
        "Error: Write-only form in config.integration_key_wo",
        "set integration_key instead of integration_key_wo",
        "Error: Invalid config.roll_up_interval",
        "config.roll_up_interval must be one of 15, 30, 60, 180; got 45.",
        "Error: Missing config.external_id",
        "Error: Invalid config.tables",
        "config.tables must be a list of strings; got a string.",
        "Error: Unknown integration type",
        "Did you mean \"slack\"?",
    ]);
    assert_eq!(test_calls(&t), 0, "nothing is tested with errors");
    t.assert_no_secret(&[&plan], &["config-secret-42"]);
}

#[test]
fn lookup_by_id_and_by_name_shows_configuration_but_no_secret() {
    let t = Acceptance::new();
    let snow = create(
        &t,
        "service_now",
        "ServiceNow incidents",
        json!({"hostUrl": "snow.example.com", "login": "svc-prisma",
               "tables": [{"incident": true}, {"sn_si_incident": false}, {"em_event": true}]}),
        &[("password", "snow-password-1")],
    );
    let slack = create(
        &t,
        "slack",
        "Slack alerts",
        json!({}),
        &[("webhookUrl", SLACK_URL)],
    );
    t.config(&format!(
        r#"
data "prismacloud_integration" "by_id" {{
  id = "{snow}"
}}

data "prismacloud_integration" "by_name" {{
  name = "Slack alerts"
}}

data "prismacloud_integration" "typed" {{
  name             = "ServiceNow incidents"
  integration_type = "service_now"
}}

output "by_id" {{
  value = data.prismacloud_integration.by_id
}}

output "by_name" {{
  value = data.prismacloud_integration.by_name
}}

output "tables" {{
  value = jsondecode(data.prismacloud_integration.typed.config.tables)
}}
"#
    ));
    let out = t.apply();
    let outputs = t.outputs();
    let by_id = &outputs["by_id"]["value"];
    assert_eq!(by_id["name"], "ServiceNow incidents", "{by_id:#}");
    assert_eq!(by_id["integration_type"], "service_now");
    assert_eq!(by_id["description"], "made in the console");
    assert_eq!(by_id["enabled"], true);
    assert_eq!(by_id["status"], "GREEN");
    assert_eq!(by_id["valid"], true);
    assert!(by_id["created_ts"].as_i64().is_some(), "{by_id:#}");
    assert_eq!(
        by_id["config"],
        json!({"host_url": "snow.example.com", "login": "svc-prisma",
               "tables": r#"["incident","em_event"]"#}),
        "secrets are left out entirely"
    );
    let by_name = &outputs["by_name"]["value"];
    assert_eq!(by_name["id"], slack.as_str(), "{by_name:#}");
    assert_eq!(by_name["integration_type"], "slack");
    assert_eq!(by_name["config"], json!({}), "{by_name:#}");
    assert_eq!(outputs["tables"]["value"], json!(["incident", "em_event"]));
    t.assert_no_secret(&[&out], &["snow-password-1", SLACK_URL]);
}

#[test]
fn not_found_names_what_was_searched() {
    let t = Acceptance::new();
    create(
        &t,
        "slack",
        "Slack alerts",
        json!({}),
        &[("webhookUrl", SLACK_URL)],
    );
    t.config(
        r#"
data "prismacloud_integration" "by_id" {
  id = "00000000-0000-4000-8000-000000000000"
}

data "prismacloud_integration" "misspelt" {
  name = "Slack alert"
}

data "prismacloud_integration" "wrong_type" {
  name             = "Slack alerts"
  integration_type = "webhook"
}
"#,
    );
    let plan = t.assert_plan_fails_with(&[]);
    plan.assert_mentions(&[
        "Prisma Cloud has no integration with id \"00000000-0000-4000-8000-000000000000\".",
        "Prisma Cloud has no integration named \"Slack alert\"; names match exactly, case included. Did you mean \"Slack alerts\"?",
        "Prisma Cloud has no integration named \"Slack alerts\" of type \"webhook\"",
    ]);
}

#[test]
fn list_with_and_without_a_filter_is_sorted_by_name() {
    let t = Acceptance::new();
    create(
        &t,
        "slack",
        "Zeta alerts",
        json!({}),
        &[("webhookUrl", SLACK_URL)],
    );
    create(
        &t,
        "webhook",
        "Alpha hook",
        json!({"url": "https://alerts.example.com/hook"}),
        &[("authToken", "hook-token-7")],
    );
    create(
        &t,
        "slack",
        "Beta alerts",
        json!({}),
        &[("webhookUrl", SLACK_URL)],
    );
    t.config(
        r#"
data "prismacloud_integrations" "all" {}

data "prismacloud_integrations" "slack" {
  integration_type = "slack"
}

output "all" {
  value = [for i in data.prismacloud_integrations.all.integrations : "${i.name}/${i.integration_type}"]
}

output "slack" {
  value = [for i in data.prismacloud_integrations.slack.integrations : i.name]
}

output "first" {
  value = data.prismacloud_integrations.all.integrations[0]
}
"#,
    );
    let out = t.apply();
    let outputs = t.outputs();
    assert_eq!(
        outputs["all"]["value"],
        json!([
            "Alpha hook/webhook",
            "Beta alerts/slack",
            "Zeta alerts/slack"
        ])
    );
    assert_eq!(
        outputs["slack"]["value"],
        json!(["Beta alerts", "Zeta alerts"])
    );
    let first = &outputs["first"]["value"];
    assert_eq!(first["enabled"], true, "{first:#}");
    assert_eq!(first["description"], "made in the console", "{first:#}");
    assert_eq!(first["status"], "GREEN", "{first:#}");
    assert!(
        first["id"].as_str().is_some_and(|id| !id.is_empty()),
        "{first:#}"
    );
    assert!(first["last_modified_ts"].as_i64().is_some(), "{first:#}");
    t.assert_no_secret(&[&out], &["hook-token-7", SLACK_URL]);
}

/// The example's sensitive defaults (examples/alert-routing/main.tf).
const EXAMPLE_SECRETS: &[&str] = &[
    "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
    "0123456789abcdef0123456789abcdef",
    "example-webhook-token",
];

#[test]
fn alert_routing_example_formats_validates_and_applies() {
    let t = Acceptance::new();
    t.copy_example("modules/alert-routing");
    let root = t.copy_example("alert-routing");
    let examples = t.dir.path().join("examples");

    let fmt = t.terraform_in(&examples, &["fmt", "-check", "-recursive", "-diff"]);
    assert_eq!(fmt.code, 0, "terraform fmt -check:\n{}", fmt.all());
    let init = t.terraform_in(&root, &["init", "-input=false", "-no-color"]);
    assert_eq!(init.code, 0, "{}", init.all());
    let validate = t.terraform_in(&root, &["validate", "-no-color"]);
    assert_eq!(validate.code, 0, "{}", validate.all());

    let apply = ["apply", "-auto-approve", "-input=false", "-no-color"];
    let out = t.terraform_in(&root, &apply);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        !out.all().contains("Check block assertion failed"),
        "{}",
        out.all()
    );
    assert!(out.stdout.contains("3 added"), "{}", out.stdout);
    let stored = t.integrations();
    let mut names: Vec<&str> = stored.iter().filter_map(|i| i["name"].as_str()).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "Security alerts - PagerDuty",
            "Security alerts - Slack",
            "Security alerts - webhook"
        ]
    );
    // The write-only secrets reached Prisma Cloud.
    let webhook = stored
        .iter()
        .find(|i| i["name"] == "Security alerts - webhook")
        .unwrap();
    assert_eq!(
        webhook["integrationConfig"]["authToken"],
        "example-webhook-token"
    );
    // Nothing to do after apply. (Terraform plans the check blocks' data sources as reads
    // during apply, which -detailed-exitcode counts as changes: compare the summary instead.)
    let plan = t.terraform_in(&root, &["plan", "-input=false", "-no-color"]);
    assert_eq!(plan.code, 0, "{}", plan.all());
    assert!(
        plan.stdout
            .contains("Plan: 0 to add, 0 to change, 0 to destroy."),
        "nothing to do after apply:\n{}",
        plan.all()
    );

    // A webhook the test cannot reach: a warning naming it, and the apply goes on.
    let broken = t.terraform_in(
        &root,
        &[
            "apply",
            "-auto-approve",
            "-input=false",
            "-no-color",
            "-var",
            "webhook_url=https://alerts.invalid/prisma",
        ],
    );
    assert_eq!(broken.code, 0, "{}", broken.all());
    let text = broken.flat();
    assert!(
        text.contains("Warning: Check block assertion failed"),
        "{text}"
    );
    assert!(
        text.contains("Prisma Cloud cannot use the webhook integration \"Security alerts - webhook\": integration_test_failed"),
        "{text}"
    );
    assert_eq!(
        webhook_url(&t),
        "https://alerts.invalid/prisma",
        "the apply went on"
    );

    let state = std::fs::read_to_string(root.join("terraform.tfstate")).unwrap();
    let show = t.terraform_in(&root, &["show", "-json"]);
    let output = t.terraform_in(&root, &["output", "-json"]);
    for text in [
        &out.all(),
        &broken.all(),
        &state,
        &show.all(),
        &output.all(),
    ] {
        for secret in EXAMPLE_SECRETS {
            assert!(!text.contains(secret), "a secret leaked:\n{text}");
        }
    }

    let destroy = t.terraform_in(&root, &["destroy", "-auto-approve", "-no-color"]);
    assert_eq!(destroy.code, 0, "{}", destroy.all());
    assert!(t.integrations().is_empty());
}

fn webhook_url(t: &Acceptance) -> String {
    t.integrations()
        .iter()
        .find(|i| i["name"] == "Security alerts - webhook")
        .and_then(|i| i["integrationConfig"]["url"].as_str().map(str::to_string))
        .unwrap_or_default()
}

#[test]
fn on_the_v1_family_too_test_lookup_and_list_see_disabled_integrations() {
    let mut t = Acceptance::new();
    t.env(
        "PRISMACLOUD_PRISMA_ID",
        prismacloud_sandbox::config::DEFAULT_PRISMA_ID,
    );
    create(
        &t,
        "slack",
        "Slack on",
        json!({}),
        &[("webhookUrl", SLACK_URL)],
    );
    let mut quiet = request(
        "slack",
        "Slack off",
        json!({}),
        &[("webhookUrl", SLACK_URL)],
    );
    quiet.enabled = false;
    let off = create_request(&t, &quiet);
    t.config(&format!(
        r#"
check "slack" {{
  data "prismacloud_integration_test" "slack" {{
    integration_type = "slack"
    config = {{
      webhook_url = "{BROKEN_SLACK_URL}"
    }}
  }}

  assert {{
    condition     = data.prismacloud_integration_test.slack.success
    error_message = "Slack: ${{data.prismacloud_integration_test.slack.message}}"
  }}
}}

data "prismacloud_integrations" "slack" {{
  integration_type = "slack"
}}

data "prismacloud_integration" "off" {{
  id               = "{off}"
  integration_type = "slack"
}}

output "slack" {{
  value = [for i in data.prismacloud_integrations.slack.integrations : "${{i.name}}/${{i.enabled}}"]
}}

output "off_enabled" {{
  value = data.prismacloud_integration.off.enabled
}}
"#
    ));
    let out = t.apply();
    assert!(
        out.flat().contains("Slack: integration_test_failed"),
        "{}",
        out.all()
    );
    let outputs = t.outputs();
    assert_eq!(
        outputs["slack"]["value"],
        json!(["Slack off/false", "Slack on/true"]),
        "disabled integrations are listed"
    );
    assert_eq!(outputs["off_enabled"]["value"], false);
    let stats = t.sandbox().state().stats();
    let v1 = |method: &str, route: &str| {
        stats.requests_to(
            method,
            &format!("/api/v1/tenant/{{prisma_id}}/integration{route}"),
        )
    };
    assert!(v1("POST", "/test") >= 1, "{stats:?}");
    assert!(v1("GET", "") >= 1, "{stats:?}");
    assert!(v1("GET", "/{id}") >= 1, "{stats:?}");
    assert_eq!(
        stats.requests_to("POST", "/integration/test"),
        0,
        "{stats:?}"
    );
}
