//! Secret hygiene through the real Terraform CLI at `TF_LOG=trace`: apply, plan, import and two
//! failing applies (a name conflict the API refuses, and a create the API keeps failing). No
//! configured secret — the provider's password, sensitive integration secrets, write-only
//! secrets — may appear in the CLI's output, in the trace log (Terraform's and the provider's),
//! or in error messages; write-only secrets may not appear in the state file either.

use crate::support;

use std::collections::BTreeMap;

use prismacloud::api::IntegrationRequest;
use prismacloud_sandbox::{FaultConfig, FaultKind, FaultRule, FaultWeights, SandboxConfig};
use secrecy::SecretString;
use support::{Acceptance, Run};

const PASSWORD: &str = "hygiene-provider-password-77Qx";
const SLACK_URL: &str = "https://hooks.slack.com/services/T01/B01/hygiene-slack-token-41Pz";
const SNOW_PASSWORD: &str = "hygiene-servicenow-password-92Lm";
const PD_KEY_WO: &str = "hygiene-pagerduty-write-only-key-13Vb";
const SPLUNK_TOKEN_WO: &str = "hygiene-splunk-write-only-token-58Rt";
const IMPORTED_SECRET: &str = "hygiene-imported-teams-url-token-66Kd";
const CONFLICT_SECRET: &str = "hygiene-conflicting-key-31Hs";
const DOOMED_SECRET: &str = "hygiene-doomed-key-87Wn";

const ALL_SECRETS: &[&str] = &[
    PASSWORD,
    SLACK_URL,
    SNOW_PASSWORD,
    PD_KEY_WO,
    SPLUNK_TOKEN_WO,
    IMPORTED_SECRET,
    CONFLICT_SECRET,
    DOOMED_SECRET,
];
const WRITE_ONLY: &[&str] = &[PD_KEY_WO, SPLUNK_TOKEN_WO];

fn base_config() -> String {
    format!(
        r#"
resource "prismacloud_integration_slack" "alerts" {{
  name        = "Hygiene slack"
  webhook_url = "{SLACK_URL}"
}}

resource "prismacloud_integration_service_now" "tickets" {{
  name     = "Hygiene tickets"
  host_url = "hygiene.service-now.com"
  login    = "svc-hygiene"
  password = "{SNOW_PASSWORD}"
  tables   = ["incident"]
}}

resource "prismacloud_integration_pager_duty" "oncall" {{
  name                       = "Hygiene on-call"
  integration_key_wo         = "{PD_KEY_WO}"
  integration_key_wo_version = 1
}}

resource "prismacloud_integration_splunk" "siem" {{
  name                  = "Hygiene siem"
  url                   = "https://splunk.example.com:8088/services/collector"
  auth_token_wo         = "{SPLUNK_TOKEN_WO}"
  auth_token_wo_version = 1
}}
"#
    )
}

/// No secret in the run's output or log; none of the write-only ones in the state.
fn assert_clean(t: &Acceptance, what: &str, run: &Run) {
    assert!(
        run.log.contains("[TRACE]"),
        "{what}: the trace log must have been written"
    );
    for secret in ALL_SECRETS {
        for (place, text) in [
            ("stdout", &run.stdout),
            ("stderr", &run.stderr),
            ("the trace log", &run.log),
        ] {
            if let Some(at) = text.find(secret) {
                let from = text[..at].rfind('\n').map_or(0, |i| i + 1);
                let line: String = text[from..].chars().take(300).collect();
                panic!("{what}: a secret appears in {place}:\n{line}");
            }
        }
    }
    let state = t.state_file();
    for secret in WRITE_ONLY {
        assert!(
            !state.contains(secret),
            "{what}: a write-only secret is in the state file"
        );
    }
}

fn hygienic() -> Acceptance {
    let mut t = Acceptance::with_config(SandboxConfig {
        password: SecretString::from(PASSWORD),
        ..SandboxConfig::default()
    });
    t.env("TF_LOG", "trace");
    t
}

fn tf(t: &Acceptance, args: &[&str]) -> Run {
    t.terraform(args)
}

