//! The Prisma Cloud catalog: the engine's lint finds nothing, and the entries say what the API
//! documentation says.

use std::collections::BTreeSet;

use super::*;

#[test]
fn the_catalog_passes_the_engines_lint() {
    let problems = integration_engine::catalog::lint(&CATALOG);
    assert!(problems.is_empty(), "{problems:#?}");
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
