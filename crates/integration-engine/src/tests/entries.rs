//! Lists of entries whose value is secret when the entry says so ([`Kind::Entries`]), on the
//! demo relay's `variables`: the schema, the wire mapping both ways, which values a request
//! carries, state from answers, validation, plans, generated configuration and the lint.

use secrecy::ExposeSecret;
use serde_json::{Map, Value as Json, json};
use tfplugin::diag::{AttributePath, Diagnostics};
use tfplugin::provider::PlanRequest;
use tfplugin::schema::{AttributeType, Presence};
use tfplugin::value::{Type, Value};

use super::{full, located, obj};
use crate::api::Integration;
use crate::catalog::{
    Catalog, DefaultValue, Entries, Field, IntegrationType, Kind, SecretsOnUpdate, lint,
};
use crate::convert::{from_wire, to_wire};
use crate::generate::generate;
use crate::plan::plan;
use crate::schema::resource_schema;
use crate::state::{integration_request, secret_values, state_from_api};
use crate::testing::{CATALOG, DEMO, RELAY};
use crate::validate::{UnsetSecrets, validate_config_with, validate_new_secret_entries};

fn variables() -> &'static Field {
    RELAY.field("variables").expect("the relay's variables")
}

/// One entry as Terraform holds it after a plan (defaults filled in).
fn var(name: &str, value: Option<&str>, sensitive: bool) -> Value {
    obj(&[
        ("name", Value::string(name)),
        ("value", value.map_or(Value::Null, Value::string)),
        ("sensitive", Value::Bool(sensitive)),
        ("pinned", Value::Bool(false)),
    ])
}

fn map(pairs: &[(&str, &str)]) -> Value {
    Value::Map(
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), Value::string(*v)))
            .collect(),
    )
}

/// A relay's state or configuration: `variables`, then the other attributes given.
fn relay(list: Vec<Value>, more: &[(&str, Value)]) -> Value {
    let schema = resource_schema(&CATALOG, &RELAY);
    let mut pairs = vec![
        ("name", Value::string("relay one")),
        ("target", Value::string("https://relay.example.com")),
        ("variables", Value::List(list)),
    ];
    pairs.extend(more.iter().cloned());
    full(&schema, &pairs)
}

#[test]
fn the_list_is_plain_and_its_secret_values_are_a_sensitive_triplet() {
    let schema = resource_schema(&CATALOG, &RELAY);
    let attr = |name: &str| {
        schema
            .block
            .attribute(name)
            .unwrap_or_else(|| panic!("no {name}"))
    };
    let list = attr("variables");
    assert!(!list.sensitive && list.presence == Presence::Optional);
    let AttributeType::Nested { attributes, .. } = &list.ty else {
        panic!("a nested list");
    };
    let nested = |name: &str| attributes.iter().find(|a| a.name == name).unwrap();
    assert_eq!(nested("name").presence, Presence::Required);
    assert_eq!(nested("value").presence, Presence::Optional);
    // Defaults of entries are filled in by the plan, as top-level ones.
    assert_eq!(nested("sensitive").presence, Presence::OptionalComputed);
    assert!(nested("pinned").description.contains("Defaults to `false`"));
    assert!(
        list.description.contains("`sensitive_values`"),
        "{}",
        list.description
    );

    let values = attr("sensitive_values");
    assert!(values.sensitive && !values.write_only);
    assert_eq!(values.value_type(), Type::map(Type::String));
    assert!(
        values
            .description
            .starts_with("Values of the sensitive variables.")
    );
    let write_only = attr("sensitive_values_wo");
    assert!(write_only.sensitive && write_only.write_only);
    assert_eq!(write_only.value_type(), Type::map(Type::String));
    assert_eq!(
        attr("sensitive_values_wo_version").value_type(),
        Type::Number
    );
}

