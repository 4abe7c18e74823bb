use super::prelude::*;
use integration_engine::data_sources::arguments::*;

use crate::catalog;

#[test]
fn edit_distances() {
    assert_eq!(edit_distance("", ""), 0);
    assert_eq!(edit_distance("abc", ""), 3);
    assert_eq!(edit_distance("kitten", "sitting"), 3);
    assert_eq!(edit_distance("servicenow", "service_now"), 1);
}

#[test]
fn suggestions_only_for_near_misses() {
    let names = ["webhook_url", "url", "auth_token", "custom_payloads"];
    assert_eq!(nearest("webhook_ur", names), Some("webhook_url"));
    assert_eq!(nearest("AUTH_TOKEN", names), Some("auth_token"));
    assert_eq!(nearest("custom_payload", names), Some("custom_payloads"));
    assert_eq!(nearest("channel", names), None);
    assert_eq!(did_you_mean("channel", names), "");
    assert_eq!(did_you_mean("urll", names), " Did you mean \"url\"?");
}

#[test]
fn integration_type_lists_every_type_and_suggests_one() {
    let mut d = Diagnostics::new();
    let found = integration_type(
        &CATALOG,
        &Value::string("servicenow"),
        AttributePath::root("integration_type"),
        &mut d,
    );
    assert!(found.is_none());
    let detail = &d.0[0].detail;
    assert!(detail.contains("Did you mean \"service_now\"?"), "{detail}");
    for ty in catalog::ALL {
        assert!(detail.contains(ty.name), "{detail}");
    }
    assert_eq!(
        d.0[0].attribute.as_ref().unwrap().to_string(),
        "integration_type"
    );

    let mut d = Diagnostics::new();
    let slack = integration_type(
        &CATALOG,
        &Value::string("slack"),
        AttributePath::root("t"),
        &mut d,
    );
    assert_eq!(slack.map(|t| t.name), Some("slack"));
    assert!(
        integration_type(&CATALOG, &Value::Unknown, AttributePath::root("t"), &mut d).is_none()
    );
    assert!(integration_type(&CATALOG, &Value::Null, AttributePath::root("t"), &mut d).is_none());
    assert!(d.is_empty());
}
