use super::prelude::*;
use crate::catalog::{self, CATALOG};
use crate::provider::fixtures::{obj as config, s};
use integration_engine::validate::*;
use tfplugin::diag::Severity;

/// Every diagnostic of `pairs` as the configuration of a `ty` resource.
fn diagnostics(ty: &str, pairs: &[(&str, Value)]) -> Diagnostics {
    let mut diags = Diagnostics::new();
    validate_config(
        catalog::find(ty).unwrap(),
        &config(pairs),
        &AttributePath::default(),
        &mut diags,
    );
    diags
}

/// (severity, attribute path) of every diagnostic.
fn check(ty: &str, pairs: &[(&str, Value)]) -> Vec<(Severity, String)> {
    diagnostics(ty, pairs)
        .iter()
        .map(|d| {
            (
                d.severity,
                d.attribute
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
            )
        })
        .collect()
}

fn errors(ty: &str, pairs: &[(&str, Value)]) -> Vec<String> {
    check(ty, pairs)
        .into_iter()
        .filter(|(sev, _)| *sev == Severity::Error)
        .map(|(_, p)| p)
        .collect()
}

const UUID: &str = "123e4567-e89b-12d3-a456-426614174000";
const ARN: &str = "arn:aws:iam::123456789012:role/prisma";

#[test]
fn slack_url_prefix_and_secret_forms() {
    assert!(
        errors(
            "slack",
            &[("webhook_url", s("https://hooks.slack.com/services/T/B/x"))]
        )
        .is_empty()
    );
    assert_eq!(
        errors("slack", &[("webhook_url", s("https://example.com/x"))]),
        ["webhook_url"]
    );
    assert_eq!(
        errors(
            "slack",
            &[("webhook_url_wo", s("http://hooks.slack.com/x"))]
        ),
        ["webhook_url_wo"]
    );
    assert_eq!(errors("slack", &[]), ["webhook_url"]);
    assert_eq!(
        errors(
            "slack",
            &[
                ("webhook_url", s("https://hooks.slack.com/a")),
                ("webhook_url_wo", s("https://hooks.slack.com/a"))
            ]
        ),
        ["webhook_url_wo"]
    );
    assert_eq!(
        errors(
            "slack",
            &[
                ("webhook_url", s("https://hooks.slack.com/a")),
                ("webhook_url_wo_version", Value::int(1))
            ]
        ),
        ["webhook_url_wo_version"]
    );
    // Unknown is never an error.
    assert!(errors("slack", &[("webhook_url", Value::Unknown)]).is_empty());
}

#[test]
fn secret_values_are_never_repeated_in_messages() {
    let mut diags = Diagnostics::new();
    let cfg = config(&[("webhook_url", s("https://example.com/T0KEN"))]);
    validate_config(
        catalog::find("slack").unwrap(),
        &cfg,
        &AttributePath::default(),
        &mut diags,
    );
    let text = format!(
        "{:?}",
        diags
            .0
            .iter()
            .map(|d| (&d.summary, &d.detail))
            .collect::<Vec<_>>()
    );
    assert!(diags.has_errors());
    assert!(!text.contains("T0KEN"), "{text}");
}

#[test]
fn enums_uuids_arns_and_s3_uris() {
    let good = [
        ("s3_uri", s("s3://my-bucket/alerts/")),
        ("region", s("us-east-1")),
        ("role_arn", s(ARN)),
        ("external_id", s(UUID)),
        ("roll_up_interval", Value::int(30)),
    ];
    assert!(errors("aws_s3", &good).is_empty());
    let bad = [
        ("s3_uri", s("s3://my-bucket")),
        ("region", s("us-east-1")),
        ("role_arn", s("arn:aws:iam::123:role/x")),
        ("external_id", s("not-a-uuid")),
        ("roll_up_interval", Value::int(45)),
    ];
    // Every invalid attribute is reported in one go.
    assert_eq!(
        errors("aws_s3", &bad),
        ["s3_uri", "role_arn", "external_id", "roll_up_interval"]
    );
    assert_eq!(
        errors(
            "demisto",
            &[
                ("host_url", s("x.example")),
                ("api_key", s("k")),
                ("demisto_version", s("7.0"))
            ]
        ),
        ["demisto_version"]
    );
}