#[test]
fn a_secret_entry_is_read_without_its_value_and_written_without_it() {
    let answer = json!([
        {"name": "REGION", "value": "eu"},
        {"name": "TOKEN", "value": "*****", "sensitive": true, "pinned": true},
        {"name": "KEY", "sensitive": true},
    ]);
    let read = from_wire(variables(), Some(&answer));
    let mut pinned = var("TOKEN", None, true);
    if let Value::Object(m) = &mut pinned {
        m.insert("pinned".into(), Value::Bool(true));
    }
    assert_eq!(
        read,
        Value::List(vec![
            var("REGION", Some("eu"), false),
            pinned,
            var("KEY", None, true),
        ])
    );
    // Written back: every key, and no value for the secret entries.
    assert_eq!(
        to_wire(variables(), &read),
        Some(json!([
            {"name": "REGION", "value": "eu", "sensitive": false, "pinned": false},
            {"name": "TOKEN", "sensitive": true, "pinned": true},
            {"name": "KEY", "sensitive": true, "pinned": false},
        ]))
    );
}

/// What a request for `planned` carries: the variables, and the secret values by pointer.
fn request(
    catalog: &Catalog,
    planned: &Value,
    config: &Value,
    prior: &Value,
) -> (Json, Vec<(String, String)>) {
    let r = integration_request(catalog, &RELAY, planned, config, prior);
    let secrets = r
        .secrets
        .iter()
        .map(|(k, v)| (k.clone(), v.text.expose_secret().to_owned()))
        .collect();
    (r.config["variables"].clone(), secrets)
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn a_request_carries_each_secret_value_at_its_entry_when_it_must_be_sent() {
    let list = vec![var("REGION", Some("eu"), false), var("TOKEN", None, true)];
    let planned = relay(
        list.clone(),
        &[("sensitive_values", map(&[("TOKEN", "t1")]))],
    );
    let none = Value::Null;

    // Create: the entry without its value, the value by pointer.
    let (wire, secrets) = request(&CATALOG, &planned, &planned, &none);
    assert_eq!(
        wire[1],
        json!({"name": "TOKEN", "sensitive": true, "pinned": false})
    );
    assert_eq!(secrets, pairs(&[("/variables/1/value", "t1")]));

    // An update sends the kept value again (KeptAndRotated), or only a changed one (Changed).
    assert_eq!(request(&CATALOG, &planned, &planned, &planned).1, secrets);
    let changed = Catalog {
        secrets_on_update: SecretsOnUpdate::Changed,
        ..DEMO
    };
    assert!(request(&changed, &planned, &planned, &planned).1.is_empty());
    let rotated = relay(
        list.clone(),
        &[("sensitive_values", map(&[("TOKEN", "t2")]))],
    );
    assert_eq!(
        request(&changed, &rotated, &rotated, &planned).1,
        pairs(&[("/variables/1/value", "t2")])
    );

    // The write-only form: sent on create and when its version changes; otherwise the entry
    // goes without its value and the API keeps the stored one...
    let wo = |version: i64| {
        relay(
            list.clone(),
            &[("sensitive_values_wo_version", Value::int(version))],
        )
    };
    let config = |version: i64| {
        relay(
            list.clone(),
            &[
                ("sensitive_values_wo", map(&[("TOKEN", "w1")])),
                ("sensitive_values_wo_version", Value::int(version)),
            ],
        )
    };
    assert_eq!(
        request(&CATALOG, &wo(1), &config(1), &none).1,
        pairs(&[("/variables/1/value", "w1")])
    );
    assert!(request(&CATALOG, &wo(1), &config(1), &wo(1)).1.is_empty());
    assert_eq!(
        request(&CATALOG, &wo(2), &config(2), &wo(1)).1,
        pairs(&[("/variables/1/value", "w1")])
    );
    // ...unless the entry is new to the integration: there is nothing stored to keep.
    let before = relay(
        vec![var("REGION", Some("eu"), false)],
        &[("sensitive_values_wo_version", Value::int(1))],
    );
    assert_eq!(
        request(&CATALOG, &wo(1), &config(1), &before).1,
        pairs(&[("/variables/1/value", "w1")])
    );

    // Neither form: every secret entry goes without its value (an imported integration).
    let unset = relay(list.clone(), &[]);
    let (wire, secrets) = request(&CATALOG, &unset, &unset, &unset);
    assert!(secrets.is_empty());
    assert_eq!(
        wire[1],
        json!({"name": "TOKEN", "sensitive": true, "pinned": false})
    );

    // Both forms' values are scrubbed from error texts.
    let texts: Vec<String> = secret_values(&RELAY, &[&planned, &config(1)])
        .iter()
        .map(|s| s.expose_secret().to_owned())
        .collect();
    assert_eq!(texts, ["t1", "w1"]);
}

#[test]
fn state_keeps_the_configured_values_and_never_a_mask() {
    let prior = relay(
        vec![var("TOKEN", None, true)],
        &[("sensitive_values", map(&[("TOKEN", "t1")]))],
    );
    let mut config = Map::new();
    config.insert("target".into(), json!("https://relay.example.com"));
    config.insert(
        "variables".into(),
        json!([{"name": "TOKEN", "value": "*****", "sensitive": true, "pinned": false}]),
    );
    let mut attributes = Map::new();
    attributes.insert("name".into(), json!("relay one"));
    let answer = Integration {
        id: "id-1".into(),
        integration_type: "RELAY".into(),
        attributes,
        config,
    };
    let state = state_from_api(&CATALOG, &RELAY, &answer, &prior);
    assert_eq!(state.get("variables"), prior.get("variables"));
    assert_eq!(state.get("sensitive_values"), &map(&[("TOKEN", "t1")]));
    assert_eq!(state.get("sensitive_values_wo"), &Value::Null);
    // Imported: the list as the API has it, no value known.
    let imported = state_from_api(&CATALOG, &RELAY, &answer, &Value::Null);
    assert_eq!(imported.get("variables"), prior.get("variables"));
    assert_eq!(imported.get("sensitive_values"), &Value::Null);
}

fn problems(config: &Value, unset: UnsetSecrets) -> Vec<(String, String)> {
    let mut d = Diagnostics::new();
    validate_config_with(&RELAY, config, &AttributePath::default(), unset, &mut d);
    located(&d)
        .into_iter()
        .map(|(_, at, detail)| (at, detail))
        .collect()
}

/// An entry as configuration has it: only what is written.
fn written(pairs: &[(&str, Value)]) -> Value {
    let mut entry = obj(&[
        ("name", Value::Null),
        ("value", Value::Null),
        ("sensitive", Value::Null),
        ("pinned", Value::Null),
    ]);
    if let Value::Object(m) = &mut entry {
        for (k, v) in pairs {
            m.insert(k.to_string(), v.clone());
        }
    }
    entry
}

/// A secret entry as configuration has it: its name and the flag.
fn written_secret(name: &str) -> Value {
    written(&[
        ("name", Value::string(name)),
        ("sensitive", Value::Bool(true)),
    ])
}

#[test]
fn validation_keeps_secret_values_out_of_the_list_and_never_quotes_them() {
    let secret = || written_secret("TOKEN");
    let ok = relay(
        vec![secret()],
        &[("sensitive_values", map(&[("TOKEN", "t1")]))],
    );
    assert!(problems(&ok, UnsetSecrets::Missing).is_empty());

    // Unset: missing when creating, kept by an existing integration.
    let unset = relay(vec![secret()], &[]);
    let found = problems(&unset, UnsetSecrets::Missing);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "sensitive_values");
    assert!(
        found[0]
            .1
            .contains("variables[0] (\"TOKEN\") has sensitive = true"),
        "{found:?}"
    );
    assert!(problems(&unset, UnsetSecrets::MaybeKept).is_empty());

    let bad = relay(
        vec![
            written(&[("name", Value::string("REGION"))]),
            written(&[
                ("name", Value::string("TOKEN")),
                ("value", Value::string("leaked-1")),
                ("sensitive", Value::Bool(true)),
            ]),
            written(&[
                ("name", Value::string("PLAIN")),
                ("value", Value::string("p")),
            ]),
            written_secret("TOKEN"),
        ],
        &[(
            "sensitive_values_wo",
            map(&[("TOKEN", ""), ("PLAIN", "leaked-2"), ("TOKN", "leaked-3")]),
        )],
    );
    let found = problems(&bad, UnsetSecrets::MaybeKept);
    let at: Vec<&str> = found.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(
        at,
        [
            "variables[0].value",
            "variables[1].value",
            "variables[3].name",
            "sensitive_values_wo[\"PLAIN\"]",
            "sensitive_values_wo[\"TOKEN\"]",
            "sensitive_values_wo[\"TOKN\"]",
        ],
        "{found:#?}"
    );
    let text = format!("{found:?}");
    for expected in [
        "variables[0].value is required unless variables[0].sensitive is true",
        "set it in sensitive_values[\\\"TOKEN\\\"] (sensitive)",
        "repeats the name \\\"TOKEN\\\" of variables[1]: merge",
        "variables[2] (\\\"PLAIN\\\") is not secret (sensitive is false)",
        "sensitive_values_wo[\\\"TOKEN\\\"] must not be empty",
        "Did you mean \\\"TOKEN\\\"?",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    for leaked in ["leaked-1", "leaked-2", "leaked-3"] {
        assert!(!text.contains(leaked), "{text}");
    }

    // Names not known yet: the map cannot be checked against them.
    let unknown = relay(
        vec![written(&[
            ("name", Value::Unknown),
            ("sensitive", Value::Bool(true)),
        ])],
        &[("sensitive_values", map(&[("TOKEN", "t1")]))],
    );
    assert!(problems(&unknown, UnsetSecrets::MaybeKept).is_empty());
}

#[test]
fn an_update_needs_the_value_of_an_entry_that_becomes_secret() {
    let prior = relay(
        vec![var("TOKEN", None, true), var("REGION", Some("eu"), false)],
        &[],
    );
    let config = relay(vec![written_secret("TOKEN"), written_secret("REGION")], &[]);
    let mut d = Diagnostics::new();
    validate_new_secret_entries(&RELAY, &config, &prior, &mut d);
    let found: Vec<_> = d.iter().map(|d| d.detail.clone()).collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("variables[1] (\"REGION\") is a new secret entry"));

    let given = relay(
        vec![written_secret("TOKEN"), written_secret("REGION")],
        &[("sensitive_values_wo", map(&[("REGION", "r")]))],
    );
    let mut d = Diagnostics::new();
    validate_new_secret_entries(&RELAY, &given, &prior, &mut d);
    assert!(d.is_empty(), "{d:?}");
}

