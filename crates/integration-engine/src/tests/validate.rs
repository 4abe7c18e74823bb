//! Plan-time checks of the kinds and checks no platform's tests exercise, and of the address
//! checks (hosts, URLs, regions), each on a key of its own.

use tfplugin::diag::{AttributePath, Diagnostics, Severity};
use tfplugin::value::Value;

use super::{located, obj};
use crate::catalog::{Check, Field, Kind};
use crate::testing::{CATALOG, HOOK, KEYFILE};
use crate::validate::{validate_config, validate_frame};

fn problems(
    ty: &crate::catalog::IntegrationType,
    config: Value,
) -> Vec<(Severity, String, String)> {
    let mut d = Diagnostics::new();
    validate_frame(&CATALOG, &config, &mut d);
    validate_config(ty, &config, &AttributePath::default(), &mut d);
    located(&d)
}

const KEY: &str =
    r#"{"client_email":"svc@p.iam","private_key":"-----BEGIN PRIVATE KEY-----\nSECRETMATERIAL"}"#;

#[test]
fn a_key_file_needs_its_keys_and_is_never_quoted() {
    let ok = obj(&[
        ("name", Value::string("keys")),
        ("key_json", Value::string(KEY)),
    ]);
    assert!(problems(&KEYFILE, ok).is_empty());

    let no_email = r#"{"private_key":"SECRETMATERIAL"}"#;
    let found = problems(
        &KEYFILE,
        obj(&[
            ("name", Value::string("keys")),
            ("key_json_wo", Value::string(no_email)),
        ]),
    );
    assert_eq!(found.len(), 1, "{found:?}");
    let (severity, at, detail) = &found[0];
    assert_eq!((*severity, at.as_str()), (Severity::Error, "key_json_wo"));
    assert!(detail.contains("\"client_email\""), "{detail}");
    assert!(!detail.contains("SECRETMATERIAL"), "{detail}");

    let broken = problems(
        &KEYFILE,
        obj(&[
            ("name", Value::string("keys")),
            ("key_json", Value::string("{SECRETMATERIAL")),
        ]),
    );
    assert!(broken[0].2.contains("is not valid JSON"), "{broken:?}");
    assert!(!broken[0].2.contains("SECRETMATERIAL"), "{broken:?}");
}

#[test]
fn sets_emails_ranges_names_and_plain_http() {
    let config = obj(&[
        ("name", Value::string("h")),
        ("url", Value::string("http://receiver.example.com/in")),
        ("token", Value::string("t0ken")),
        (
            "events",
            Value::Set(vec![Value::string("created"), Value::string("renamed")]),
        ),
        ("owner", Value::string("not-an-email")),
        ("timeout_seconds", Value::int(90)),
    ]);
    let found = problems(&HOOK, config);
    let at = |name: &str| {
        found
            .iter()
            .find(|(_, a, _)| a == name)
            .unwrap_or_else(|| panic!("no problem at {name}: {found:?}"))
    };
    assert!(at("name").2.contains("3 to 50 characters"));
    assert_eq!(at("url").0, Severity::Warning, "plain http:// is a warning");
    assert!(at("events").2.contains("\"renamed\""));
    assert!(at("owner").2.contains("e-mail address"));
    assert!(at("timeout_seconds").2.contains("from 1 to 60"));
    assert_eq!(found.len(), 5, "{found:?}");
}

/// A type with one field per address check, each optional so that a test sets only its own.
static ADDRESSES: crate::catalog::IntegrationType = crate::catalog::IntegrationType {
    name: "addresses",
    wire_type: "ADDRESSES",
    title: "Addresses",
    summary: "Holds one key per address check.",
    fields: &[
        Field::optional("server", Kind::String, "A host.").checked(&[Check::Host]),
        Field::optional("serverKey", Kind::String, "A host that is a secret.")
            .secret()
            .checked(&[Check::Host]),
        Field::optional("endpoint", Kind::String, "A host or a URL.").checked(&[Check::HostOrUrl]),
        Field::optional("region", Kind::String, "An AWS region.").checked(&[Check::AwsRegion]),
    ],
    rules: &[],
    testable: true,
    notes: &[],
};

/// (severity, detail) of every diagnostic `ADDRESSES` gives `attr = value`.
fn address_problems(attr: &str, value: &str) -> Vec<(Severity, String)> {
    let mut d = Diagnostics::new();
    let config = obj(&[(attr, Value::string(value))]);
    validate_config(&ADDRESSES, &config, &AttributePath::default(), &mut d);
    d.iter()
        .inspect(|d| assert_eq!(d.attribute, Some(AttributePath::root(attr))))
        .map(|d| (d.severity, d.detail.clone()))
        .collect()
}

