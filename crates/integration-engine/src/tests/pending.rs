//! Nothing lost: a create whose outcome is unknown is kept in state and settled by the next read.

use apiclient::Error;
use tfplugin::provider::{ApplyRequest, PlanRequest, ReadRequest};
use tfplugin::value::Value;

use super::obj;
use crate::api::IntegrationApi;
use crate::resource::{Context, IntegrationResource, PENDING_CREATE};
use crate::testing::{CATALOG, HOOK, MemoryApi, NoHints};

fn config() -> Value {
    obj(&[
        ("name", Value::string("hook one")),
        ("url", Value::string("https://receiver.example.com")),
        ("token", Value::string("s3cret-token")),
    ])
}

/// Plans and applies the creation of `config()` with `api`.
async fn create(api: &MemoryApi) -> tfplugin::provider::ApplyResponse {
    let resource = IntegrationResource::new(&CATALOG, &HOOK);
    let schema_config = super::full(&resource.schema, &[]);
    let mut proposed = schema_config.as_object().unwrap().clone();
    proposed.extend(config().as_object().unwrap().clone());
    let proposed = Value::Object(proposed);
    let planned = resource.plan(&PlanRequest {
        type_name: resource.type_name.clone(),
        prior_state: Value::Null,
        proposed_new_state: proposed.clone(),
        config: proposed.clone(),
        prior_private: vec![],
        prior_identity: Value::Null,
    });
    let cx = Context {
        catalog: &CATALOG,
        hints: &NoHints,
        client: api,
    };
    resource
        .apply(
            &cx,
            ApplyRequest {
                type_name: resource.type_name.clone(),
                prior_state: Value::Null,
                planned_state: planned.planned_state,
                config: proposed,
                planned_private: planned.planned_private,
                planned_identity: Value::Null,
            },
        )
        .await
}

async fn read(api: &MemoryApi, state: Value, private: Vec<u8>) -> tfplugin::provider::ReadResponse {
    let resource = IntegrationResource::new(&CATALOG, &HOOK);
    let cx = Context {
        catalog: &CATALOG,
        hints: &NoHints,
        client: api,
    };
    resource
        .read(
            &cx,
            ReadRequest {
                type_name: resource.type_name.clone(),
                current_state: state,
                private,
                current_identity: Value::Null,
            },
        )
        .await
}

fn unknown_outcome() -> Error {
    Error::CreateOutcomeUnknown {
        service: "Demo Cloud",
        name: "hook one".into(),
        integration_type: "HOOK".into(),
        source: Box::new(Error::Timeout {
            operation: "GET /hooks".into(),
            attempts: 6,
            timeout: std::time::Duration::from_secs(30),
        }),
    }
}

#[tokio::test]
async fn an_unknown_outcome_is_recorded_pending_and_the_next_read_finds_it() {
    let api = MemoryApi::default();
    api.store().create_fails_after_storing = Some(unknown_outcome());
    let applied = create(&api).await;
    assert!(applied.diagnostics.has_errors());
    assert_eq!(applied.private, PENDING_CREATE, "marked pending");
    let state = applied.new_state;
    assert_eq!(state.get("id"), &Value::string(""));
    assert_eq!(state.get("name"), &Value::string("hook one"));
    assert!(!format!("{:?}", applied.diagnostics).contains("s3cret-token"));

    let read = read(&api, state, applied.private).await;
    assert!(read.diagnostics.is_empty(), "{:?}", read.diagnostics);
    assert_eq!(
        read.new_state.get("id"),
        &Value::string("id-1"),
        "found by name"
    );
    assert!(read.private.is_empty(), "settled");
    assert_eq!(read.new_state.get("token"), &Value::string("s3cret-token"));
    assert_eq!(api.store().creates, 1, "never created twice");
}

#[tokio::test]
async fn a_pending_create_that_was_never_stored_reads_as_gone() {
    let api = MemoryApi::default();
    api.store().create_fails_after_storing = Some(unknown_outcome());
    let applied = create(&api).await;
    api.store().items.clear(); // the API never stored it after all
    let read = read(&api, applied.new_state, applied.private).await;
    assert_eq!(read.new_state, Value::Null, "the next apply creates it");
    assert!(read.diagnostics.is_empty());
}

#[tokio::test]
async fn a_known_id_is_recorded_as_it_is() {
    let api = MemoryApi::default();
    api.store().create_fails_after_storing = Some(Error::CreatedIncomplete {
        id: "id-1".into(),
        step: "disabling it",
        source: Box::new(Error::Stopped {
            service: "Demo Cloud",
        }),
    });
    let applied = create(&api).await;
    assert!(applied.diagnostics.has_errors());
    assert_eq!(applied.new_state.get("id"), &Value::string("id-1"));
    assert_ne!(applied.private, PENDING_CREATE);
    let found = api.get("id-1", None).await.expect("stored");
    assert_eq!(found.name(), "hook one");
}

#[tokio::test]
async fn a_clear_refusal_records_nothing() {
    let api = MemoryApi::default();
    api.store().create_fails_after_storing = Some(Error::Api {
        service: "Demo Cloud",
        operation: "POST /hooks".into(),
        status: 400,
        messages: vec![],
        request_id: None,
        attempts: 1,
    });
    let applied = create(&api).await;
    assert_eq!(applied.new_state, Value::Null);
}
