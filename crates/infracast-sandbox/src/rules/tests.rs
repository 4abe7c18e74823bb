use serde_json::{Map, Value, json};

use super::*;

fn object(v: Value) -> Map<String, Value> {
    v.as_object().unwrap().clone()
}

fn fields(issues: &[Issue]) -> Vec<&str> {
    issues.iter().map(|i| i.field.as_str()).collect()
}

#[test]
fn the_documented_webhook_body_is_accepted_and_completed_with_its_default() {
    let webhook = find("webhook").unwrap();
    let accepted = webhook
        .accept(&object(json!({
            "url": "https://hooks.example.com/infracast",
            "secret": "s3cret-signing",
            "events": ["finding.created", "job.failed"],
            "filters": {"severity": ["CRITICAL", "HIGH"]},
            "headers": {"X-Source": "infracast"},
        })))
        .unwrap();
    assert_eq!(accepted["timeout_seconds"], 30);
    assert!(webhook.is_secret("secret") && !webhook.is_secret("url"));
    assert_eq!(webhook.status(&accepted), "active");
}

#[test]
fn every_problem_is_named() {
    let webhook = find("webhook").unwrap();
    let issues = webhook
        .accept(&object(json!({
            "url": "ftp://x",
            "secret": "********",
            "events": ["finding.created", "finding.deleted"],
            "filters": {"severity": ["SEVERE"], "asset": []},
            "timeout_seconds": 0,
            "retries": 3,
        })))
        .unwrap_err();
    assert_eq!(
        fields(&issues),
        [
            "config.retries",
            "config.url",
            "config.secret",
            "config.events",
            "config.filters",
            "config.timeout_seconds"
        ]
    );
    assert!(issues[2].issue.contains("masked"));
    let missing = webhook.accept(&Map::new()).unwrap_err();
    assert_eq!(
        fields(&missing),
        ["config.url", "config.secret", "config.events"]
    );
}

#[test]
fn okta_sso_takes_saml_or_oidc_not_both_nor_neither() {
    let okta = find("okta_sso").unwrap();
    let saml = json!({
        "sso_url": "https://acme.okta.com/app/sso/saml",
        "entity_id": "http://www.okta.com/exk1",
        "x509_certificate": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
    });
    let accepted = okta.accept(&object(saml.clone())).unwrap();
    assert_eq!(accepted["first_name_attribute"], "firstName");
    let mut both = object(saml);
    both.insert(
        "discovery_url".into(),
        json!("https://acme.okta.com/.well-known/openid-configuration"),
    );
    let issues = okta.accept(&both).unwrap_err();
    assert_eq!(
        fields(&issues),
        ["config.sso_url", "config.client_id", "config.client_secret"]
    );
    let neither = okta.accept(&Map::new()).unwrap_err();
    assert_eq!(fields(&neither), ["config.sso_url"]);
}

#[test]
fn credentials_come_as_one_kind_and_unreachable_hosts_are_in_error() {
    let servicenow = find("servicenow").unwrap();
    let both = object(json!({
        "instance_url": "https://acme.service-now.invalid",
        "username": "svc", "password": "pw", "oauth_token": "tok",
    }));
    assert_eq!(
        fields(&servicenow.accept(&both).unwrap_err()),
        ["config.password"]
    );
    let lonely = object(json!({"instance_url": "https://x.example", "password": "pw"}));
    assert_eq!(
        fields(&servicenow.accept(&lonely).unwrap_err()),
        ["config.username"]
    );
    assert_eq!(servicenow.status(&both), "error");
    assert!(find("teams").is_none());
}
