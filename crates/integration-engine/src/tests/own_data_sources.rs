//! A platform's own data sources through the provider: read only once their configuration
//! validates, and unknown names answered as such.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tfplugin::diag::Diagnostics;
use tfplugin::provider::{ConfigureRequest, Provider, ReadDataRequest, ReadDataResponse};
use tfplugin::schema::{Attribute, Block, Presence, Schema};
use tfplugin::value::{Type, Value};

use super::obj;
use crate::catalog::Catalog;
use crate::data_sources::DataSourceSpec;
use crate::errors::Hints;
use crate::provider::{IntegrationProvider, Platform};
use crate::testing::{CATALOG, MemoryApi};

/// A platform with one data source of its own, `demo_echo`, counting its reads.
struct Echo {
    reads: Arc<AtomicUsize>,
}

impl Hints for Echo {
    fn hint(&self, _: &apiclient::Error, _: &str) -> Option<String> {
        None
    }
}

impl Platform for Echo {
    type Client = MemoryApi;

    fn catalog(&self) -> &'static Catalog {
        &CATALOG
    }

    fn data_source_spec(&self) -> Option<&'static DataSourceSpec> {
        None
    }

    fn provider_schema(&self) -> Schema {
        Schema::default()
    }

    fn validate_provider_config(&self, _: &Value) -> Diagnostics {
        Diagnostics::new()
    }

    async fn configure(&self, _: &ConfigureRequest) -> Result<MemoryApi, Diagnostics> {
        Ok(MemoryApi::default())
    }

    fn own_data_sources(&self) -> BTreeMap<String, Schema> {
        let text = Attribute::new("text", Type::String, Presence::Required);
        let block = Block {
            attributes: vec![text],
            description: "Echoes.".into(),
            deprecated: false,
        };
        BTreeMap::from([("demo_echo".to_string(), Schema { version: 0, block })])
    }

    fn validate_own_data_source(&self, _: &str, config: &Value) -> Diagnostics {
        let mut d = Diagnostics::new();
        if config.get("text").as_str() == Some("bad") {
            d.error("Bad text", "text must not be \"bad\".");
        }
        d
    }

    async fn read_own_data_source(
        &self,
        _: &MemoryApi,
        _: &str,
        config: &Value,
    ) -> ReadDataResponse {
        self.reads.fetch_add(1, Ordering::SeqCst);
        ReadDataResponse {
            state: config.clone(),
            diagnostics: Diagnostics::new(),
        }
    }
}

#[tokio::test]
async fn own_data_sources_are_read_only_once_they_validate() {
    let reads = Arc::new(AtomicUsize::new(0));
    let provider = IntegrationProvider::new(Echo {
        reads: Arc::clone(&reads),
    });
    let configured = provider
        .configure(ConfigureRequest {
            terraform_version: "1.15.5".into(),
            config: Value::Null,
        })
        .await;
    assert!(configured.is_empty());
    let read = |text: &str| ReadDataRequest {
        type_name: "demo_echo".into(),
        config: obj(&[("text", Value::string(text))]),
    };
    let refused = provider.read_data_source(read("bad")).await;
    assert_eq!(refused.diagnostics.0[0].summary, "Bad text");
    assert_eq!(reads.load(Ordering::SeqCst), 0);
    let echoed = provider.read_data_source(read("good")).await;
    assert_eq!(echoed.state.get("text"), &Value::string("good"));
    assert_eq!(reads.load(Ordering::SeqCst), 1);
}
