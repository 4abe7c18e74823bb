use secrecy::ExposeSecret;
use serde_json::json;

use super::*;
use crate::catalog;
use crate::catalog::CATALOG;
use crate::provider::fixtures::{obj, s};
use integration_engine::resource::IntegrationResource;

fn data(ty: &str, config: Value) -> Value {
    obj(&[("integration_type", s(ty)), ("config", config)])
}

fn summaries(d: &Diagnostics) -> Vec<String> {
    d.iter().map(|d| d.summary.clone()).collect()
}

#[test]
fn cortex_xsoar_has_no_test_call() {
    let d = validate(&data(
        "demisto",
        obj(&[
            ("host_url", s("xsoar.example.com")),
            ("api_key", s("k")),
            ("demisto_version", s("6.0")),
        ]),
    ));
    assert_eq!(
        summaries(&d),
        ["Cortex XSOAR integrations cannot be tested"]
    );
    assert_eq!(
        d.0[0].attribute.as_ref().unwrap().to_string(),
        "integration_type"
    );
    assert!(d.0[0].detail.contains("\"demisto\""), "{}", d.0[0].detail);
}

#[test]
fn config_is_checked_with_the_resource_rules_under_config() {
    let d = validate(&data("slack", obj(&[])));
    assert_eq!(summaries(&d), ["Missing config.webhook_url"]);

    let d = validate(&data(
        "slack",
        obj(&[("webhook_url", s("https://example.com/secret-path"))]),
    ));
    assert_eq!(summaries(&d), ["Invalid config.webhook_url"]);
    assert_eq!(
        d.0[0].attribute.as_ref().unwrap().to_string(),
        "config.webhook_url"
    );
    assert!(!d.0[0].detail.contains("secret-path"), "{}", d.0[0].detail);

    let d = validate(&data(
        "webhook",
        obj(&[
            ("url", s("https://example.com/hook")),
            ("auth_token", s("t")),
            ("is_custom_payload_enabled", Value::Bool(true)),
        ]),
    ));
    assert_eq!(summaries(&d), ["Missing config.custom_payloads"]);
    assert!(
        d.0[0].detail.contains("config.is_custom_payload_enabled"),
        "{}",
        d.0[0].detail
    );

    let d = validate(&data("sevice_now", obj(&[])));
    assert_eq!(summaries(&d), ["Unknown integration type"]);
}

#[test]
fn unknown_values_are_never_errors() {
    assert!(
        validate(&obj(&[
            ("integration_type", Value::Unknown),
            ("config", Value::Unknown)
        ]))
        .is_empty()
    );
    assert!(validate(&data("slack", Value::Unknown)).is_empty());
    assert!(validate(&data("slack", obj(&[("webhook_url", Value::Unknown)]))).is_empty());
    assert!(
        validate(&obj(&[
            ("integration_type", Value::Unknown),
            ("config", obj(&[("anything", s("x"))]))
        ]))
        .is_empty()
    );
}

/// What a resource create sends for the same configuration, name aside.
fn resource_create(ty: &'static IntegrationType, config: &Value) -> crate::api::IntegrationRequest {
    let resource = IntegrationResource::new(&CATALOG, ty);
    let mut cfg = config.as_object().cloned().unwrap();
    cfg.insert("name".into(), s(TEST_NAME));
    let cfg = Value::Object(cfg);
    let planned = resource
        .plan(&PlanRequest {
            type_name: resource.type_name.clone(),
            prior_state: Value::Null,
            proposed_new_state: cfg.clone(),
            config: cfg.clone(),
            prior_private: Vec::new(),
            prior_identity: Value::Null,
        })
        .planned_state;
    crate::provider::client::request(&integration_request(
        &CATALOG,
        ty,
        &planned,
        &cfg,
        &Value::Null,
    ))
}