#[test]
fn conditional_requirements() {
    let demisto = |version: &str, key_id: Value| {
        errors(
            "demisto",
            &[
                ("host_url", s("h")),
                ("api_key", s("k")),
                ("demisto_version", s(version)),
                ("api_key_id", key_id),
            ],
        )
    };
    assert_eq!(demisto("8.0", Value::Null), ["api_key_id"]);
    assert!(demisto("8.0", s("7")).is_empty());
    assert!(demisto("6.0", Value::Null).is_empty());

    let webhook = |enabled: bool, payloads: Value| {
        errors(
            "webhook",
            &[
                ("url", s("https://example.com/h")),
                ("auth_token", s("t")),
                ("is_custom_payload_enabled", Value::Bool(enabled)),
                ("custom_payloads", payloads),
            ],
        )
    };
    assert_eq!(webhook(true, Value::Null), ["custom_payloads"]);
    assert!(webhook(false, Value::Null).is_empty());
    assert!(webhook(true, Value::Unknown).is_empty());

    let sqs = |pairs: &[(&str, Value)]| {
        let mut all = vec![("queue_url", s("https://sqs.us-east-1.amazonaws.com/1/q"))];
        all.extend_from_slice(pairs);
        errors("amazon_sqs", &all)
    };
    assert!(sqs(&[]).is_empty());
    assert_eq!(sqs(&[("access_key", s("AKIA"))]), ["secret_key"]);
    assert_eq!(sqs(&[("secret_key_wo", s("x"))]), ["access_key"]);
    assert!(sqs(&[("access_key", s("AKIA")), ("secret_key_wo", s("x"))]).is_empty());
    assert_eq!(sqs(&[("role_arn", s(ARN))]), ["external_id"]);
    assert_eq!(
        sqs(&[
            ("role_arn", s(ARN)),
            ("external_id", s(UUID)),
            ("access_key", s("A")),
            ("secret_key", s("B"))
        ]),
        ["role_arn"]
    );

    let asb = |pairs: &[(&str, Value)]| {
        let mut all = vec![("queue_url", s("https://ns.servicebus.windows.net/q"))];
        all.extend_from_slice(pairs);
        errors("azure_service_bus_queue", &all)
    };
    assert_eq!(asb(&[]), ["account_id"]);
    assert!(asb(&[("account_id", s("a"))]).is_empty());
    assert!(asb(&[("connection_string_wo", s("Endpoint=sb://x"))]).is_empty());
    assert_eq!(
        asb(&[("account_id", s("a")), ("connection_string", s("c"))]),
        ["account_id"]
    );
}

#[test]
fn plain_http_is_a_warning_for_webhooks_and_teams() {
    let result = check(
        "microsoft_teams",
        &[("url", s("http://teams.example/hook"))],
    );
    assert_eq!(result, [(Severity::Warning, "url".to_string())]);
    assert_eq!(
        errors("microsoft_teams", &[("url", s("teams.example/hook"))]),
        ["url"]
    );
}

#[test]
fn qualys_base_url_without_scheme_and_service_now_tables() {
    assert_eq!(
        errors(
            "qualys",
            &[
                ("login", s("l")),
                ("base_url", s("https://qualysapi.qualys.com")),
                ("password", s("p"))
            ]
        ),
        ["base_url"]
    );
    let tables = Value::Set(vec![s("incident"), s("problem")]);
    assert_eq!(
        errors(
            "service_now",
            &[
                ("host_url", s("https://x.service-now.com")),
                ("login", s("l")),
                ("password", s("p")),
                ("tables", tables)
            ]
        ),
        ["tables"]
    );
}

/// An AWS Security Hub region object.
fn region(name: &str, api_identifier: &str, cloud_type: &str) -> Value {
    Value::Object(
        [
            ("name", s(name)),
            ("api_identifier", s(api_identifier)),
            ("cloud_type", s(cloud_type)),
            ("sdk_id", s("us-east-1")),
            ("enabled", Value::Bool(true)),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect(),
    )
}

#[test]
fn nested_objects_are_checked_by_path() {
    assert!(
        errors(
            "aws_security_hub",
            &[
                (
                    "regions",
                    Value::List(vec![region("a", "us-east-1", "aws")])
                ),
                ("account_id", s("123"))
            ]
        )
        .is_empty()
    );
}

#[test]
fn names_follow_the_api_rule() {
    for (name, ok) in [
        ("slack", true),
        ("ops", false),
        ("-alerts", false),
        ("Alerts to #ops", true),
    ] {
        let mut d = Diagnostics::new();
        validate_frame(&CATALOG, &config(&[("name", s(name))]), &mut d);
        assert_eq!(!d.has_errors(), ok, "{name}");
    }
    let mut d = Diagnostics::new();
    validate_frame(&CATALOG, &config(&[("name", s(&"x".repeat(101)))]), &mut d);
    assert!(d.has_errors());
    assert_eq!(
        d.iter().next().unwrap().attribute,
        Some(AttributePath::root("name"))
    );
}

#[test]
fn data_source_config_requires_keys_under_its_path() {
    let mut diags = Diagnostics::new();
    let base = AttributePath::root("config");
    validate_config(
        catalog::find("google_cscc").unwrap(),
        &config(&[("org_id", s("1"))]),
        &base,
        &mut diags,
    );
    let paths: Vec<String> = diags
        .iter()
        .filter_map(|d| d.attribute.as_ref().map(ToString::to_string))
        .collect();
    assert_eq!(paths, ["config.source_id"]);
}

/// Errors for the configuration of an existing integration (unset secrets may be kept).
fn existing_errors(ty: &str, pairs: &[(&str, Value)]) -> Vec<String> {
    let mut diags = Diagnostics::new();
    validate_config_with(
        catalog::find(ty).unwrap(),
        &config(pairs),
        &AttributePath::default(),
        UnsetSecrets::MaybeKept,
        &mut diags,
    );
    diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            d.attribute
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default()
        })
        .collect()
}

