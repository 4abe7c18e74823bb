use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use integration_engine::api::{IntegrationRequest, SecretValue};
use secrecy::SecretString;
use serde_json::{Map, json};

use super::*;

#[test]
fn the_body_carries_type_name_and_config_with_the_secrets() {
    let mut attributes = Map::new();
    attributes.insert("name".into(), json!("SOC feed"));
    let request = IntegrationRequest {
        integration_type: "webhook".into(),
        attributes,
        config: json!({"url": "https://x.example", "events": ["job.failed"]})
            .as_object()
            .unwrap()
            .clone(),
        secrets: BTreeMap::from([(
            "secret".to_string(),
            SecretValue {
                text: SecretString::from("hmac"),
                json: false,
            },
        )]),
    };
    assert_eq!(
        body(&request),
        json!({"type": "webhook", "name": "SOC feed",
            "config": {"url": "https://x.example", "events": ["job.failed"], "secret": "hmac"}})
    );
}

#[test]
fn an_answer_becomes_the_engines_integration() {
    let found = integration(
        json!({"id": "intg-abc123def456", "type": "webhook", "name": "n",
        "status": "active", "config": {"url": "https://x.example"}}),
    )
    .unwrap();
    assert_eq!(found.id, "intg-abc123def456");
    assert_eq!(found.integration_type, "webhook");
    assert_eq!(found.name(), "n");
    assert_eq!(found.attributes["status"], "active");
    assert_eq!(found.config["url"], "https://x.example");
    assert!(integration(json!({"type": "webhook"})).is_err());
    let err = integration(json!({"id": "i", "type": "t", "config": "s3cret"})).unwrap_err();
    assert!(!err.contains("s3cret"), "{err}");
}

#[test]
fn pages_and_grants() {
    let p =
        page(json!({"items": [{}, {}], "total": 5, "page": 1, "per_page": 2, "total_pages": 3}))
            .unwrap();
    assert_eq!((p.items.len(), p.total_pages, p.total), (2, 3, Some(5)));
    assert!(page(json!({"data": []})).is_err());
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    let g = grant(
        &json!({"token": "t", "refresh_token": "r", "expires_at": "2023-11-14T23:13:20Z"}),
        now,
    )
    .unwrap();
    assert_eq!(g.lifetime, Some(Duration::from_secs(3600)));
    assert_eq!(g.refresh_token.as_deref(), Some("r"));
    let g = grant(&json!({"token": "t", "expires_at": 1_700_000_060}), now).unwrap();
    assert_eq!(g.lifetime, Some(Duration::from_secs(60)));
    assert!(g.refresh_token.is_none());
    assert!(grant(&json!({"token": ""}), now).is_err());
}

#[test]
fn the_envelope_becomes_one_message_with_its_details() {
    let m = messages(
        br#"{"error":{"code":"BAD_REQUEST","message":"config.url: must be a URL","details":[{"field":"config.url","issue":"must be a URL"}]}}"#,
    );
    assert_eq!(
        m[0].to_string(),
        "BAD_REQUEST: config.url: must be a URL (config.url: must be a URL)"
    );
    assert_eq!(
        messages(br#"{"error":{"code":"NOT_FOUND","message":"gone","details":[]}}"#)[0].to_string(),
        "NOT_FOUND: gone"
    );
    assert!(messages(b"<html>429</html>").is_empty());
}
