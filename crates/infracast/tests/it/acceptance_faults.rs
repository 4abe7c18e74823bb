//! An apply through faults (rate limits, unavailable, 5xx after processing, dropped answers,
//! tokens expired early): it ends with exactly the integrations configured, none duplicated,
//! and an empty plan.

use infracast_sandbox::{FaultConfig, FaultRule, FaultWeights};

use crate::support::Acceptance;

#[test]
fn an_apply_through_faults_neither_loses_nor_duplicates() {
    let mut t = Acceptance::new();
    // Four faults at most: no request can fail more often than the retries allow.
    t.env("INFRACAST_MAX_RETRIES", "5");
    let faults = FaultConfig {
        seed: 11,
        retry_after_secs: 0,
        ..FaultConfig::default()
    }
    .with_rule(FaultRule::everywhere(0.5, FaultWeights::uniform()).limited(4));
    t.sandbox().state().set_faults(faults).unwrap();
    t.config(
        r#"
resource "infracast_integration_webhook" "hooks" {
  count             = 3
  name              = "Faulty ${count.index}"
  url               = "https://hooks.example.com/${count.index}"
  secret_wo         = "hmac"
  secret_wo_version = 1
  events            = ["finding.created"]
}
"#,
    );
    let r = t.terraform(&["apply", "-auto-approve", "-input=false", "-no-color"]);
    assert_eq!(r.code, 0, "{}", r.all());
    let stats = t.sandbox().state().stats();
    assert!(stats.total_faults() >= 1, "{stats:?}");
    let names: Vec<String> = t
        .integrations()
        .iter()
        .map(|i| i["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
    t.assert_plan_empty();
}
