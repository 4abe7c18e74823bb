//! Plan-time checks through the real Terraform CLI: a plain `http://` receiver is a warning
//! (Infracast warns about it too), Okta SSO takes exactly one of SAML and OIDC, events and
//! severities are the API's names. Nothing reaches the API.

use crate::support::Acceptance;

#[test]
fn a_plain_http_webhook_plans_with_a_warning() {
    let t = Acceptance::new();
    t.config(
        r#"
resource "infracast_integration_webhook" "plain" {
  name              = "Plain receiver"
  url               = "http://receiver.internal.example/infracast"
  secret_wo         = "hmac"
  secret_wo_version = 1
  events            = ["finding.created"]
}
"#,
    );
    let r = t.assert_plan_changes_with(&["Warning: url uses plain http://"]);
    assert!(r.flat().contains("travel unencrypted"), "{}", r.all());
    assert!(t.integrations().is_empty());
}

#[test]
fn okta_sso_with_both_or_neither_protocol_and_unknown_names_fail_at_plan_time() {
    let t = Acceptance::new();
    t.config(
        r#"
resource "infracast_integration_okta_sso" "both" {
  name                 = "Both"
  sso_url              = "https://acme.okta.com/app/sso/saml"
  entity_id            = "http://www.okta.com/exk1"
  x509_certificate     = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
  discovery_url        = "https://acme.okta.com/.well-known/openid-configuration"
  client_id            = "0oa1"
  client_secret_wo     = "s"
}

resource "infracast_integration_okta_sso" "neither" {
  name = "Neither"
}

resource "infracast_integration_webhook" "names" {
  name              = "Names"
  url               = "https://hooks.example.com/x"
  secret_wo         = "hmac"
  events            = ["finding.created", "finding.deleted"]
  filters           = { severity = ["SEVERE"] }
}
"#,
    );
    let r = t.assert_plan_fails_with(&[]);
    r.assert_mentions(&[
        "Set only one of sso_url or discovery_url, not several.",
        "Set exactly one of sso_url or discovery_url.",
        r#""finding.deleted""#,
        r#""SEVERE""#,
    ]);
    assert!(t.integrations().is_empty());
}
