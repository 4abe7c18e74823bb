//! The Datadog Cloud SIEM catalog: the engine's lint finds nothing, and the entries say what
//! the API reference says.

use std::collections::BTreeSet;

use super::*;
use integration_engine::schema::resource_schema;

#[test]
fn the_catalog_passes_the_engines_lint() {
    let problems = integration_engine::catalog::lint(&CATALOG);
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_five_source_types_and_their_wire_names() {
    let types: Vec<(&str, &str)> = ALL.iter().map(|t| (t.name, t.wire_type)).collect();
    assert_eq!(
        types,
        [
            ("google_workspace", "GOOGLE_WORKSPACE"),
            ("okta", "OKTA"),
            ("entra_id", "ENTRA_ID"),
            ("crowdstrike", "CROWDSTRIKE"),
            ("sentinelone", "SENTINELONE"),
        ]
    );
    assert_eq!(
        CATALOG.resource_name(find("okta").unwrap()),
        "datadogsiem_entity_context_sync_okta"
    );
}

#[test]
fn every_key_of_a_type_is_a_secret_and_nothing_forces_replacement() {
    // The API takes a type's keys in `secrets` and never returns them: a non-secret key could
    // never be read back, and would show a diff on every plan.
    for ty in ALL {
        for f in ty.fields {
            assert!(f.secret, "{}.{} must be a secret", ty.name, f.key);
            assert_eq!(f.mutability, Mutability::Mutable, "{}.{}", ty.name, f.key);
        }
    }
    let secrets = |name: &str| -> BTreeSet<(&str, bool)> {
        find(name)
            .unwrap()
            .fields
            .iter()
            .map(|f| (f.key, f.is_required()))
            .collect()
    };
    assert_eq!(
        secrets("google_workspace"),
        [("service_account_json", true), ("admin_email", false)].into()
    );
    assert_eq!(secrets("okta"), [("api_token", true)].into());
    assert_eq!(secrets("entra_id"), BTreeSet::new());
    assert_eq!(
        secrets("crowdstrike"),
        [("client_id", true), ("client_secret", true)].into()
    );
    assert_eq!(secrets("sentinelone"), [("api_token", true)].into());
}

#[test]
fn every_resource_says_it_is_in_preview_and_has_the_frame() {
    for ty in ALL {
        let schema = resource_schema(&CATALOG, ty);
        assert!(
            schema.block.description.ends_with(PREVIEW_NOTICE),
            "{}",
            ty.name
        );
        for name in [
            "id",
            "name",
            "domain",
            "enabled",
            "settings",
            "state",
            "created_at",
            "modified_at",
        ] {
            assert!(
                schema.block.attribute(name).is_some(),
                "{}: {name}",
                ty.name
            );
        }
    }
    let gws = resource_schema(&CATALOG, find("google_workspace").unwrap());
    for name in [
        "service_account_json",
        "service_account_json_wo",
        "admin_email",
        "admin_email_wo_version",
    ] {
        assert!(gws.block.attribute(name).unwrap().sensitive || name.ends_with("_version"));
    }
}
