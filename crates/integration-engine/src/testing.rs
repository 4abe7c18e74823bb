//! A small catalog of a made-up vendor for the engine's own tests: every kind, check, rule and
//! secret form the engine derives something from, and an in-memory client.

use std::sync::{Arc, Mutex};

use apiclient::Error;
use serde_json::{Map, Value as Json, json};

use crate::api::{Integration, IntegrationApi, IntegrationRequest};
use crate::catalog::{
    Catalog, Check, Computed, ComputedKind, DefaultValue, Entries, Field, IntegrationType, Kind,
    Rule, SecretsOnUpdate,
};
use crate::errors::Hints;

pub const DEMO: Catalog = Catalog {
    provider: "demo",
    vendor: "Demo Cloud",
    resource_infix: "sync",
    object: "sync configuration",
    frame: &[
        Field::required("name", Kind::String, "Name of the sync configuration.")
            .checked(&[Check::Name { min: 3, max: 50 }]),
        Field::defaulted(
            "enabled",
            Kind::Bool,
            DefaultValue::Bool(true),
            "Whether it syncs.",
        ),
        Field::optional("settings", Kind::Json, "Free-form settings, as JSON."),
    ],
    computed: &[
        Computed {
            key: "state",
            kind: ComputedKind::String,
            changes_on_update: true,
            description: "The state of the credentials.",
        },
        Computed {
            key: "createdAt",
            kind: ComputedKind::String,
            changes_on_update: false,
            description: "When it was created.",
        },
    ],
    types: &[&HOOK, &KEYFILE, &RELAY],
    id_description: "The ID.",
    identity_description: "The ID, as Demo Cloud assigned it.",
    secrets_on_update: SecretsOnUpdate::KeptAndRotated,
    notice: Some("This resource is in preview."),
};

pub static CATALOG: Catalog = DEMO;

pub static HOOK: IntegrationType = IntegrationType {
    name: "hook",
    wire_type: "HOOK",
    title: "Hook",
    summary: "Posts events to a URL.",
    fields: &[
        Field::required("url", Kind::String, "Where to post.").checked(&[Check::HttpsUrl]),
        Field::required("token", Kind::String, "The signing token.").secret(),
        Field::optional("events", Kind::StringSet, "Which events.")
            .checked(&[Check::OneOf(&["created", "deleted"])]),
        Field::optional("region", Kind::String, "Where it runs.").immutable(),
        Field::optional("owner", Kind::String, "Who to tell.").checked(&[Check::Email]),
        Field::defaulted(
            "timeoutSeconds",
            Kind::Integer,
            DefaultValue::Integer(30),
            "How long to wait.",
        )
        .checked(&[Check::IntegerRange(1, 60)])
        .inferred("the product page's 'Timeout' field"),
    ],
    rules: &[],
    testable: true,
    notes: &[],
};

pub static KEYFILE: IntegrationType = IntegrationType {
    name: "keyfile",
    wire_type: "KEYFILE",
    title: "Key file",
    summary: "Reads with a service account key.",
    fields: &[
        Field::required("key_json", Kind::Json, "The key file.")
            .secret()
            .checked(&[
                Check::JsonKeys(&["client_email", "private_key"]),
                Check::JsonKeyIs("type", "service_account"),
            ]),
        Field::optional("admin", Kind::String, "The admin."),
        Field::optional("delegate", Kind::String, "Another admin."),
    ],
    rules: &[Rule::Together(&["admin", "delegate"])],
    testable: false,
    notes: &[],
};

/// Variables a relay sends along, some of them sensitive: a list of entries.
pub static VARIABLES: Entries = Entries {
    fields: &[
        Field::required("name", Kind::String, "Variable name."),
        Field::optional("value", Kind::String, "Its value, unless sensitive.")
            .checked(&[Check::NotEmpty]),
        Field::defaulted(
            "sensitive",
            Kind::Bool,
            DefaultValue::Bool(false),
            "Whether the value is secret.",
        ),
        Field::defaulted(
            "pinned",
            Kind::Bool,
            DefaultValue::Bool(false),
            "Whether it is pinned.",
        ),
    ],
    name: "name",
    value: "value",
    secret_flag: "sensitive",
    secrets: "sensitive_values",
    secrets_description: "Values of the sensitive variables.",
    names_ignore_case: false,
};