#[test]
fn a_plan_fills_entry_defaults_from_configuration_not_from_the_entry_before() {
    let mut pinned = var("FIRST", Some("1"), false);
    if let Value::Object(m) = &mut pinned {
        m.insert("pinned".into(), Value::Bool(true));
    }
    let prior = relay(vec![pinned.clone(), var("SECOND", Some("2"), false)], &[]);
    // FIRST removed: Terraform matches entries by index and proposes FIRST's `pinned` for SECOND.
    let config = relay(
        vec![written(&[
            ("name", Value::string("SECOND")),
            ("value", Value::string("2")),
        ])],
        &[
            ("sensitive_values_wo", map(&[])),
            ("sensitive_values_wo_version", Value::int(1)),
        ],
    );
    let mut proposed_second = var("SECOND", Some("2"), false);
    if let Value::Object(m) = &mut proposed_second {
        m.insert("pinned".into(), Value::Bool(true));
        m.insert("sensitive".into(), Value::Null);
    }
    let proposed = relay(
        vec![proposed_second],
        &[
            ("sensitive_values_wo", map(&[])),
            ("sensitive_values_wo_version", Value::int(1)),
        ],
    );
    let planned = plan(
        &CATALOG,
        &RELAY,
        &PlanRequest {
            type_name: "demo_sync_relay".into(),
            prior_state: prior,
            proposed_new_state: proposed,
            config,
            prior_private: Vec::new(),
            prior_identity: Value::Null,
        },
    )
    .planned_state;
    assert_eq!(
        planned.get("variables"),
        &Value::List(vec![var("SECOND", Some("2"), false)])
    );
    assert_eq!(planned.get("sensitive_values_wo"), &Value::Null);
}

