//! Request bodies, shaped per family.
//!
//! | body            | classic                                   | tenant (v1)                          |
//! |-----------------|-------------------------------------------|--------------------------------------|
//! | create and test | name, description, integrationType, enabled, integrationConfig | name, description, integrationType, integrationConfig (born enabled) |
//! | update          | id, name, description, integrationType, enabled, integrationConfig | name, description, enabled, integrationConfig (type is fixed) |
//!
//! Secrets are exposed only here, while serializing; the bytes are then held in a
//! [`JsonBody`] whose `Debug` shows nothing but the length.

use secrecy::{ExposeSecret, SecretString};
use serde_json::{Map, Value, json};

use super::model::IntegrationRequest;
use super::route::Family;
use apiclient::{Error, JsonBody};

/// What a body is for.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Purpose<'a> {
    /// Create or test.
    Create,
    /// Update of the integration with this id.
    Update(&'a str),
}

/// The body for `request` in `family`.
pub(crate) fn integration(
    request: &IntegrationRequest,
    family: Family,
    purpose: Purpose<'_>,
) -> Result<JsonBody, Error> {
    let mut body = Map::new();
    if let (Family::Classic, Purpose::Update(id)) = (family, purpose) {
        body.insert("id".into(), Value::String(id.to_owned()));
    }
    body.insert("name".into(), Value::String(request.name.clone()));
    body.insert(
        "description".into(),
        Value::String(request.description.clone()),
    );
    let with_type = !matches!((family, purpose), (Family::Tenant, Purpose::Update(_)));
    if with_type {
        body.insert(
            "integrationType".into(),
            Value::String(request.integration_type.clone()),
        );
    }
    let with_enabled = !matches!((family, purpose), (Family::Tenant, Purpose::Create));
    if with_enabled {
        body.insert("enabled".into(), Value::Bool(request.enabled));
    }
    body.insert(
        "integrationConfig".into(),
        Value::Object(merged_config(request)?),
    );
    Ok(JsonBody::new(&Value::Object(body)))
}

/// `POST /login` body.
pub(crate) fn login(
    username: &str,
    password: &SecretString,
    customer_name: Option<&str>,
) -> JsonBody {
    let mut body = json!({"username": username, "password": password.expose_secret()});
    if let Some(customer) = customer_name {
        body["customerName"] = Value::String(customer.to_owned());
    }
    JsonBody::new(&body)
}

/// `PATCH .../integration/{id}` body.
pub(crate) fn enabled(enabled: bool) -> JsonBody {
    JsonBody::new(&json!({ "enabled": enabled }))
}

