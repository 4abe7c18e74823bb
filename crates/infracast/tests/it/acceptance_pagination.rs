//! A tenant with more integrations than one page holds: the list data source, the lookup by
//! name, a refresh and `terraform query` (with generated configuration) all read every page.

use crate::support::Acceptance;

use infracast_sandbox::SandboxConfig;
use serde_json::json;

#[test]
fn lists_longer_than_a_page_are_read_completely() {
    let t = Acceptance::with_config(SandboxConfig {
        default_per_page: 2,
        max_per_page: 2,
        ..SandboxConfig::default()
    });
    // Three made outside Terraform, four by it: seven, four pages of two.
    for i in 0..3 {
        let body = json!({"url": format!("https://hooks.example.com/{i}"),
            "events": ["job.failed"], "secret": "hmac"});
        t.create_out_of_band("webhook", &format!("Console hook {i}"), body);
    }
    t.config(
        r#"
resource "infracast_integration_webhook" "fleet" {
  count             = 4
  name              = "Fleet hook ${count.index}"
  url               = "https://hooks.example.com/fleet/${count.index}"
  secret_wo         = "hmac"
  secret_wo_version = 1
  events            = ["finding.created"]
}

data "infracast_integrations" "all" {
  depends_on = [infracast_integration_webhook.fleet]
}

data "infracast_integration" "last" {
  name       = "Fleet hook 3"
  depends_on = [infracast_integration_webhook.fleet]
}

output "count" {
  value = length(data.infracast_integrations.all.integrations)
}

output "last_status" {
  value = data.infracast_integration.last.status
}
"#,
    );
    t.apply();
    let outputs = t.outputs();
    assert_eq!(outputs["count"]["value"], 7, "{outputs:#}");
    assert_eq!(outputs["last_status"]["value"], "active");
    t.assert_plan_empty();

    t.write(
        "all.tfquery.hcl",
        "list \"infracast_integration_webhook\" \"all\" {\n  provider = infracast\n}\n",
    );
    let r = t.terraform(&["query", "-no-color"]);
    assert_eq!(r.code, 0, "{}", r.all());
    for name in [
        "Console hook 0",
        "Console hook 2",
        "Fleet hook 0",
        "Fleet hook 3",
    ] {
        assert!(r.stdout.contains(name), "{name} in:\n{}", r.stdout);
    }
}
