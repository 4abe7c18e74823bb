use super::*;

fn secret(text: &str, json: bool) -> SecretValue {
    SecretValue {
        text: SecretString::from(text),
        json,
    }
}

fn request(settings: Option<Json>, secrets: &[(&str, SecretValue)]) -> SyncRequest {
    SyncRequest {
        integration_type: "GOOGLE_WORKSPACE".into(),
        name: "gws".into(),
        domain: "example.com".into(),
        enabled: false,
        settings: settings.map(|s| s.as_object().unwrap().clone()),
        secrets: secrets
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
    }
}

const KEY_FILE: &str = r#"{"type":"service_account","private_key":"-----BEGIN PRIVATE KEY-----\nMII","client_email":"a@b.iam","project_id":"p"}"#;

#[test]
fn a_create_has_no_enabled_and_sends_a_key_file_as_an_object() {
    let r = request(
        Some(json!({"a": 1})),
        &[
            ("service_account_json", secret(KEY_FILE, true)),
            ("admin_email", secret("admin@example.com", false)),
        ],
    );
    let body = r.create_body();
    let attributes = &body["data"]["attributes"];
    assert_eq!(body["data"]["type"], "integration_config");
    assert_eq!(attributes.get("enabled"), None);
    assert_eq!(attributes["integration_type"], "GOOGLE_WORKSPACE");
    assert_eq!(attributes["settings"], json!({"a": 1}));
    assert_eq!(
        attributes["secrets"]["service_account_json"]["type"],
        "service_account"
    );
    assert_eq!(attributes["secrets"]["admin_email"], "admin@example.com");
    assert!(!format!("{r:?}").contains("admin@example.com"));
}

#[test]
fn an_update_carries_everything_but_unchanged_secrets_and_clears_removed_settings() {
    let body = request(None, &[]).update_body();
    let attributes = &body["data"]["attributes"];
    assert_eq!(attributes["enabled"], false);
    assert_eq!(attributes["settings"], json!({}));
    assert_eq!(attributes.get("secrets"), None);
    assert_eq!(attributes["integration_type"], "GOOGLE_WORKSPACE");
    assert_eq!(
        disable_body("OKTA"),
        json!({"data": {"type": "integration_config", "attributes":
            {"integration_type": "OKTA", "enabled": false}}})
    );
}

#[test]
fn entra_id_creates_with_empty_secrets() {
    let mut r = request(None, &[]);
    r.integration_type = "ENTRA_ID".into();
    let body = r.create_body();
    assert_eq!(body["data"]["attributes"]["secrets"], json!({}));
    assert_eq!(body["data"]["attributes"].get("settings"), None);
}

#[test]
fn masks_cover_the_strings_inside_a_key_file() {
    let values = secret_values(&BTreeMap::from([(
        "service_account_json".to_string(),
        secret(KEY_FILE, true),
    )]));
    let exposed: Vec<&str> = values.iter().map(|s| s.expose_secret()).collect();
    assert!(exposed.contains(&KEY_FILE));
    assert!(exposed.contains(&"-----BEGIN PRIVATE KEY-----\nMII"));
    assert!(!exposed.contains(&"p"), "short strings are not masked");
}

#[test]
fn items_have_their_id_on_data_and_their_type_in_attributes() {
    let answer = json!({"data": {"id": "11111111-2222", "type": "integration_config",
        "attributes": {"name": "n", "domain": "d", "enabled": true,
                       "integration_type": "OKTA", "state": "valid"}}});
    let item = decode_one(&answer).unwrap();
    assert_eq!(item.id, "11111111-2222");
    assert_eq!(item.integration_type, "OKTA");
    assert_eq!(item.name(), "n");
    assert_eq!(item.enabled(), Some(true));
    assert!(!item.attributes.contains_key("integration_type"));

    let no_id = json!({"data": {"attributes": {"integration_type": "OKTA"}}});
    assert_eq!(decode_one(&no_id).unwrap_err(), "an item has no id");
    let id_in_attributes = json!({"data": {"attributes": {"id": "x", "integration_type": "OKTA"}}});
    assert!(decode_one(&id_in_attributes).is_err());
    let no_type = json!({"data": {"id": "x", "attributes": {}}});
    assert!(decode_one(&no_type).is_err());
    assert!(list_items(&json!({"data": {}})).is_err());
    assert_eq!(
        list_items(&json!({"data": []})).unwrap(),
        Vec::<Json>::new()
    );
}

#[test]
fn a_credentials_check_sends_domain_type_and_secrets_only() {
    let check = CredentialsRequest {
        integration_type: "OKTA".into(),
        domain: "example.okta.com".into(),
        secrets: BTreeMap::from([("api_token".to_string(), secret("tok-123", false))]),
    };
    assert_eq!(
        check.body(),
        json!({"data": {"type": "integration_config", "attributes": {
            "integration_type": "OKTA", "domain": "example.okta.com",
            "secrets": {"api_token": "tok-123"}}}})
    );
    assert!(!format!("{check:?}").contains("tok-123"));
}