#[test]
fn unset_secrets_of_an_existing_integration_may_be_kept_but_never_conflict() {
    // Missing when creating, fine when the integration exists.
    assert_eq!(errors("slack", &[]), ["webhook_url"]);
    assert!(existing_errors("slack", &[]).is_empty());

    // Azure: exactly one of account_id and the connection_string secret.
    let queue = ("queue_url", s("https://acme.servicebus.windows.net/q"));
    assert_eq!(
        errors("azure_service_bus_queue", std::slice::from_ref(&queue)),
        ["account_id"]
    );
    assert!(existing_errors("azure_service_bus_queue", std::slice::from_ref(&queue)).is_empty());
    assert!(
        existing_errors(
            "azure_service_bus_queue",
            &[queue.clone(), ("account_id", s("acct"))]
        )
        .is_empty()
    );
    assert_eq!(
        existing_errors(
            "azure_service_bus_queue",
            &[
                queue,
                ("account_id", s("acct")),
                ("connection_string", s("Endpoint=sb://x"))
            ]
        ),
        ["account_id"],
        "two set is still a conflict"
    );

    // SQS: access and secret keys go together; an unset one may be kept.
    let sqs = ("queue_url", s("https://sqs.us-east-1.amazonaws.com/1/q"));
    let access = ("access_key", s("AKIA"));
    assert_eq!(
        errors("amazon_sqs", &[sqs.clone(), access.clone()]),
        ["secret_key"]
    );
    assert!(existing_errors("amazon_sqs", &[sqs.clone(), access.clone()]).is_empty());
    // ...but conflicts between what is surely set remain errors.
    assert!(
        !existing_errors(
            "amazon_sqs",
            &[sqs, access, ("role_arn", s(ARN)), ("external_id", s(UUID))]
        )
        .is_empty()
    );
    // Non-secret requirements are unchanged.
    assert_eq!(
        existing_errors("demisto", &[("demisto_version", s("8.0"))]),
        ["api_key_id"]
    );
}

/// The detail of the one error `ty` gives `pairs` at `attr`.
fn error_detail(ty: &str, pairs: &[(&str, Value)], attr: &str) -> String {
    let diags = diagnostics(ty, pairs);
    let found: Vec<_> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .filter(|d| d.attribute == Some(AttributePath::root(attr)))
        .collect();
    assert_eq!(found.len(), 1, "{ty}.{attr}: {:?}", diags.0);
    format!("{}: {}", found[0].summary, found[0].detail)
}

#[test]
fn queue_urls_hosts_and_regions_are_checked_at_plan_time() {
    let bad = s("not a url at all");
    for ty in ["amazon_sqs", "azure_service_bus_queue"] {
        assert_eq!(
            error_detail(ty, &[("queue_url", bad.clone())], "queue_url"),
            "Invalid queue_url: queue_url must be an absolute https:// URL; \"not a url at all\" \
             is not."
        );
    }
    for (ty, attr) in [
        ("service_now", "host_url"),
        ("demisto", "host_url"),
        ("snowflake", "host_url"),
    ] {
        let detail = error_detail(ty, &[(attr, bad.clone())], attr);
        assert!(
            detail.contains("host_url must be a host name or IP address"),
            "{ty}: {detail}"
        );
        for ok in ["acme.example.com", "https://acme.example.com"] {
            assert!(
                !errors(ty, &[(attr, s(ok))]).contains(&attr.to_string()),
                "{ty} {ok}"
            );
        }
    }
    for (ty, attr) in [("okta", "domain"), ("qualys", "base_url")] {
        let detail = error_detail(ty, &[(attr, bad.clone())], attr);
        assert!(detail.contains("such as example.com"), "{ty}: {detail}");
    }
    for ty in ["aws_s3", "aws_sdl"] {
        let detail = error_detail(ty, &[("region", s("us-east-1a"))], "region");
        assert!(detail.contains("use its region, us-east-1"), "{detail}");
    }
    assert_eq!(
        errors(
            "aws_security_hub",
            &[
                (
                    "regions",
                    Value::List(vec![region("AWS Virginia", "AWS Virginia", "azure")])
                ),
                ("default_region", region("AWS Virginia", "us-east-1", "aws")),
                ("account_id", s("123456789012"))
            ]
        ),
        ["regions[0].api_identifier", "regions[0].cloud_type"]
    );
}
