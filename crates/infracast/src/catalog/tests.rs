//! The Infracast catalog: the engine's lint finds nothing, and the entries say what the seed and
//! the API pages say (and mark what they do not).

use std::collections::BTreeSet;

use super::*;

#[test]
fn the_catalog_passes_the_engines_lint() {
    let problems = integration_engine::catalog::lint(&CATALOG);
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn every_integration_of_the_seed_is_there_once_under_its_resource_name() {
    let names: Vec<String> = ALL.iter().map(|t| CATALOG.resource_name(t)).collect();
    let expected = [
        "infracast_integration_webhook",
        "infracast_integration_servicenow",
        "infracast_integration_splunk",
        "infracast_integration_elastic",
        "infracast_integration_jira",
        "infracast_integration_slack",
        "infracast_integration_microsoft_teams",
        "infracast_integration_okta_sso",
    ];
    assert_eq!(names, expected);
    for t in ALL {
        // The API's conventions: lowercase type names, snake_case config keys.
        assert_eq!(t.wire_type, t.wire_type.to_ascii_lowercase());
        for f in t.fields {
            assert_eq!(f.key, snake_case(f.key), "{}.{}", t.name, f.key);
        }
    }
}

#[test]
fn only_the_documented_webhook_body_is_published_every_other_key_says_where_it_comes_from() {
    let webhook = find("webhook").unwrap();
    assert!(!webhook.is_inferred());
    let keys: Vec<&str> = webhook.fields.iter().map(|f| f.key).collect();
    assert_eq!(
        keys,
        [
            "url",
            "secret",
            "events",
            "filters",
            "headers",
            "timeout_seconds"
        ]
    );
    let required: Vec<&str> = webhook
        .fields
        .iter()
        .filter(|f| f.is_required())
        .map(|f| f.key)
        .collect();
    assert_eq!(required, ["url", "secret", "events"]);
    assert_eq!(
        webhook.field("timeout_seconds").unwrap().default(),
        Some(DefaultValue::Integer(30))
    );
    for t in ALL.iter().filter(|t| t.name != "webhook") {
        for f in t.fields {
            let source = f
                .source
                .unwrap_or_else(|| panic!("{}.{} has no source", t.name, f.key));
            assert!(source.contains(t.title.split(' ').next().unwrap()) || source.contains("SSO"));
        }
    }
}

#[test]
fn events_are_the_seeds_in_their_published_wire_names_or_inferred_ones() {
    let published = [
        "finding.created",
        "finding.severity_changed",
        "job.completed",
        "job.failed",
    ];
    let all: BTreeSet<&str> = EVENTS.iter().copied().collect();
    let expected: BTreeSet<&str> = published.iter().chain(INFERRED_EVENTS).copied().collect();
    assert_eq!(all, expected);
    for t in ALL {
        if let Some(f) = t.field("events") {
            assert!(
                matches!(f.checks, [Check::OneOf(e)] if *e == EVENTS),
                "{}",
                t.name
            );
            for name in INFERRED_EVENTS {
                assert!(f.description.contains(name), "{}", t.name);
            }
        }
    }
}

#[test]
fn credentials_and_incoming_webhook_urls_are_secrets() {
    let secrets: BTreeSet<String> = ALL
        .iter()
        .flat_map(|t| {
            t.fields
                .iter()
                .filter(|f| f.secret)
                .map(move |f| format!("{}.{}", t.name, f.key))
        })
        .collect();
    let expected: BTreeSet<String> = [
        "webhook.secret",
        "servicenow.password",
        "servicenow.oauth_token",
        "splunk.hec_token",
        "elastic.api_key",
        "elastic.password",
        "jira.api_key",
        "jira.password",
        "slack.webhook_url",
        "microsoft_teams.webhook_url",
        "okta_sso.client_secret",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(secrets, expected);
}

#[test]
fn okta_sso_is_saml_or_oidc_with_the_documented_attribute_defaults() {
    let okta = find("okta_sso").unwrap();
    for (key, default) in [
        ("email_attribute", "email"),
        ("first_name_attribute", "firstName"),
        ("last_name_attribute", "lastName"),
        ("groups_attribute", "groups"),
    ] {
        assert_eq!(
            okta.field(key).unwrap().default(),
            Some(DefaultValue::String(default))
        );
    }
    assert!(matches!(
        okta.rules[0],
        Rule::ExactlyOne(&["sso_url", "discovery_url"])
    ));
    assert_eq!(
        find("splunk")
            .unwrap()
            .field("source_type")
            .unwrap()
            .default(),
        Some(DefaultValue::String("infracast:finding"))
    );
}
