//! Plan-time checks of the kinds and checks the Prisma Cloud catalog does not use.

use tfplugin::diag::{AttributePath, Diagnostics, Severity};
use tfplugin::value::Value;

use super::obj;
use crate::testing::{CATALOG, HOOK, KEYFILE};
use crate::validate::{validate_config, validate_frame};

fn problems(
    ty: &crate::catalog::IntegrationType,
    config: Value,
) -> Vec<(Severity, String, String)> {
    let mut d = Diagnostics::new();
    validate_frame(&CATALOG, &config, &mut d);
    validate_config(ty, &config, &AttributePath::default(), &mut d);
    d.iter()
        .map(|d| {
            let at = d
                .attribute
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default();
            (d.severity, at, d.detail.clone())
        })
        .collect()
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
