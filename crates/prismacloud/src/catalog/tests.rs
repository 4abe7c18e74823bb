//! Walks the whole catalog and fails on anything a derivation could get wrong silently.

use std::collections::BTreeSet;

use super::*;

/// Attribute names every integration resource has besides its configuration keys.
const COMMON: &[&str] = &[
    "id",
    "name",
    "description",
    "enabled",
    "created_by",
    "created_ts",
    "last_modified_by",
    "last_modified_ts",
    "status",
    "valid",
    "reason",
];

fn is_snake_case(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !s.contains("__")
        && !s.ends_with('_')
}

fn walk(fields: &'static [Field], out: &mut Vec<&'static Field>) {
    for f in fields {
        out.push(f);
        if let Kind::Object(inner) | Kind::ObjectList(inner) = f.kind {
            walk(inner, out);
        }
    }
}

#[test]
fn snake_case_follows_the_documented_examples() {
    for (key, attr) in [
        ("webhookUrl", "webhook_url"),
        ("hostUrl", "host_url"),
        ("apiKeyID", "api_key_id"),
        ("s3Uri", "s3_uri"),
        ("isCustomPayloadEnabled", "is_custom_payload_enabled"),
        ("url", "url"),
        ("HTTPServer", "http_server"),
    ] {
        assert_eq!(snake_case(key), attr, "{key}");
    }
}

#[test]
fn every_documented_type_is_there_once() {
    let names: Vec<&str> = ALL.iter().map(|t| t.name).collect();
    let unique: BTreeSet<&str> = names.iter().copied().collect();
    assert_eq!(names.len(), unique.len(), "duplicate type in {names:?}");
    let documented = [
        "aws_security_hub",
        "aws_sdl",
        "aws_s3",
        "amazon_sqs",
        "azure_service_bus_queue",
        "demisto",
        "google_cscc",
        "microsoft_teams",
        "okta",
        "pager_duty",
        "qualys",
        "service_now",
        "slack",
        "snowflake",
        "splunk",
        "tenable",
        "webhook",
    ];
    assert_eq!(unique, documented.into_iter().collect::<BTreeSet<_>>());
    assert!(find("slack").is_some() && find("nope").is_none());
}

#[test]
fn names_are_unique_snake_case_and_documented() {
    for t in ALL {
        assert!(is_snake_case(t.name), "{}", t.name);
        assert!(
            !t.title.is_empty() && !t.summary.is_empty(),
            "{}: title/summary",
            t.name
        );
        let mut seen: BTreeSet<String> = COMMON.iter().map(|s| s.to_string()).collect();
        for f in t.fields {
            let attr = f.attribute();
            assert!(is_snake_case(&attr), "{}.{} -> {attr}", t.name, f.key);
            assert!(
                seen.insert(attr.clone()),
                "{}: attribute {attr} clashes",
                t.name
            );
            if f.secret {
                for extra in [format!("{attr}_wo"), format!("{attr}_wo_version")] {
                    assert!(seen.insert(extra.clone()), "{}: {extra} clashes", t.name);
                }
            }
        }
        let mut all = Vec::new();
        walk(t.fields, &mut all);
        for f in all {
            assert!(
                f.description.trim().len() > 3,
                "{}.{}: no description",
                t.name,
                f.key
            );
            assert!(
                f.key.chars().all(|c| c.is_ascii_alphanumeric()),
                "{}.{}",
                t.name,
                f.key
            );
        }
    }
}

#[test]
fn nested_field_names_are_unique_and_plain() {
    for t in ALL {
        let mut all = Vec::new();
        walk(t.fields, &mut all);
        for f in all {
            if let Kind::Object(inner) | Kind::ObjectList(inner) = f.kind {
                let names: BTreeSet<String> = inner.iter().map(Field::attribute).collect();
                assert_eq!(names.len(), inner.len(), "{}.{}", t.name, f.key);
                for n in inner {
                    assert!(
                        !n.secret,
                        "{}.{}.{}: nested secrets are not supported",
                        t.name, f.key, n.key
                    );
                    assert!(
                        n.default().is_none(),
                        "{}.{}.{}: nested defaults are not supported",
                        t.name,
                        f.key,
                        n.key
                    );
                }
            }
        }
    }
}

#[test]
fn secrets_are_top_level_strings() {
    for t in ALL {
        for f in t.fields.iter().filter(|f| f.secret) {
            assert!(matches!(f.kind, Kind::String), "{}.{}", t.name, f.key);
            assert!(f.default().is_none(), "{}.{}", t.name, f.key);
        }
    }
}

