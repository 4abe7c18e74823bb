//! The Infracast client behind the engine's `IntegrationApi`.

use apiclient::Error;
use integration_engine::api::{Integration, IntegrationApi, IntegrationRequest};

use crate::api::Client;

/// The Infracast API client, as the engine uses it.
#[derive(Clone, Debug)]
pub struct InfracastClient(pub Client);

impl IntegrationApi for InfracastClient {
    async fn create(&self, request: &IntegrationRequest) -> Result<Integration, Error> {
        self.0.create(request).await
    }

    async fn read(&self, id: &str, _wire_type: &str) -> Result<Integration, Error> {
        self.0.read(id).await
    }

    async fn get(&self, id: &str, _wire_type: Option<&str>) -> Result<Integration, Error> {
        self.0.get(id).await
    }

    async fn update(&self, id: &str, request: &IntegrationRequest) -> Result<Integration, Error> {
        self.0.update(id, request).await
    }

    async fn delete(&self, id: &str, _wire_type: &str) -> Result<(), Error> {
        self.0.delete(id).await
    }

    async fn list(&self, wire_type: Option<&str>) -> Result<Vec<Integration>, Error> {
        self.0.list(wire_type).await
    }

    async fn find_by_name(
        &self,
        name: &str,
        wire_type: &str,
    ) -> Result<Option<Integration>, Error> {
        self.0.find_by_name(name, wire_type).await
    }

    async fn verify(&self) -> Result<(), Error> {
        self.0.verify().await
    }

    fn stop(&self) {
        self.0.stop();
    }
}
