//! The engine's derivations on the demo catalog of `testing`: what is new to the engine or the
//! same for every platform (the Prisma Cloud crate tests them on its real catalog too).

mod entries;
mod json;
mod own_data_sources;
mod pending;
mod secrets;
mod validate;

use std::collections::BTreeMap;

use tfplugin::diag::{Diagnostics, Severity};
use tfplugin::schema::Schema;
use tfplugin::value::Value;

use crate::schema::resource_schema;
use crate::testing::CATALOG;

/// An object of `pairs`.
pub fn obj(pairs: &[(&str, Value)]) -> Value {
    Value::Object(
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
    )
}

/// Each diagnostic as its severity, the attribute it names ("" for none) and its detail.
pub fn located(d: &Diagnostics) -> Vec<(Severity, String, String)> {
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

/// A full value of `schema` with every attribute null, then `pairs` applied.
pub fn full(schema: &Schema, pairs: &[(&str, Value)]) -> Value {
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

#[test]
fn the_schema_is_id_frame_fields_computed_with_the_notice() {
    let schema = resource_schema(&CATALOG, &crate::testing::KEYFILE);
    let names: Vec<&str> = schema
        .block
        .attributes
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "id",
            "name",
            "enabled",
            "settings",
            "key_json",
            "key_json_wo",
            "key_json_wo_version",
            "admin",
            "delegate",
            "state",
            "created_at"
        ]
    );
    assert!(
        schema
            .block
            .description
            .starts_with("Manages a Demo Cloud Key file sync configuration.")
    );
    assert!(
        schema
            .block
            .description
            .ends_with("This resource is in preview.")
    );
}

#[test]
fn a_type_with_inferred_keys_is_marked_preview_and_each_key_names_its_source() {
    let hook = resource_schema(&CATALOG, &crate::testing::HOOK);
    let notice = crate::schema::inferred_notice(&CATALOG);
    assert!(
        notice.contains("wire format inferred from the product's documentation; report a mismatch")
    );
    assert!(hook.block.description.contains(&notice));
    let timeout = hook.block.attribute("timeout_seconds").unwrap();
    assert!(
        timeout.description.ends_with(
            "Preview: the wire key `timeoutSeconds` is inferred from the product page's \
             'Timeout' field."
        ),
        "{}",
        timeout.description
    );
    let url = hook.block.attribute("url").unwrap();
    assert!(!url.description.contains("Preview"));
    let keyfile = resource_schema(&CATALOG, &crate::testing::KEYFILE);
    assert!(!keyfile.block.description.contains("report a mismatch"));
}

#[test]
fn descriptions_take_the_right_article_and_say_when_a_write_only_secret_is_sent() {
    use crate::catalog::{Catalog, SecretsOnUpdate};
    let schema = resource_schema(&CATALOG, &crate::testing::HOOK);
    assert!(
        schema
            .block
            .description
            .starts_with("Manages a Demo Cloud Hook")
    );
    let wo = |c: &Catalog| {
        let s = resource_schema(c, &crate::testing::HOOK);
        s.block.attribute("token_wo").unwrap().description.clone()
    };
    assert!(wo(&CATALOG).contains("whenever `token_wo_version` changes"));
    static REPLACING: Catalog = Catalog {
        vendor: "Acme Ops",
        secrets_on_update: SecretsOnUpdate::All,
        ..crate::testing::DEMO
    };
    assert!(wo(&REPLACING).contains("with every update (an update replaces the whole"));
    let schema = resource_schema(&REPLACING, &crate::testing::HOOK);
    assert!(
        schema
            .block
            .description
            .starts_with("Manages an Acme Ops Hook")
    );
}
