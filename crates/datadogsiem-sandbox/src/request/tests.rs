use serde_json::json;

use super::*;

fn body(attributes: Value) -> Vec<u8> {
    serde_json::to_vec(&json!({"data": {"type": "integration_config", "attributes": attributes}}))
        .unwrap()
}

fn errors(result: Result<impl std::fmt::Debug, ApiError>) -> Vec<String> {
    result.expect_err("a 400").errors
}

#[test]
fn envelopes_are_checked_first() {
    assert_eq!(
        errors(create(b"{not json")),
        ["Malformed JSON body (Syntax error)"]
    );
    assert_eq!(
        errors(create(br#"{"name": "x"}"#)),
        ["data is required and must be an object"]
    );
    let no_type = br#"{"data": {"id": "x", "attributes": {}, "links": {}}}"#;
    assert_eq!(
        errors(create(no_type)),
        [
            "data.type must be integration_config",
            "data.id is not accepted here",
            "data.links is not accepted"
        ]
    );
    let other_id = br#"{"data": {"type": "integration_config", "id": "b",
        "attributes": {"integration_type": "OKTA"}}}"#;
    assert_eq!(
        errors(patch(other_id, "a")),
        ["data.id must be the id of the path"]
    );
    let same_id = br#"{"data": {"type": "integration_config", "id": "a",
        "attributes": {"integration_type": "OKTA"}}}"#;
    assert!(patch(same_id, "a").is_ok());
}

#[test]
fn a_create_takes_no_enabled_and_needs_its_secrets() {
    let problems = errors(create(&body(json!({
        "integration_type": "OKTA", "name": "n", "domain": "d", "enabled": false,
        "secrets": {"api_token": "t"}}))));
    assert_eq!(problems, ["attribute enabled is not accepted here"]);
    let problems = errors(create(&body(json!({"integration_type": "PAGERDUTY"}))));
    assert_eq!(
        problems,
        [
            "integration_type must be one of GOOGLE_WORKSPACE, OKTA, ENTRA_ID, CROWDSTRIKE, SENTINELONE",
            "name is required",
            "domain is required"
        ]
    );
    let ok = create(&body(json!({"integration_type": "ENTRA_ID", "name": "n",
        "domain": "d", "settings": {"a": 1}})))
    .unwrap();
    assert!(ok.secrets.is_empty());
    assert_eq!(
        ok.settings,
        Some(json!({"a": 1}).as_object().unwrap().clone())
    );
}

#[test]
fn a_patch_needs_integration_type_and_takes_partial_secrets() {
    assert_eq!(
        errors(patch(&body(json!({"name": "n"})), "a")),
        ["integration_type is required"]
    );
    let p = patch(
        &body(
            json!({"integration_type": "GOOGLE_WORKSPACE", "enabled": false,
            "secrets": {"admin_email": "a@example.com"}, "settings": null}),
        ),
        "a",
    )
    .unwrap();
    assert_eq!(p.enabled, Some(false));
    assert_eq!(p.settings, Some(None));
    assert!(p.secrets.unwrap().contains_key("admin_email"));
    assert_eq!(
        errors(patch(
            &body(json!({"integration_type": "OKTA", "enabled": "no"})),
            "a"
        )),
        ["enabled must be a boolean"]
    );
}

#[test]
fn a_credentials_check_takes_no_name() {
    assert_eq!(
        errors(credentials(&body(
            json!({"integration_type": "OKTA", "domain": "d",
            "name": "n", "secrets": {"api_token": "t"}})
        ))),
        ["attribute name is not accepted here"]
    );
    assert!(
        credentials(&body(
            json!({"integration_type": "SENTINELONE", "domain": "d",
        "secrets": {"api_token": "t"}})
        ))
        .is_ok()
    );
}