/// The detail of the one error `attr = value` gives.
fn only_error(attr: &str, value: &str) -> String {
    let found = address_problems(attr, value);
    assert_eq!(found.len(), 1, "{value:?}: {found:?}");
    assert_eq!(found[0].0, Severity::Error, "{value:?}");
    found[0].1.clone()
}

/// Each of `values` gives `attr` one error, whose detail starts with `start`.
fn refused(attr: &str, values: &[&str], start: &str) {
    for value in values {
        let detail = only_error(attr, value);
        assert!(detail.starts_with(start), "{value:?}: {detail}");
    }
}

#[test]
fn a_host_is_a_name_or_an_address_with_an_optional_port_and_path() {
    for ok in [
        "qualysapi.qualys.com",
        "xsoar",
        "example.okta.com.",
        "10.0.0.5:8443",
        "[2001:db8::1]:443",
        "dev12345.service-now.com/api",
        "b\u{fc}cher.example",
    ] {
        assert_eq!(address_problems("server", ok), [], "{ok}");
    }
    for (bad, why) in [
        ("https://qualysapi.qualys.com", "remove it from \"https://"),
        ("ftp://files.example.com", "without a scheme"),
        (
            "not a url at all",
            "host name or IP address such as example.com",
        ),
        ("", "is not one"),
        ("-bad-.example.com", "is not one"),
        ("under_score.example.com", "is not one"),
        ("user@host.example.com", "is not one"),
        ("host.example.com?x=1", "is not one"),
        ("host.example.com:99999", "is not one"),
    ] {
        let detail = only_error("server", bad);
        assert!(detail.starts_with("server "), "{detail}");
        assert!(detail.contains(why), "{bad:?}: {detail}");
    }
    // A secret's value is never repeated.
    let detail = only_error("server_key", "https://T0KEN.example.com");
    assert!(!detail.contains("T0KEN"), "{detail}");
}

#[test]
fn a_host_or_url_takes_either_form_and_warns_about_plain_http() {
    for ok in [
        "dev12345.service-now.com",
        "10.0.0.5:8443",
        "https://dev12345.service-now.com",
        "https://xsoar.example.com:8443/api",
    ] {
        assert_eq!(address_problems("endpoint", ok), [], "{ok}");
    }
    let plain = address_problems("endpoint", "http://xsoar.internal.example");
    assert_eq!(plain.len(), 1, "{plain:?}");
    assert_eq!(plain[0].0, Severity::Warning);
    assert!(plain[0].1.contains("unencrypted"), "{plain:?}");
    refused(
        "endpoint",
        &[
            "not a url at all",
            "https://not a url at all",
            "ftp://files.example.com",
            "https://",
            "under_score.example.com",
        ],
        "endpoint must be a host name or IP address (optionally with :port and a path), or an \
         absolute https:// URL",
    );
}

#[test]
fn an_aws_region_is_a_code_and_a_zone_names_its_region() {
    for ok in [
        "us-east-1",
        "eu-west-3",
        "ap-southeast-2",
        "us-gov-west-1",
        "cn-northwest-1",
        "us-isob-east-1",
        "eusc-de-east-1",
        "il-central-1",
    ] {
        assert_eq!(address_problems("region", ok), [], "{ok}");
    }
    refused(
        "region",
        &[
            "US East (N. Virginia)",
            "US-EAST-1",
            "useast1",
            "us-east",
            "east-1",
            "us-east-123",
            "us--east-1",
            "",
        ],
        "region must be an AWS region code such as us-east-1",
    );
    let zone = address_problems("region", "eu-west-1b");
    assert_eq!(
        zone,
        [(
            Severity::Error,
            "region takes a region, and \"eu-west-1b\" is an availability zone: use its region, \
             eu-west-1."
                .to_string()
        )]
    );
}

#[test]
fn a_key_files_type_must_be_the_expected_one_and_is_never_quoted() {
    let with_type = |ty: &str| {
        format!(r#"{{"client_email":"svc@p.iam","private_key":"SECRETMATERIAL","type":{ty}}}"#)
    };
    let config = |text: String| {
        obj(&[
            ("name", Value::string("keys")),
            ("key_json", Value::string(text)),
        ])
    };
    assert!(problems(&KEYFILE, config(with_type("\"service_account\""))).is_empty());
    for wrong in ["\"authorized_user\"", "42", "\"SECRETMATERIAL\""] {
        let found = problems(&KEYFILE, config(with_type(wrong)));
        assert_eq!(found.len(), 1, "{found:?}");
        let (_, at, detail) = &found[0];
        assert_eq!(at, "key_json");
        assert!(
            detail.contains("\"type\" key must be \"service_account\""),
            "{detail}"
        );
        assert!(!detail.contains("SECRETMATERIAL") && !detail.contains("authorized_user"));
    }
}
