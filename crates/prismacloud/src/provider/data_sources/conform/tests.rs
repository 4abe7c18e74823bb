use super::*;
use crate::catalog;
use crate::provider::fixtures::{obj, s};
use tfplugin::diag::Diagnostic;

/// The shaped config and the diagnostics, for `config` of type `ty`.
fn shape(ty: &str, config: Value) -> (Value, Vec<Diagnostic>) {
    let mut d = Diagnostics::new();
    let v = config_object(
        catalog::find(ty).unwrap(),
        &config,
        &AttributePath::root("config"),
        &mut d,
    );
    (v, d.0)
}

fn paths(d: &[Diagnostic]) -> Vec<String> {
    d.iter()
        .map(|d| d.attribute.as_ref().unwrap().to_string())
        .collect()
}

#[test]
fn hcl_shapes_become_resource_types() {
    // A list literal is a tuple, an object literal an object: as Terraform sends dynamic values.
    let (v, d) = shape(
        "service_now",
        obj(&[
            ("host_url", s("snow.example.com")),
            ("login", s("svc")),
            ("password", s("pw")),
            ("tables", Value::Tuple(vec![s("incident"), s("em_event")])),
        ]),
    );
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(
        v.get("tables"),
        &Value::Set(vec![s("incident"), s("em_event")])
    );
    assert_eq!(v.get("password"), &s("pw"));

    let (v, d) = shape(
        "webhook",
        obj(&[
            ("url", s("https://example.com/hook")),
            ("auth_token", s("t")),
            ("is_custom_payload_enabled", s("true")),
            ("custom_payloads", obj(&[("CS", s("[{}]"))])),
        ]),
    );
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(v.get("is_custom_payload_enabled"), &Value::Bool(true));
    assert_eq!(
        v.get("custom_payloads"),
        &Value::Map([("CS".to_string(), s("[{}]"))].into())
    );

    let (v, d) = shape("aws_s3", obj(&[("roll_up_interval", s("30"))]));
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(v.get("roll_up_interval"), &Value::int(30));
}

#[test]
fn nested_objects_fill_missing_keys_and_name_unknown_ones() {
    let region = obj(&[
        ("name", s("Virginia")),
        ("api_identifer", s("us-east-1")),
        ("cloud_type", s("aws")),
        ("sdk_id", s("us-east-1")),
        ("enabled", Value::Bool(true)),
    ]);
    let (v, d) = shape(
        "aws_security_hub",
        obj(&[
            ("account_id", s("123")),
            ("regions", Value::Tuple(vec![region])),
        ]),
    );
    assert_eq!(paths(&d), ["config.regions[0].api_identifer"]);
    assert!(
        d[0].detail.contains("Did you mean \"api_identifier\"?"),
        "{}",
        d[0].detail
    );
    let first = &v.get("regions").as_elements().unwrap()[0];
    assert_eq!(first.get("api_identifier"), &Value::Null);
    assert_eq!(first.get("name"), &s("Virginia"));
}

#[test]
fn unknown_keys_and_write_only_forms_are_refused_with_a_hint() {
    let (_, d) = shape(
        "slack",
        obj(&[
            ("webhook_ur", s("https://hooks.slack.com/x")),
            ("webhook_url_wo", s("https://hooks.slack.com/x")),
            ("webhook_url_wo_version", Value::int(1)),
            ("name", s("alerts")),
        ]),
    );
    assert_eq!(
        paths(&d),
        [
            "config.name",
            "config.webhook_ur",
            "config.webhook_url_wo",
            "config.webhook_url_wo_version"
        ]
    );
    assert!(d[1].summary.contains("config.webhook_ur"), "{:?}", d[1]);
    assert!(
        d[1].detail.contains("Did you mean \"webhook_url\"?"),
        "{}",
        d[1].detail
    );
    assert!(
        d[1].detail.contains("prismacloud_integration_slack"),
        "{}",
        d[1].detail
    );
    assert!(
        d[2].detail.contains("set webhook_url instead"),
        "{}",
        d[2].detail
    );
    assert!(
        d[3].detail.contains("set webhook_url instead"),
        "{}",
        d[3].detail
    );
    assert!(
        d[0].detail.contains("not part of what is tested"),
        "{}",
        d[0].detail
    );
    for diag in &d {
        assert!(!diag.detail.contains("hooks.slack.com/x"), "{diag:?}");
    }
}

#[test]
fn wrong_types_name_the_key_and_never_quote_the_value() {
    let (v, d) = shape(
        "aws_s3",
        obj(&[
            ("roll_up_interval", s("often")),
            ("region", Value::Tuple(vec![s("us-east-1")])),
        ]),
    );
    assert_eq!(paths(&d), ["config.region", "config.roll_up_interval"]);
    assert_eq!(
        d[1].detail,
        "config.roll_up_interval must be a number; got a string."
    );
    assert_eq!(d[0].detail, "config.region must be a string; got a list.");
    // Unconvertible values become unknown, so validation does not report them again.
    assert_eq!(v.get("roll_up_interval"), &Value::Unknown);

    let (_, d) = shape("slack", obj(&[("webhook_url", obj(&[("a", s("tok"))]))]));
    assert_eq!(
        d[0].detail,
        "config.webhook_url must be a string; got an object."
    );

    let (v, d) = shape("slack", s("https://hooks.slack.com/x"));
    assert_eq!(paths(&d), ["config"]);
    assert!(!d[0].detail.contains("hooks.slack.com"), "{}", d[0].detail);
    assert_eq!(v, Value::Unknown);
}

#[test]
fn unknown_values_are_never_errors() {
    let (v, d) = shape("slack", Value::Unknown);
    assert!(d.is_empty());
    assert_eq!(v, Value::Unknown);
    let (v, d) = shape(
        "service_now",
        obj(&[
            ("host_url", Value::Unknown),
            ("tables", Value::Tuple(vec![Value::Unknown])),
        ]),
    );
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(v.get("host_url"), &Value::Unknown);
    assert_eq!(v.get("tables"), &Value::Set(vec![Value::Unknown]));
    let (_, d) = shape("slack", Value::Null);
    assert!(
        d.is_empty(),
        "Terraform itself reports a missing required argument"
    );
}
