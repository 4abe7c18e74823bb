//! Secret hygiene at `TF_LOG=trace`: neither the provider's password nor any integration
//! secret appears in the CLI's output or the trace log (Terraform's and the provider's), and
//! write-only secrets never reach the state.

use crate::support::Acceptance;

use infracast_sandbox::SandboxConfig;
use infracast_sandbox::config::DEFAULT_TENANT;

const PASSWORD: &str = "hygiene-provider-password-4Kq";
const SIGNING: &str = "hygiene-webhook-signing-secret-7Yb";
const HEC: &str = "hygiene-splunk-hec-token-2Wd";
const SLACK: &str = "https://hooks.slack.com/services/T1/B1/hygiene-slack-url-9Pe";
const BAD: &str = "hygiene-refused-api-key-5Zn";

#[test]
fn no_secret_in_output_trace_logs_or_state() {
    let mut t = Acceptance::with_config(SandboxConfig::with_user(
        "hygiene@acme-corp.example",
        PASSWORD,
        DEFAULT_TENANT,
    ));
    t.env("INFRACAST_USERNAME", "hygiene@acme-corp.example");
    t.env("INFRACAST_PASSWORD", PASSWORD);
    t.env("TF_LOG", "trace");
    let config = format!(
        r#"
resource "infracast_integration_webhook" "soc" {{
  name              = "Hygiene webhook"
  url               = "https://hooks.example.com/hygiene"
  secret_wo         = "{SIGNING}"
  secret_wo_version = 1
  events            = ["finding.created"]
}}

resource "infracast_integration_splunk" "siem" {{
  name                 = "Hygiene splunk"
  hec_url              = "https://splunk.example.com:8088/services/collector/event"
  hec_token_wo         = "{HEC}"
  hec_token_wo_version = 1
}}

resource "infracast_integration_slack" "alerts" {{
  name                   = "Hygiene slack"
  webhook_url_wo         = "{SLACK}"
  webhook_url_wo_version = 1
  events                 = ["job.failed"]
}}
"#
    );
    t.config(&config);
    let apply = t.apply();
    assert!(apply.log.contains("[TRACE]"), "the trace log was written");
    let plan = t.plan();
    assert_eq!(plan.code, 0, "{}", plan.all());
    // A refused update: the API's error is shown, the secret sent with it is not.
    let refused = config.replace(
        "events            = [\"finding.created\"]",
        "events            = [\"finding.created\"]\n  timeout_seconds   = 0",
    );
    let refused = refused
        .replace(SIGNING, BAD)
        .replace("secret_wo_version = 1", "secret_wo_version = 2");
    t.config(&refused);
    let failed = t.terraform(&["apply", "-auto-approve", "-input=false", "-no-color"]);
    assert_eq!(failed.code, 1, "{}", failed.all());
    assert!(
        failed.flat().contains("config.timeout_seconds"),
        "{}",
        failed.all()
    );
    let secrets = [PASSWORD, SIGNING, HEC, SLACK, BAD];
    for run in [&apply, &plan, &failed] {
        for secret in secrets {
            for (place, text) in [("output", run.all()), ("trace log", run.log.clone())] {
                assert!(
                    !text.contains(secret),
                    "{secret:?} is in the {place}:\n{text}"
                );
            }
        }
    }
    t.assert_no_secret(&[], &secrets);
}