#[test]
fn generated_configuration_leaves_defaults_out_and_names_the_values_to_fill_in() {
    let state = relay(
        vec![var("REGION", Some("eu"), false), var("TOKEN", None, true)],
        &[("sensitive_values", map(&[("TOKEN", "t1")]))],
    );
    let out = generate(&CATALOG, &RELAY, "demo_sync_relay", &state);
    assert_eq!(
        out.config.get("variables"),
        &Value::List(vec![
            obj(&[
                ("name", Value::string("REGION")),
                ("value", Value::string("eu")),
                ("sensitive", Value::Null),
                ("pinned", Value::Null),
            ]),
            obj(&[
                ("name", Value::string("TOKEN")),
                ("value", Value::Null),
                ("sensitive", Value::Bool(true)),
                ("pinned", Value::Null),
            ]),
        ])
    );
    assert_eq!(out.config.get("sensitive_values"), &Value::Null);
    let warning = format!("{:?}", out.diagnostics);
    assert!(
        warning.contains("`sensitive_values` (or `sensitive_values_wo`) for \\\"TOKEN\\\""),
        "{warning}"
    );
    assert!(!warning.contains("t1"));

    // No secret entry: nothing to fill in, no warning.
    let plain = relay(vec![var("REGION", Some("eu"), false)], &[]);
    assert!(
        generate(&CATALOG, &RELAY, "demo_sync_relay", &plain)
            .diagnostics
            .is_empty()
    );
}