/// `integrationConfig`: the plain keys with the secrets put in their places (a top-level key,
/// or a JSON pointer to a secure webhook header's value in its entry).
fn merged_config(request: &IntegrationRequest) -> Result<Map<String, Value>, Error> {
    let mut config = request.config.clone();
    for (key, secret) in &request.secrets {
        let place = apiclient::secret_place(&mut config, key);
        let Some((object, name)) = place.filter(|(o, n)| !o.contains_key(*n)) else {
            return Err(Error::InvalidRequest {
                reason: format!(
                    "integrationConfig key {key:?} is given both as a secret and as a plain \
                     value, or has no place to go"
                ),
            });
        };
        object.insert(
            name.to_owned(),
            Value::String(secret.expose_secret().to_owned()),
        );
    }
    Ok(config)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn request(enabled: bool) -> IntegrationRequest {
        IntegrationRequest {
            name: "alerts".into(),
            description: "d".into(),
            enabled,
            integration_type: "slack".into(),
            config: Map::from_iter([("channel".to_owned(), json!("#sec"))]),
            secrets: BTreeMap::from([(
                "webhookUrl".to_owned(),
                SecretString::from("https://hooks.slack.com/s/X"),
            )]),
        }
    }

    fn parsed(body: &JsonBody) -> Value {
        serde_json::from_slice(&body.bytes()).expect("bodies are JSON")
    }

    #[test]
    fn tenant_create_has_no_enabled() {
        let body =
            parsed(&integration(&request(false), Family::Tenant, Purpose::Create).expect("body"));
        assert_eq!(
            body,
            json!({"name": "alerts", "description": "d", "integrationType": "slack",
                   "integrationConfig": {"channel": "#sec", "webhookUrl": "https://hooks.slack.com/s/X"}})
        );
    }

    #[test]
    fn classic_create_carries_enabled() {
        let body =
            parsed(&integration(&request(false), Family::Classic, Purpose::Create).expect("body"));
        assert_eq!(body["enabled"], json!(false));
        assert_eq!(body["integrationType"], json!("slack"));
        assert!(body.get("id").is_none());
    }

    #[test]
    fn tenant_update_has_enabled_but_no_type() {
        let body = parsed(
            &integration(&request(true), Family::Tenant, Purpose::Update("i-1")).expect("body"),
        );
        assert_eq!(
            body,
            json!({"name": "alerts", "description": "d", "enabled": true,
                   "integrationConfig": {"channel": "#sec", "webhookUrl": "https://hooks.slack.com/s/X"}})
        );
    }

    #[test]
    fn classic_update_carries_id_and_type() {
        let body = parsed(
            &integration(&request(true), Family::Classic, Purpose::Update("i-1")).expect("body"),
        );
        assert_eq!(body["id"], json!("i-1"));
        assert_eq!(body["integrationType"], json!("slack"));
        assert_eq!(body["enabled"], json!(true));
    }

    #[test]
    fn a_key_both_secret_and_plain_is_refused_without_its_value() {
        let mut r = request(true);
        r.config.insert("webhookUrl".into(), json!("plain"));
        let err = integration(&r, Family::Tenant, Purpose::Create).expect_err("conflict");
        let text = err.to_string();
        assert!(
            text.contains("webhookUrl") && !text.contains("hooks.slack.com"),
            "{text}"
        );
    }

    #[test]
    fn a_secret_addressed_by_pointer_goes_into_its_entry() {
        let mut r = request(true);
        r.config.insert(
            "headers".into(),
            json!([{"key": "X-Source", "value": "prisma", "secure": false},
                   {"key": "Authorization", "secure": true}]),
        );
        r.secrets.insert(
            "/headers/1/value".into(),
            SecretString::from("Bearer s3cret"),
        );
        let body = parsed(&integration(&r, Family::Tenant, Purpose::Create).expect("body"));
        assert_eq!(
            body["integrationConfig"]["headers"],
            json!([{"key": "X-Source", "value": "prisma", "secure": false},
                   {"key": "Authorization", "value": "Bearer s3cret", "secure": true}])
        );

        // No entry to go to, or a value already there: refused, without the secret.
        for pointer in ["/headers/2/value", "/headers/0/value", "/nothing/0/value"] {
            let mut bad = r.clone();
            bad.secrets.remove("/headers/1/value");
            bad.secrets
                .insert(pointer.into(), SecretString::from("Bearer s3cret"));
            let err = integration(&bad, Family::Tenant, Purpose::Create).expect_err(pointer);
            let text = err.to_string();
            assert!(text.contains(pointer) && !text.contains("s3cret"), "{text}");
        }
    }

    #[test]
    fn login_body_and_debug() {
        let body = login("AK", &SecretString::from("pw-1"), Some("acme"));
        assert_eq!(
            parsed(&body),
            json!({"username": "AK", "password": "pw-1", "customerName": "acme"})
        );
        assert!(!format!("{body:?}").contains("pw-1"));
        assert_eq!(
            parsed(&login("AK", &SecretString::from("p"), None)).get("customerName"),
            None
        );
        assert_eq!(parsed(&enabled(false)), json!({"enabled": false}));
    }
}
