use super::prelude::*;
use crate::catalog::{self, CATALOG};
use crate::provider::fixtures::s;
use integration_engine::plan::*;

/// A full state of `ty` with every attribute null, then `pairs` applied.
fn full(ty: &IntegrationType, pairs: &[(&str, Value)]) -> Value {
    let schema = integration_engine::schema::resource_schema(&CATALOG, ty);
    let mut m: BTreeMap<String, Value> = schema
        .block
        .attributes
        .iter()
        .map(|a| (a.name.clone(), Value::Null))
        .collect();
    for (k, v) in pairs {
        assert!(m.contains_key(*k), "no attribute {k}");
        m.insert(k.to_string(), v.clone());
    }
    Value::Object(m)
}

fn request(prior: Value, proposed: Value, config: Value) -> PlanRequest {
    PlanRequest {
        type_name: "t".into(),
        prior_state: prior,
        proposed_new_state: proposed,
        config,
        prior_private: vec![],
        prior_identity: Value::Null,
    }
}

#[test]
fn create_fills_defaults_and_leaves_computed_unknown() {
    let ty = catalog::find("aws_s3").unwrap();
    let config = full(ty, &[("name", s("alerts")), ("s3_uri", s("s3://b/"))]);
    let response = plan(&CATALOG, ty, &request(Value::Null, config.clone(), config));
    let p = &response.planned_state;
    assert_eq!(p.get("roll_up_interval"), &Value::int(60));
    assert_eq!(p.get("enabled"), &Value::Bool(true));
    assert_eq!(p.get("description"), &s(""));
    assert_eq!(p.get("id"), &Value::Unknown);
    assert_eq!(p.get("created_ts"), &Value::Unknown);
    assert_eq!(p.get("s3_uri"), &s("s3://b/"));
    assert!(response.requires_replace.is_empty());
}

#[test]
fn an_unchanged_resource_plans_exactly_its_prior_state() {
    let ty = catalog::find("slack").unwrap();
    let prior = full(
        ty,
        &[
            ("id", s("i-1")),
            ("name", s("alerts")),
            ("description", s("")),
            ("enabled", Value::Bool(true)),
            ("webhook_url", s("https://hooks.slack.com/x")),
            ("created_ts", Value::int(1)),
            ("last_modified_ts", Value::int(2)),
            ("status", s("GREEN")),
        ],
    );
    let config = full(
        ty,
        &[
            ("name", s("alerts")),
            ("webhook_url", s("https://hooks.slack.com/x")),
        ],
    );
    // Terraform proposes prior values for computed attributes whose configuration is null.
    let response = plan(&CATALOG, ty, &request(prior.clone(), prior.clone(), config));
    assert_eq!(response.planned_state, prior);
    assert!(response.requires_replace.is_empty());
}

#[test]
fn an_update_marks_api_maintained_values_unknown_and_keeps_identity() {
    let ty = catalog::find("slack").unwrap();
    let prior = full(
        ty,
        &[
            ("id", s("i-1")),
            ("name", s("alerts")),
            ("description", s("")),
            ("enabled", Value::Bool(true)),
            ("created_ts", Value::int(1)),
            ("last_modified_ts", Value::int(2)),
        ],
    );
    let config = full(
        ty,
        &[
            ("name", s("alerts-renamed")),
            ("webhook_url", s("https://hooks.slack.com/x")),
        ],
    );
    let mut proposed = prior.clone();
    if let Value::Object(m) = &mut proposed {
        m.insert("name".into(), s("alerts-renamed"));
        m.insert("webhook_url".into(), s("https://hooks.slack.com/x"));
    }
    let p = plan(&CATALOG, ty, &request(prior, proposed, config)).planned_state;
    assert_eq!(p.get("id"), &s("i-1"));
    assert_eq!(p.get("created_ts"), &Value::int(1));
    assert_eq!(p.get("last_modified_ts"), &Value::Unknown);
}

#[test]
fn removing_a_defaulted_value_from_configuration_goes_back_to_the_default() {
    let ty = catalog::find("splunk").unwrap();
    let prior = full(
        ty,
        &[
            ("id", s("i")),
            ("name", s("splunk")),
            ("source_type", s("custom")),
        ],
    );
    let config = full(ty, &[("name", s("splunk"))]);
    // Terraform proposes the prior value for an optional+computed attribute left null.
    let p = plan(&CATALOG, ty, &request(prior.clone(), prior, config)).planned_state;
    assert_eq!(p.get("source_type"), &s("_json"));
}

