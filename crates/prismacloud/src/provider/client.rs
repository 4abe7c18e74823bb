//! The Prisma Cloud client behind the engine's `IntegrationApi`: requests and answers translated
//! between the engine's wire shapes and the client's typed ones.

use std::collections::BTreeMap;

use apiclient::Error;
use integration_engine::api::{Integration, IntegrationApi, IntegrationRequest};
use serde_json::{Map, Value as Json};

use crate::api::{self, Client};

/// The Prisma Cloud API client, as the engine uses it.
#[derive(Clone, Debug)]
pub struct PrismaClient(pub Client);

/// The engine's view of an integration the client read.
pub fn integration(api: api::Integration) -> Integration {
    let mut attributes = Map::new();
    attributes.insert("name".into(), Json::String(api.name));
    attributes.insert("description".into(), Json::String(api.description));
    attributes.insert("enabled".into(), Json::Bool(api.enabled));
    let optional: [(&str, Option<Json>); 7] = [
        ("createdBy", api.created_by.map(Json::String)),
        ("createdTs", api.created_ts.map(Json::from)),
        ("lastModifiedBy", api.last_modified_by.map(Json::String)),
        ("lastModifiedTs", api.last_modified_ts.map(Json::from)),
        ("status", api.status.map(Json::String)),
        ("valid", api.valid.map(Json::Bool)),
        ("reason", api.reason.map(Json::String)),
    ];
    for (key, value) in optional {
        if let Some(v) = value {
            attributes.insert(key.into(), v);
        }
    }
    Integration {
        id: api.id,
        integration_type: api.integration_type,
        attributes,
        config: api.config,
    }
}

/// The client's request for the engine's.
pub fn request(request: &IntegrationRequest) -> api::IntegrationRequest {
    let text = |key: &str| {
        request
            .attributes
            .get(key)
            .and_then(Json::as_str)
            .unwrap_or_default()
            .to_string()
    };
    api::IntegrationRequest {
        name: text("name"),
        description: text("description"),
        enabled: request
            .attributes
            .get("enabled")
            .and_then(Json::as_bool)
            .unwrap_or(true),
        integration_type: request.integration_type.clone(),
        config: request.config.clone(),
        secrets: request
            .secrets
            .iter()
            .map(|(k, v)| (k.clone(), v.text.clone()))
            .collect::<BTreeMap<_, _>>(),
    }
}

impl IntegrationApi for PrismaClient {
    async fn create(&self, r: &IntegrationRequest) -> Result<Integration, Error> {
        self.0.create(&request(r)).await.map(integration)
    }

    async fn read(&self, id: &str, wire_type: &str) -> Result<Integration, Error> {
        self.0.get_coalesced(id, wire_type).await.map(integration)
    }

    async fn get(&self, id: &str, wire_type: Option<&str>) -> Result<Integration, Error> {
        self.0.get(id, wire_type).await.map(integration)
    }

    async fn update(&self, id: &str, r: &IntegrationRequest) -> Result<Integration, Error> {
        self.0.update(id, &request(r)).await.map(integration)
    }

    async fn delete(&self, id: &str, wire_type: &str) -> Result<(), Error> {
        self.0.delete(id, wire_type).await
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
        self.0.log_in().await
    }

    fn stop(&self) {
        self.0.stop();
    }
}