pub static RELAY: IntegrationType = IntegrationType {
    name: "relay",
    wire_type: "RELAY",
    title: "Relay",
    summary: "Forwards events with variables.",
    fields: &[
        Field::required("target", Kind::String, "Where to forward.").checked(&[Check::HttpsUrl]),
        Field::optional(
            "variables",
            Kind::Entries(&VARIABLES),
            "Variables sent along.",
        ),
    ],
    rules: &[],
    testable: true,
    notes: &[],
};

/// No words of its own: the engine's hints only.
pub struct NoHints;

impl Hints for NoHints {
    fn hint(&self, _err: &Error, _resource_type: &str) -> Option<String> {
        None
    }
}

/// What the in-memory API holds and how its next create fails.
#[derive(Default)]
pub struct Store {
    pub items: Vec<Integration>,
    /// The next create stores the integration, then fails with this.
    pub create_fails_after_storing: Option<Error>,
    pub creates: usize,
}

/// An in-memory API.
#[derive(Clone, Default)]
pub struct MemoryApi(pub Arc<Mutex<Store>>);

impl MemoryApi {
    pub fn store(&self) -> std::sync::MutexGuard<'_, Store> {
        self.0.lock().expect("the test store")
    }
}

fn not_found(id: &str) -> Error {
    Error::NotFound {
        service: "Demo Cloud",
        id: id.into(),
        request_id: None,
    }
}

impl IntegrationApi for MemoryApi {
    async fn create(&self, request: &IntegrationRequest) -> Result<Integration, Error> {
        let mut store = self.store();
        store.creates += 1;
        let mut config: Map<String, Json> = request.config.clone();
        for (k, v) in &request.secrets {
            let (object, name) = apiclient::secret_place(&mut config, k).expect("a place");
            object.insert(name.to_string(), v.expose());
        }
        let mut attributes = request.attributes.clone();
        attributes.insert("state".into(), json!("valid"));
        attributes.insert("createdAt".into(), json!("2026-12-02T00:00:00Z"));
        let created = Integration {
            id: format!("id-{}", store.creates),
            integration_type: request.integration_type.clone(),
            attributes,
            config,
        };
        store.items.push(created.clone());
        match store.create_fails_after_storing.take() {
            Some(e) => Err(e),
            None => Ok(created),
        }
    }

    async fn read(&self, id: &str, wire_type: &str) -> Result<Integration, Error> {
        self.get(id, Some(wire_type)).await
    }

    async fn get(&self, id: &str, _wire_type: Option<&str>) -> Result<Integration, Error> {
        let store = self.store();
        store
            .items
            .iter()
            .find(|i| i.id == id)
            .cloned()
            .ok_or_else(|| not_found(id))
    }

    async fn update(&self, id: &str, request: &IntegrationRequest) -> Result<Integration, Error> {
        let mut store = self.store();
        let item = store
            .items
            .iter_mut()
            .find(|i| i.id == id)
            .ok_or_else(|| not_found(id))?;
        item.attributes.extend(request.attributes.clone());
        item.config = request.config.clone();
        Ok(item.clone())
    }

    async fn delete(&self, id: &str, _wire_type: &str) -> Result<(), Error> {
        self.store().items.retain(|i| i.id != id);
        Ok(())
    }

    async fn list(&self, wire_type: Option<&str>) -> Result<Vec<Integration>, Error> {
        let store = self.store();
        Ok(store
            .items
            .iter()
            .filter(|i| wire_type.is_none_or(|t| t == i.integration_type))
            .cloned()
            .collect())
    }

    fn stop(&self) {}
}
