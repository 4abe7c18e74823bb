//! Through the real Terraform CLI against a sandbox that misbehaves on purpose (the kit's
//! seeded faults: 429, 503, 500 and 502 after processing, dropped connections, latency): an
//! apply of several configurations — some created disabled, so a PATCH follows their create —
//! converges to exactly one configuration each, the next plan is empty, and destroy leaves
//! nothing behind.

use std::collections::BTreeMap;

use datadogsiem_sandbox::{FaultConfig, FaultRule, FaultWeights, SandboxConfig};

use crate::support::Acceptance;

fn configuration(count: usize) -> String {
    (0..count)
        .map(|i| {
            format!(
                r#"
resource "datadogsiem_entity_context_sync_okta" "c{i}" {{
  name      = "Faulty {i}"
  domain    = "c{i}.okta.com"
  enabled   = {}
  api_token = "token-{i}"
}}
"#,
                i % 2 == 0
            )
        })
        .collect()
}

#[test]
fn faults_neither_duplicate_nor_lose_configurations() {
    let weights: FaultWeights =
        "rate_limit=1,unavailable=1,server_error=1,bad_gateway=1,drop=1,latency=1"
            .parse()
            .unwrap();
    let faults = FaultConfig {
        seed: 20_261_202,
        max_latency_ms: 50,
        retry_after_secs: 0,
        ..FaultConfig::default().with_rule(FaultRule::everywhere(0.3, weights))
    };
    let t = Acceptance::with_config(SandboxConfig {
        faults,
        ..SandboxConfig::default()
    });
    t.config(&configuration(6));
    t.apply();
    let mut names: BTreeMap<String, usize> = BTreeMap::new();
    for c in t.configs() {
        let name = c["attributes"]["name"].as_str().unwrap().to_owned();
        *names.entry(name).or_default() += 1;
    }
    assert_eq!(names.len(), 6, "{names:?}");
    assert!(names.values().all(|n| *n == 1), "duplicated: {names:?}");
    for c in t.configs() {
        let odd = c["attributes"]["name"]
            .as_str()
            .unwrap()
            .ends_with(['1', '3', '5']);
        assert_eq!(c["attributes"]["enabled"], !odd, "{c}");
    }
    let faulted: u64 = t.sandbox().state().kit().stats().faults.values().sum();
    assert!(faulted > 0, "the sandbox injected no fault");
    t.assert_plan_empty();
    t.destroy();
    assert!(t.configs().is_empty(), "{:?}", t.configs());
}
