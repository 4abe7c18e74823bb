//! The Datadog client behind the engine's `IntegrationApi`: the engine's wire shapes
//! translated to and from the client's.

use apiclient::Error;
use integration_engine::api::{Integration, IntegrationApi, IntegrationRequest};
use serde_json::{Map, Value as Json};

use crate::api::{self, Client, SecretValue, SyncConfig, SyncRequest};

/// The Datadog API client, as the engine uses it.
#[derive(Clone, Debug)]
pub struct DatadogClient(pub Client);

/// The engine's view of a configuration: its attributes are the catalog's frame and computed
/// keys; it has no configuration keys the API returns (they are all secrets).
pub fn integration(c: SyncConfig) -> Integration {
    Integration {
        id: c.id,
        integration_type: c.integration_type,
        attributes: c.attributes,
        config: Map::new(),
    }
}

/// The client's request for the engine's.
pub fn request(r: &IntegrationRequest) -> SyncRequest {
    let text = |key: &str| {
        r.attributes
            .get(key)
            .and_then(Json::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let mut secrets: api::Secrets = r
        .secrets
        .iter()
        .map(|(k, v)| {
            let value = SecretValue {
                text: v.text.clone(),
                json: v.json,
            };
            (k.clone(), value)
        })
        .collect();
    // Every catalog key is a secret (the catalog test holds to it); any other key still
    // belongs in `secrets`, the only object the API takes a type's keys in.
    for (k, v) in &r.config {
        let value = SecretValue {
            text: v.to_string().into(),
            json: true,
        };
        secrets.entry(k.clone()).or_insert(value);
    }
    SyncRequest {
        integration_type: r.integration_type.clone(),
        name: text("name"),
        domain: text("domain"),
        enabled: r
            .attributes
            .get("enabled")
            .and_then(Json::as_bool)
            .unwrap_or(true),
        settings: r
            .attributes
            .get("settings")
            .and_then(Json::as_object)
            .cloned(),
        secrets,
    }
}

impl IntegrationApi for DatadogClient {
    async fn create(&self, r: &IntegrationRequest) -> Result<Integration, Error> {
        self.0.create(&request(r)).await.map(integration)
    }

    async fn read(&self, id: &str, _wire_type: &str) -> Result<Integration, Error> {
        self.0.get_coalesced(id).await.map(integration)
    }

    async fn get(&self, id: &str, _wire_type: Option<&str>) -> Result<Integration, Error> {
        self.0.get(id).await.map(integration)
    }

    async fn update(&self, id: &str, r: &IntegrationRequest) -> Result<Integration, Error> {
        self.0.update(id, &request(r)).await.map(integration)
    }

    async fn delete(&self, id: &str, _wire_type: &str) -> Result<(), Error> {
        self.0.delete(id).await
    }

    async fn list(&self, wire_type: Option<&str>) -> Result<Vec<Integration>, Error> {
        let found = self.0.list(wire_type).await?;
        Ok(found.into_iter().map(integration).collect())
    }

    async fn find_by_name(
        &self,
        name: &str,
        wire_type: &str,
    ) -> Result<Option<Integration>, Error> {
        let found = self.0.find_by_name(name, wire_type).await?;
        Ok(found.map(integration))
    }

    async fn verify(&self) -> Result<(), Error> {
        self.0.verify().await
    }

    fn stop(&self) {
        self.0.stop();
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use integration_engine::api::SecretValue as EngineSecret;
    use secrecy::{ExposeSecret, SecretString};
    use serde_json::json;

    use super::*;

    #[test]
    fn requests_carry_frame_settings_and_secrets() {
        let engine = IntegrationRequest {
            integration_type: "GOOGLE_WORKSPACE".into(),
            attributes: json!({"name": "n", "domain": "d", "enabled": false,
                               "settings": {"a": 1}})
            .as_object()
            .unwrap()
            .clone(),
            config: Map::new(),
            secrets: BTreeMap::from([(
                "service_account_json".to_string(),
                EngineSecret {
                    text: SecretString::from("{\"type\":\"service_account\"}"),
                    json: true,
                },
            )]),
        };
        let r = request(&engine);
        assert_eq!(
            (r.name.as_str(), r.domain.as_str(), r.enabled),
            ("n", "d", false)
        );
        assert_eq!(
            r.settings,
            Some(json!({"a": 1}).as_object().unwrap().clone())
        );
        let key = &r.secrets["service_account_json"];
        assert!(key.json && key.text.expose_secret().contains("service_account"));

        let mut bare = engine.clone();
        bare.attributes.remove("settings");
        bare.attributes.remove("enabled");
        let r = request(&bare);
        assert_eq!((r.settings, r.enabled), (None, true));
    }

    #[test]
    fn configurations_become_integrations_without_configuration_keys() {
        let c = SyncConfig {
            id: "x".into(),
            integration_type: "OKTA".into(),
            attributes: json!({"name": "n", "state": "valid"})
                .as_object()
                .unwrap()
                .clone(),
        };
        let i = integration(c);
        assert_eq!((i.id.as_str(), i.name()), ("x", "n"));
        assert!(i.config.is_empty());
    }
}
