//! One sign-in per Terraform run, and a run that outlives its access token: the provider
//! renews it with the refresh token before it expires and goes on.

use std::time::Duration;

use infracast_sandbox::{KitSettings, SandboxConfig};

use crate::support::Acceptance;

#[test]
fn a_plan_that_outlives_the_access_token_refreshes_it_and_goes_on() {
    // Tokens of 1.5 s, and 200 ms per request: a plan of a dozen sequential reads lasts longer
    // than a token.
    let t = Acceptance::with_config(SandboxConfig {
        access_ttl: Duration::from_millis(1500),
        kit: KitSettings {
            latency: Duration::from_millis(200),
            ..KitSettings::default()
        },
        ..SandboxConfig::default()
    });
    t.config(
        r#"
resource "infracast_integration_webhook" "soc" {
  name              = "Long plan"
  url               = "https://hooks.example.com/long"
  secret_wo         = "hmac"
  secret_wo_version = 1
  events            = ["job.completed"]
}

data "infracast_integration" "reads" {
  count = 10
  id    = infracast_integration_webhook.soc.id
}
"#,
    );
    t.apply();
    let state = t.sandbox().state();
    let (logins, refreshes) = (state.logins(), state.refreshes());
    let started = std::time::Instant::now();
    let r = t.terraform(&[
        "plan",
        "-parallelism=1",
        "-detailed-exitcode",
        "-input=false",
        "-no-color",
    ]);
    assert_eq!(r.code, 0, "{}", r.all());
    assert!(
        started.elapsed() > Duration::from_millis(1500),
        "the plan outlived a token"
    );
    assert_eq!(state.logins() - logins, 1, "one sign-in per run");
    assert!(state.refreshes() > refreshes, "the token was refreshed");
    assert_eq!(state.stats().unauthorized, 0, "renewed before it expired");
}
