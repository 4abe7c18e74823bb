//! Transport security through the real Terraform CLI: TLS certificates are verified by default,
//! `ca_file` (or `PRISMACLOUD_CA_FILE`) trusts a private CA, an unusable CA file is a plan-time
//! diagnostic, and plain http:// is refused for hosts that are not loopback unless
//! `insecure_http = true`.

use crate::support;

use support::Acceptance;

const SLACK: &str = r#"
resource "prismacloud_integration_slack" "alerts" {
  name        = "Behind a private CA"
  webhook_url = "https://hooks.slack.com/services/T0/B0/transport-token"
}
"#;

fn plan(t: &Acceptance) -> support::Run {
    t.terraform(&["plan", "-detailed-exitcode", "-input=false", "-no-color"])
}

#[test]
fn ca_file_trusts_a_private_ca_from_the_attribute_or_the_environment() {
    let mut t = Acceptance::new();
    let front = t.tls_front();
    t.env("PRISMACLOUD_URL", &front.url);
    t.config_with_provider(
        &format!("  ca_file = \"{}\"", front.ca_file.display()),
        SLACK,
    );
    t.apply();
    assert_eq!(t.integrations().len(), 1, "created through the TLS front");

    // The same through the environment variable; the plan reads the integration over TLS
    // (its refresh lists the integrations).
    t.env("PRISMACLOUD_CA_FILE", &front.ca_file.to_string_lossy());
    t.config(SLACK);
    t.sandbox().state().reset_stats();
    t.assert_plan_empty();
    assert!(
        t.sandbox()
            .state()
            .stats()
            .requests_to("GET", "/api/v1/tenant/{prisma_id}/integration")
            >= 1
    );
}

#[test]
fn tls_is_verified_by_default() {
    let mut t = Acceptance::new();
    let front = t.tls_front();
    t.env("PRISMACLOUD_URL", &front.url);
    t.config(SLACK);
    let out = t.terraform(&["apply", "-auto-approve", "-input=false", "-no-color"]);
    assert_eq!(out.code, 1, "{}", out.all());
    let all = out.flat();
    assert!(all.contains("could not reach Prisma Cloud"), "{all}");
    assert!(
        all.contains("the server's certificate is not trusted"),
        "the reason names the certificate: {all}"
    );
    // What to do, once (the provider checks its settings when configured), and at once: no
    // retry can make a certificate trusted.
    assert!(
        all.contains("set the provider's ca_file (or PRISMACLOUD_CA_FILE) to that CA's PEM file"),
        "{all}"
    );
    assert_eq!(out.error_count(), 1, "{all}");
    assert!(!all.contains("attempts"), "not retried: {all}");
    assert!(t.integrations().is_empty());
}

#[test]
fn an_unusable_ca_file_is_a_plan_time_diagnostic() {
    let t = Acceptance::new();
    let bogus = t.dir.path().join("not-a-ca.pem");
    std::fs::write(&bogus, "this is not a certificate").unwrap();
    for path in [bogus.clone(), t.dir.path().join("missing.pem")] {
        t.config_with_provider(&format!("  ca_file = \"{}\"", path.display()), SLACK);
        let out = plan(&t);
        assert_eq!(out.code, 1, "{}", out.all());
        let all = out.all().replace('\n', " ");
        assert!(all.contains("Invalid ca_file"), "{all}");
        assert!(all.contains(&path.display().to_string()), "{all}");
    }
    assert_eq!(t.sandbox().state().stats().total_requests, 0);
}

#[test]
fn plain_http_to_a_remote_host_needs_insecure_http() {
    let t = Acceptance::new();
    t.config_with_provider("  url = \"http://api.prisma.example\"", SLACK);
    let out = plan(&t);
    assert_eq!(out.code, 1, "{}", out.all());
    let all = out.all().replace('\n', " ");
    assert!(all.contains("Invalid url"), "{all}");
    assert!(all.contains("insecure_http = true"), "{all}");

    // Accepted once the user says so: planning a create needs no API call, so with the
    // settings check off the plan succeeds with the change to make.
    t.config_with_provider(
        "  url = \"http://api.prisma.example\"\n  insecure_http = true\n  validate = false",
        SLACK,
    );
    let out = plan(&t);
    assert_eq!(out.code, 2, "{}", out.all());
    // Loopback http:// (the sandbox itself) needs nothing: every other acceptance test uses it.
}