static BAD_ENTRIES: Entries = Entries {
    fields: &[
        Field::optional("name", Kind::String, "Optional, but it names entries."),
        Field::required(
            "value",
            Kind::String,
            "Required, but secret entries have none.",
        ),
        Field::optional("secret", Kind::String, "Not a boolean."),
    ],
    name: "name",
    value: "value",
    secret_flag: "secret",
    secrets: "Target",
    secrets_description: "",
    names_ignore_case: false,
};

static BAD_RELAY: IntegrationType = IntegrationType {
    name: "bad_relay",
    wire_type: "BAD_RELAY",
    title: "Bad relay",
    summary: "x",
    fields: &[
        Field::required("target", Kind::String, "Where to forward."),
        Field::defaulted(
            "variables",
            Kind::Entries(&BAD_ENTRIES),
            DefaultValue::Bool(false),
            "A default.",
        ),
    ],
    rules: &[],
    testable: true,
    notes: &[],
};

static BAD: Catalog = Catalog {
    types: &[&BAD_RELAY],
    ..DEMO
};

#[test]
fn the_lint_checks_what_each_key_of_the_entries_is_for() {
    assert!(lint(&CATALOG).is_empty(), "{:?}", lint(&CATALOG));
    let problems = lint(&BAD).join("\n");
    for expected in [
        "bad_relay.variables: Target is not snake_case",
        "bad_relay.variables: a list of entries cannot have a default",
        "bad_relay.variables: Target has no description",
        "the name key \"name\" must be an entry key, a required string",
        "the value key \"value\" must be an entry key, an optional string without a default",
        "the secret flag key \"secret\" must be an entry key, an optional boolean",
    ] {
        assert!(
            problems.contains(expected),
            "{expected:?} not in:\n{problems}"
        );
    }
}