#[test]
fn no_secret_leaks_through_apply_plan_import_or_failures() {
    let mut t = hygienic();
    let apply = ["apply", "-auto-approve", "-input=false", "-no-color"];
    t.config(&base_config());
    let run = tf(&t, &apply);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_clean(&t, "apply", &run);
    // The secrets did reach the API.
    let stored = t.integrations();
    let pd = stored
        .iter()
        .find(|i| i["name"] == "Hygiene on-call")
        .expect("created");
    assert_eq!(pd["integrationConfig"]["integrationKey"], PD_KEY_WO);

    let run = tf(
        &t,
        &["plan", "-detailed-exitcode", "-input=false", "-no-color"],
    );
    assert_eq!(run.code, 0, "{}", run.all());
    assert_clean(&t, "plan", &run);

    // Import an integration made elsewhere, its secret given in the configuration.
    let request = IntegrationRequest {
        name: "Hygiene imported".into(),
        description: String::new(),
        enabled: true,
        integration_type: "microsoft_teams".into(),
        config: Default::default(),
        secrets: BTreeMap::from([(
            "url".to_owned(),
            SecretString::from(format!(
                "https://example.webhook.office.com/{IMPORTED_SECRET}"
            )),
        )]),
    };
    let id = t.block_on(t.api().create(&request)).expect("created").id;
    t.config(&format!(
        r#"{}
import {{
  to = prismacloud_integration_microsoft_teams.imported
  id = "{id}"
}}

resource "prismacloud_integration_microsoft_teams" "imported" {{
  name = "Hygiene imported"
  url  = "https://example.webhook.office.com/{IMPORTED_SECRET}"
}}
"#,
        base_config()
    ));
    let run = tf(&t, &apply);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_clean(&t, "import", &run);

    // A failing apply: the API refuses a name that is taken.
    t.config(&format!(
        r#"{}
resource "prismacloud_integration_pager_duty" "clash" {{
  name            = "Hygiene on-call"
  integration_key = "{CONFLICT_SECRET}"
}}
"#,
        base_config()
    ));
    let run = tf(&t, &apply);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.all().contains("integration_name_already_exists"),
        "{}",
        run.all()
    );
    assert_clean(&t, "apply refused by the API", &run);

    // A failing apply: the API keeps failing the create of a new integration.
    t.faults(
        FaultConfig::default().with_rule(
            FaultRule::everywhere(1.0, FaultWeights::only(FaultKind::Unavailable))
                .on("POST /api/v1/tenant/{prisma_id}/integration"),
        ),
    );
    t.env("PRISMACLOUD_MAX_RETRIES", "1");
    t.config(&format!(
        r#"{}
resource "prismacloud_integration_pager_duty" "doomed" {{
  name            = "Hygiene doomed"
  integration_key = "{DOOMED_SECRET}"
}}
"#,
        base_config()
    ));
    let run = tf(&t, &apply);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.all().contains("HTTP 503"), "{}", run.all());
    assert_clean(&t, "apply failed by the API", &run);
}

/// The one way to keep a secret out of everything Terraform writes: a write-only attribute fed
/// from an `ephemeral` variable. A saved plan (read back with `terraform show -json`) and the
/// state hold none of it, and applying the saved plan still sends it. A sensitive attribute fed
/// from a sensitive variable is in that JSON in clear, because Terraform's JSON output shows
/// sensitive values; the README's secrets paragraph says so, and this test notices if it changes.
#[test]
fn a_write_only_secret_from_an_ephemeral_variable_is_in_no_saved_plan_and_no_state() {
    const EPHEMERAL: &str = "hygiene-ephemeral-write-only-key-24Gc";
    const SENSITIVE: &str = "hygiene-sensitive-variable-key-71Tq";
    let mut t = Acceptance::new();
    t.env("TF_VAR_wo_key", EPHEMERAL);
    t.env("TF_VAR_plain_key", SENSITIVE);
    t.config(
        r#"
variable "wo_key" {
  type      = string
  ephemeral = true
  sensitive = true
}

variable "plain_key" {
  type      = string
  sensitive = true
}

resource "prismacloud_integration_pager_duty" "write_only" {
  name                       = "Ephemeral key"
  integration_key_wo         = var.wo_key
  integration_key_wo_version = 1
}

resource "prismacloud_integration_pager_duty" "sensitive" {
  name            = "Sensitive key"
  integration_key = var.plain_key
}
"#,
    );
    let run = t.terraform(&["plan", "-input=false", "-no-color", "-out=saved.tfplan"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let shown = t.terraform(&["show", "-json", "saved.tfplan"]);
    assert_eq!(shown.code, 0, "{}", shown.all());
    assert!(
        !shown.stdout.contains(EPHEMERAL),
        "the write-only secret is in the saved plan"
    );
    assert!(
        shown.stdout.contains(SENSITIVE),
        "Terraform's JSON plan no longer shows sensitive values: update the README's secrets paragraph"
    );

    let run = t.terraform(&["apply", "-input=false", "-no-color", "saved.tfplan"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        !t.state_file().contains(EPHEMERAL),
        "the write-only secret is in the state file"
    );
    let stored = t.integrations();
    let key = |name: &str| {
        stored
            .iter()
            .find(|i| i["name"] == name)
            .unwrap_or_else(|| panic!("{name} created"))["integrationConfig"]["integrationKey"]
            .clone()
    };
    assert_eq!(key("Ephemeral key"), EPHEMERAL, "sent from the saved plan");
    assert_eq!(key("Sensitive key"), SENSITIVE);
}
