//! Secret hygiene through the real Terraform CLI at `TF_LOG=trace`: the provider's keys, every
//! secret of every form (sensitive, write-only, a key file, a credentials check's) and the
//! secrets of a create Datadog refuses appear neither in the CLI's output nor in the trace log
//! (Terraform's and the provider's); write-only secrets and checked credentials are not in the
//! state either. A Google Workspace key file is checked at plan time, its value never shown.

use datadogsiem_sandbox::SandboxConfig;
use secrecy::SecretString;

use crate::support::{Acceptance, Run, hcl_string, key_file};

const API_KEY: &str = "hygiene-dd-api-key-5Gq";
const APP_KEY: &str = "hygiene-dd-app-key-8Tz";
const OKTA_WO: &str = "hygiene-okta-write-only-31Lp";
const KEY_MATERIAL: &str = "hygiene-private-key-material-77Wd";
const FALCON_SECRET_WO: &str = "hygiene-falcon-secret-write-only-12Rn";
const S1_PLAIN: &str = "hygiene-sentinelone-sensitive-64Kc";
const CHECKED: &str = "hygiene-checked-token-49Bv";
const REFUSED: &str = "hygiene-invalid-refused-token-90Xa";

/// In the state only in its sensitive form (`api_token`), as documented.
const PLAIN: &[&str] = &[S1_PLAIN];
/// Never in the state.
const NEVER_STORED: &[&str] = &[
    API_KEY,
    APP_KEY,
    OKTA_WO,
    KEY_MATERIAL,
    FALCON_SECRET_WO,
    CHECKED,
    REFUSED,
];

fn config(extra: &str) -> String {
    format!(
        r#"
resource "datadogsiem_entity_context_sync_okta" "wo" {{
  name                 = "Hygiene Okta"
  domain               = "example.okta.com"
  api_token_wo         = "{OKTA_WO}"
  api_token_wo_version = 1
}}

resource "datadogsiem_entity_context_sync_google_workspace" "key" {{
  name                            = "Hygiene Google Workspace"
  domain                          = "example.com"
  service_account_json_wo         = {key}
  service_account_json_wo_version = 1
}}

resource "datadogsiem_entity_context_sync_crowdstrike" "falcon" {{
  name                     = "Hygiene CrowdStrike"
  domain                   = "api.crowdstrike.com"
  client_id                = "hygiene-client-id"
  client_secret_wo         = "{FALCON_SECRET_WO}"
  client_secret_wo_version = 1
}}

resource "datadogsiem_entity_context_sync_sentinelone" "plain" {{
  name      = "Hygiene SentinelOne"
  domain    = "example.sentinelone.net"
  api_token = "{S1_PLAIN}"
}}

data "datadogsiem_credentials_check" "checked" {{
  integration_type = "okta"
  domain           = "example.okta.com"
  secrets = {{
    api_token = "{CHECKED}"
  }}
}}
{extra}
"#,
        key = hcl_string(&key_file(KEY_MATERIAL))
    )
}

fn assert_clean(t: &Acceptance, what: &str, run: &Run) {
    assert!(
        run.log.contains("[TRACE]"),
        "{what}: no trace log was written"
    );
    for secret in PLAIN.iter().chain(NEVER_STORED) {
        for (place, text) in [
            ("stdout", &run.stdout),
            ("stderr", &run.stderr),
            ("the trace log", &run.log),
        ] {
            assert!(!text.contains(secret), "{what}: {secret} in {place}");
        }
    }
    let state = t.state_file();
    for secret in NEVER_STORED {
        assert!(
            !state.contains(secret),
            "{what}: {secret} in the state file"
        );
    }
}

#[test]
fn no_secret_in_trace_logs_and_none_but_sensitive_ones_in_state() {
    let mut t = Acceptance::with_config(SandboxConfig {
        api_key: SecretString::from(API_KEY),
        app_key: SecretString::from(APP_KEY),
        ..SandboxConfig::default()
    });
    t.env("DD_API_KEY", API_KEY);
    t.env("DD_APP_KEY", APP_KEY);
    t.env("TF_LOG", "trace");
    t.config(&config(""));
    let apply = t.apply();
    assert_clean(&t, "apply", &apply);
    assert_eq!(t.configs().len(), 4);
    assert!(
        t.state_file().contains(S1_PLAIN),
        "the sensitive form is kept"
    );
    let plan = t.plan();
    assert_eq!(plan.code, 0, "{}", plan.all());
    assert_clean(&t, "plan", &plan);

    // A create Datadog refuses: its error names the problem, never the secret.
    t.config(&config(&format!(
        r#"
resource "datadogsiem_entity_context_sync_okta" "refused" {{
  name      = "Refused Okta"
  domain    = "example.okta.com"
  api_token = "{REFUSED}"
}}
"#
    )));
    let failed = t.terraform(&["apply", "-auto-approve", "-input=false", "-no-color"]);
    assert_eq!(failed.code, 1, "{}", failed.all());
    assert!(
        failed.flat().contains("OKTA refused the credentials"),
        "{}",
        failed.all()
    );
    assert_clean(&t, "the refused create", &failed);
}

#[test]
fn a_key_file_is_checked_at_plan_time_and_never_shown() {
    let t = Acceptance::new();
    let mut broken: serde_json::Value = serde_json::from_str(&key_file(KEY_MATERIAL)).unwrap();
    broken.as_object_mut().unwrap().remove("project_id");
    broken["type"] = serde_json::json!("authorized_user");
    // The key file as downloaded, read with file(): Terraform quotes the expression, and the
    // provider never quotes the value.
    t.write("key.json", &broken.to_string());
    t.config(
        r#"
resource "datadogsiem_entity_context_sync_google_workspace" "key" {
  name                 = "Broken key"
  domain               = "example.com"
  service_account_json = file("key.json")
}
"#,
    );
    let plan = t.assert_plan_fails_with(&["Invalid service_account_json"]);
    let flat = plan.flat();
    assert!(flat.contains(r#"has no "project_id" key"#), "{flat}");
    assert!(
        flat.contains(r#"service_account_json's "type" key must be "service_account""#),
        "{flat}"
    );
    assert!(!plan.all().contains(KEY_MATERIAL), "{}", plan.all());
    assert!(!plan.all().contains("authorized_user"), "{}", plan.all());
    assert!(t.configs().is_empty());
}
