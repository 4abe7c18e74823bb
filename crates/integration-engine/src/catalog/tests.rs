//! The naming rule and the catalog lint.

use super::*;
use crate::testing::{CATALOG, DEMO};

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
        ("service_account_json", "service_account_json"),
    ] {
        assert_eq!(snake_case(key), attr, "{key}");
    }
}

#[test]
fn a_sound_catalog_has_no_problem() {
    assert_eq!(lint(&CATALOG), Vec::<String>::new());
    assert_eq!(CATALOG.resource_name(CATALOG.types[0]), "demo_sync_hook");
    assert_eq!(CATALOG.find_wire("hook").map(|t| t.name), Some("hook"));
}

static CLASHING: IntegrationType = IntegrationType {
    name: "Bad-Name",
    wire_type: "HOOK",
    title: "",
    summary: "x",
    fields: &[
        Field::required("name", Kind::String, "Clashes with the frame."),
        Field::required("token", Kind::Integer, "A secret that is a number.").secret(),
        Field::required(
            "tokenWo",
            Kind::String,
            "Clashes with token's write-only form.",
        ),
        Field::required("level", Kind::String, "x").checked(&[Check::OneOfInteger(&[1])]),
        Field::defaulted(
            "size",
            Kind::Integer,
            DefaultValue::Integer(9),
            "A default outside its range.",
        )
        .checked(&[Check::IntegerRange(1, 5)]),
    ],
    rules: &[Rule::Together(&["level", "missing"])],
    testable: true,
    notes: &[],
};

static BAD: Catalog = Catalog {
    types: &[&crate::testing::HOOK, &CLASHING],
    ..DEMO
};

#[test]
fn the_lint_names_each_problem() {
    let problems = lint(&BAD).join("\n");
    for expected in [
        "type Bad-Name is not snake_case",
        "Bad-Name: title or summary is empty",
        "Bad-Name: attribute name clashes",
        "Bad-Name.token: a secret must be a string or JSON text",
        "Bad-Name: attribute token_wo clashes",
        "Bad-Name.level: OneOfInteger([1]) does not fit String",
        "Bad-Name.size: the default is outside its checks",
        "Bad-Name: a rule names unknown key missing",
        "Bad-Name: level in Together([\"level\", \"missing\"]) is always required",
        "wire type HOOK appears twice",
    ] {
        assert!(
            problems.contains(expected),
            "{expected:?} not in:\n{problems}"
        );
    }
}