#[test]
fn immutable_fields_force_replacement_and_only_they_do() {
    let ty = catalog::find("service_now").unwrap();
    let prior = full(
        ty,
        &[
            ("id", s("i")),
            ("name", s("snow1")),
            ("host_url", s("https://a")),
            ("login", s("l")),
        ],
    );
    let config = full(
        ty,
        &[
            ("name", s("snow2")),
            ("host_url", s("https://b")),
            ("login", s("l2")),
        ],
    );
    let mut proposed = prior.clone();
    if let Value::Object(m) = &mut proposed {
        m.insert("name".into(), s("snow2"));
        m.insert("host_url".into(), s("https://b"));
        m.insert("login".into(), s("l2"));
    }
    let r = plan(&CATALOG, ty, &request(prior, proposed, config));
    assert_eq!(r.requires_replace, vec![AttributePath::root("host_url")]);
}

#[test]
fn sqs_secret_rotation_replaces_but_an_unknown_prior_secret_does_not() {
    let ty = catalog::find("amazon_sqs").unwrap();
    let base = [
        ("id", s("i")),
        ("name", s("queue")),
        ("queue_url", s("https://q")),
        ("more_info", Value::Bool(false)),
        ("description", s("")),
        ("enabled", Value::Bool(true)),
    ];
    let with = |extra: &[(&str, Value)]| {
        let mut pairs = base.to_vec();
        pairs.extend_from_slice(extra);
        full(ty, &pairs)
    };
    let prior = with(&[
        ("access_key", s("A")),
        ("secret_key_wo_version", Value::int(1)),
    ]);
    let proposed = with(&[
        ("access_key", s("A")),
        ("secret_key_wo_version", Value::int(2)),
    ]);
    let config = with(&[
        ("access_key", s("A")),
        ("secret_key_wo", s("new")),
        ("secret_key_wo_version", Value::int(2)),
    ]);
    let r = plan(&CATALOG, ty, &request(prior, proposed, config));
    assert_eq!(
        r.requires_replace,
        vec![AttributePath::root("secret_key_wo_version")]
    );
    assert_eq!(r.planned_state.get("secret_key_wo"), &Value::Null);

    // After import the state holds no secret: configuring it is an update, not a replacement.
    let imported = with(&[]);
    let proposed = with(&[("access_key", s("A")), ("secret_key", s("B"))]);
    let r = plan(&CATALOG, ty, &request(imported, proposed.clone(), proposed));
    assert!(r.requires_replace.is_empty(), "{:?}", r.requires_replace);

    // queue_url alone changes in place.
    let prior = with(&[]);
    let mut proposed = prior.clone();
    if let Value::Object(m) = &mut proposed {
        m.insert("queue_url".into(), s("https://q2"));
    }
    let r = plan(&CATALOG, ty, &request(prior, proposed.clone(), proposed));
    assert!(r.requires_replace.is_empty());
}

#[test]
fn destroy_passes_through() {
    let ty = catalog::find("slack").unwrap();
    let r = plan(
        &CATALOG,
        ty,
        &request(full(ty, &[("id", s("i"))]), Value::Null, Value::Null),
    );
    assert_eq!(r.planned_state, Value::Null);
}

#[test]
fn write_only_values_are_never_planned() {
    let ty = catalog::find("slack").unwrap();
    let config = full(
        ty,
        &[
            ("name", s("alerts")),
            ("webhook_url_wo", s("https://hooks.slack.com/x")),
            ("webhook_url_wo_version", Value::int(1)),
        ],
    );
    let r = plan(&CATALOG, ty, &request(Value::Null, config.clone(), config));
    assert_eq!(r.planned_state.get("webhook_url_wo"), &Value::Null);
    assert_eq!(
        r.planned_state.get("webhook_url_wo_version"),
        &Value::int(1)
    );
}

#[test]
fn replacing_attributes_name_immutable_fields_and_secret_versions() {
    let sqs = catalog::find("amazon_sqs").unwrap();
    assert_eq!(
        replacing_attributes(sqs),
        [
            "more_info",
            "access_key",
            "access_key_wo_version",
            "secret_key",
            "secret_key_wo_version",
            "role_arn",
            "external_id"
        ]
    );
    assert_eq!(
        replacing_attributes(catalog::find("service_now").unwrap()),
        ["host_url"]
    );
    assert!(replacing_attributes(catalog::find("slack").unwrap()).is_empty());
}