#[test]
fn the_request_is_the_one_a_create_sends_with_defaults() {
    let ty = catalog::find("webhook").unwrap();
    let written = obj(&[
        ("url", s("https://example.com/hook")),
        ("auth_token", s("tok-123")),
    ]);
    let mut d = Diagnostics::new();
    let shaped = config_object(ty, &written, &AttributePath::root("config"), &mut d);
    assert!(d.is_empty());
    let request = create_request(ty, &shaped);
    assert_eq!(request.integration_type, "webhook");
    assert_eq!(request.name, TEST_NAME);
    assert!(request.enabled);
    assert_eq!(
        serde_json::Value::Object(request.config.clone()),
        json!({"url": "https://example.com/hook", "isCustomPayloadEnabled": false})
    );
    assert_eq!(request.secrets["authToken"].expose_secret(), "tok-123");

    let expected = resource_create(ty, &written);
    assert_eq!(request.config, expected.config);
    assert_eq!(
        request.secrets.keys().collect::<Vec<_>>(),
        expected.secrets.keys().collect::<Vec<_>>()
    );

    // A number written as a string is sent as the number a resource would send.
    let s3 = catalog::find("aws_s3").unwrap();
    let written = obj(&[
        ("s3_uri", s("s3://bucket/")),
        ("region", s("us-east-1")),
        ("role_arn", s("arn:aws:iam::123456789012:role/prisma")),
        ("external_id", s("123e4567-e89b-12d3-a456-426614174000")),
        ("roll_up_interval", s("30")),
    ]);
    let shaped = config_object(s3, &written, &AttributePath::root("config"), &mut d);
    assert_eq!(
        create_request(s3, &shaped).config["rollUpInterval"],
        json!(30)
    );
}

#[test]
fn webhook_headers_are_tested_as_a_create_sends_them() {
    let ty = catalog::find("webhook").unwrap();
    // As Terraform passes a dynamic value: a tuple of objects, each with only what is written.
    let written = obj(&[
        ("url", s("https://example.com/hook")),
        ("auth_token", s("tok-123")),
        (
            "headers",
            Value::Tuple(vec![
                obj(&[("key", s("X-Source")), ("value", s("prisma"))]),
                obj(&[("key", s("Authorization")), ("secure", Value::Bool(true))]),
            ]),
        ),
        (
            "secure_header_values",
            obj(&[("Authorization", s("Bearer hdr-secret"))]),
        ),
    ]);
    let mut d = Diagnostics::new();
    let shaped = config_object(ty, &written, &AttributePath::root("config"), &mut d);
    assert!(d.is_empty(), "{d:?}");
    let mut d = Diagnostics::new();
    integration_engine::validate::validate_config(
        ty,
        &shaped,
        &AttributePath::root("config"),
        &mut d,
    );
    assert!(d.is_empty(), "{d:?}");
    let request = create_request(ty, &shaped);
    assert_eq!(
        request.config["headers"],
        json!([
            {"key": "X-Source", "value": "prisma", "secure": false, "readOnly": false},
            {"key": "Authorization", "secure": true, "readOnly": false},
        ])
    );
    assert_eq!(
        request.secrets["/headers/1/value"].expose_secret(),
        "Bearer hdr-secret"
    );
    let kept = without_secrets(ty, &written);
    assert_eq!(kept.get("secure_header_values"), &Value::Null);
    assert_eq!(kept.get("headers"), written.get("headers"));

    // A secure header without its value is missing, named under config.
    let unset = obj(&[
        ("url", s("https://example.com/hook")),
        ("auth_token", s("tok-123")),
        (
            "headers",
            Value::Tuple(vec![obj(&[
                ("key", s("Authorization")),
                ("secure", Value::Bool(true)),
            ])]),
        ),
    ]);
    let d = validate(&data("webhook", unset));
    assert_eq!(summaries(&d), ["Missing value of config.headers[0]"]);
}

#[test]
fn secrets_are_stored_as_null() {
    let ty = catalog::find("splunk").unwrap();
    let written = obj(&[
        ("url", s("https://splunk.example.com")),
        ("auth_token", s("tok")),
    ]);
    let kept = without_secrets(ty, &written);
    assert_eq!(kept.get("auth_token"), &Value::Null);
    assert_eq!(kept.get("url"), &s("https://splunk.example.com"));
    assert!(kept.as_object().unwrap().contains_key("auth_token"));
}

#[test]
fn schema_marks_config_sensitive() {
    let schema = schema();
    let config = schema.block.attribute("config").unwrap();
    assert!(config.sensitive && !config.write_only);
    assert_eq!(config.value_type(), Type::Dynamic);
    for a in &schema.block.attributes {
        assert!(!a.description.is_empty(), "{}", a.name);
    }
}