#[test]
fn checks_and_defaults_fit_their_kind() {
    for t in ALL {
        let mut all = Vec::new();
        walk(t.fields, &mut all);
        for f in all {
            for c in f.checks {
                let ok = match c {
                    Check::OneOfInteger(v) => matches!(f.kind, Kind::Integer) && !v.is_empty(),
                    Check::OneOf(v) => matches!(f.kind, Kind::String) && !v.is_empty(),
                    _ => matches!(f.kind, Kind::String),
                };
                assert!(ok, "{}.{}: {c:?} does not fit {:?}", t.name, f.key, f.kind);
            }
            if let Some(d) = f.default() {
                let ok = matches!(
                    (&f.kind, d),
                    (Kind::Bool, DefaultValue::Bool(_))
                        | (Kind::Integer, DefaultValue::Integer(_))
                        | (Kind::String, DefaultValue::String(_))
                );
                assert!(
                    ok,
                    "{}.{}: default {d:?} does not fit {:?}",
                    t.name, f.key, f.kind
                );
                if let (Some(Check::OneOfInteger(allowed)), DefaultValue::Integer(i)) =
                    (f.checks.first(), d)
                {
                    assert!(
                        allowed.contains(&i),
                        "{}.{}: default outside its enum",
                        t.name,
                        f.key
                    );
                }
            }
            if let Kind::Flags(names) = f.kind {
                assert!(!names.is_empty(), "{}.{}", t.name, f.key);
            }
        }
    }
}

#[test]
fn rules_name_existing_keys_of_fitting_kinds() {
    for t in ALL {
        let exists = |k: &str| {
            assert!(
                t.field(k).is_some(),
                "{}: rule names unknown key {k}",
                t.name
            );
        };
        for r in t.rules {
            match r {
                Rule::RequiredWhenEquals { field, other, .. } => {
                    exists(field);
                    exists(other);
                    assert!(
                        !t.field(field).unwrap().is_required(),
                        "{}: {field} is always required",
                        t.name
                    );
                }
                Rule::RequiredWhenTrue { field, flag } => {
                    exists(field);
                    assert!(
                        matches!(t.field(flag).map(|f| &f.kind), Some(Kind::Bool)),
                        "{}: {flag}",
                        t.name
                    );
                }
                Rule::Together(keys) | Rule::ExactlyOne(keys) => {
                    assert!(keys.len() >= 2, "{}: {r:?}", t.name);
                    keys.iter().for_each(|k| exists(k));
                    for k in *keys {
                        assert!(
                            !t.field(k).unwrap().is_required(),
                            "{}: {k} in {r:?} is always required",
                            t.name
                        );
                    }
                }
                Rule::Exclusive(a, b) => a.iter().chain(b.iter()).for_each(|k| exists(k)),
            }
        }
    }
}

#[test]
fn documented_mutability_and_defaults() {
    let immutable = |ty: &str| -> BTreeSet<&str> {
        find(ty)
            .unwrap()
            .fields
            .iter()
            .filter(|f| f.mutability == Mutability::ForcesReplacement)
            .map(|f| f.key)
            .collect()
    };
    assert_eq!(immutable("service_now"), ["hostUrl"].into());
    for ty in ["amazon_sqs", "azure_service_bus_queue"] {
        let t = find(ty).unwrap();
        let others: BTreeSet<&str> = t
            .fields
            .iter()
            .map(|f| f.key)
            .filter(|k| *k != "queueUrl")
            .collect();
        assert_eq!(immutable(ty), others, "{ty}");
    }
    for t in ALL {
        if !["service_now", "amazon_sqs", "azure_service_bus_queue"].contains(&t.name) {
            assert!(immutable(t.name).is_empty(), "{}", t.name);
        }
    }
    let default = |ty: &str, key: &str| find(ty).unwrap().field(key).unwrap().default();
    assert_eq!(
        default("aws_s3", "rollUpInterval"),
        Some(DefaultValue::Integer(60))
    );
    assert_eq!(
        default("snowflake", "rollUpInterval"),
        Some(DefaultValue::Integer(60))
    );
    assert_eq!(
        default("splunk", "sourceType"),
        Some(DefaultValue::String("_json"))
    );
    assert_eq!(
        default("amazon_sqs", "moreInfo"),
        Some(DefaultValue::Bool(false))
    );
    assert_eq!(
        default("webhook", "isCustomPayloadEnabled"),
        Some(DefaultValue::Bool(false))
    );
    assert!(!find("demisto").unwrap().testable);
    assert!(ALL.iter().filter(|t| !t.testable).count() == 1);
}
