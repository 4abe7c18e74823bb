//! The RPCs for adopting existing objects, over the in-process gRPC connection: identities,
//! list resources (a server stream), MoveResourceState and GenerateResourceConfig.

use std::time::Duration;

use tokio_stream::StreamExt;

use super::*;

fn identity_type() -> Type {
    Toy::new().schemas.identities["toy_thing"].value_type()
}

fn identity_data(id: &str) -> Option<pb::ResourceIdentityData> {
    Some(pb::ResourceIdentityData {
        identity_data: convert::encode(&toy_identity(id), &identity_type()),
    })
}

fn decode_identity(data: Option<pb::ResourceIdentityData>) -> Value {
    let dv = data.and_then(|d| d.identity_data).expect("an identity");
    Value::from_msgpack(&dv.msgpack, &identity_type()).unwrap()
}

fn list_config(prefix: Option<&str>) -> Option<pb::DynamicValue> {
    let ty = Toy::new().schemas.list_resources["toy_thing"].value_type();
    let v = Value::Object(BTreeMap::from([(
        "prefix".to_string(),
        prefix.map(Value::string).unwrap_or(Value::Null),
    )]));
    convert::encode(&v, &ty)
}

#[tokio::test]
async fn schemas_carry_identities_list_resources_and_capabilities() {
    let mut c = connect(Arc::new(Toy::new())).await;
    let ids = c
        .get_resource_identity_schemas(pb::get_resource_identity_schemas::Request {})
        .await
        .unwrap()
        .into_inner();
    let attr = &ids.identity_schemas["toy_thing"].identity_attributes[0];
    assert_eq!(attr.name, "id");
    assert_eq!(attr.r#type, br#""string""#);
    assert!(attr.required_for_import && !attr.optional_for_import);

    let schema = c
        .get_provider_schema(pb::get_provider_schema::Request {})
        .await
        .unwrap()
        .into_inner();
    assert!(schema.list_resource_schemas.contains_key("toy_thing"));
    let caps = schema.server_capabilities.unwrap();
    assert!(caps.move_resource_state && caps.generate_resource_config);
}

#[tokio::test]
async fn import_by_identity_and_read_carry_identities_both_ways() {
    let mut c = connect(Arc::new(Toy::new())).await;
    let r = c
        .import_resource_state(pb::import_resource_state::Request {
            type_name: "toy_thing".into(),
            id: String::new(),
            identity: identity_data("by-identity"),
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner();
    let imported = r.imported_resources.into_iter().next().unwrap();
    assert_eq!(
        decode_identity(imported.identity).get("id"),
        &Value::string("by-identity")
    );
    let state = Value::from_msgpack(&imported.state.unwrap().msgpack, &thing_type()).unwrap();
    assert_eq!(state.get("id"), &Value::string("by-identity"));

    // The stored identity reaches the provider (the toy echoes it back).
    let r = c
        .read_resource(pb::read_resource::Request {
            type_name: "toy_thing".into(),
            current_state: dv(&thing("n", Value::Null)),
            current_identity: identity_data("stored"),
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        decode_identity(r.new_identity).get("id"),
        &Value::string("stored")
    );
}

#[tokio::test]
async fn an_identity_that_is_not_wholly_known_is_never_sent() {
    let mut c = connect(Arc::new(Toy::new())).await;
    let config = thing("a", Value::Null);
    let plan = c
        .plan_resource_change(pb::plan_resource_change::Request {
            type_name: "toy_thing".into(),
            proposed_new_state: dv(&config),
            config: dv(&config),
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner();
    assert!(plan.diagnostics.is_empty(), "{:?}", plan.diagnostics);
    assert!(plan.planned_identity.is_none());
}

#[tokio::test]
async fn listing_streams_identities_and_objects_without_write_only_values_up_to_the_limit() {
    let toy = Arc::new(Toy::new());
    let mut c = connect(toy.clone()).await;
    let stream = c
        .list_resource(pb::list_resource::Request {
            type_name: "toy_thing".into(),
            config: list_config(None),
            include_resource_object: true,
            limit: 3,
        })
        .await
        .unwrap()
        .into_inner();
    let events: Vec<_> = stream.collect::<Result<_, _>>().await.unwrap();
    assert_eq!(events.len(), 3, "the layer enforces the limit");
    for (n, e) in events.into_iter().enumerate() {
        assert!(e.diagnostic.is_empty(), "{:?}", e.diagnostic);
        assert_eq!(e.display_name, format!("Thing {n}"));
        let object =
            Value::from_msgpack(&e.resource_object.unwrap().msgpack, &thing_type()).unwrap();
        assert_eq!(object.get("token_wo"), &Value::Null);
        assert_eq!(
            decode_identity(e.identity).get("id"),
            &Value::string(format!("thing-{n}"))
        );
    }
    // The provider learns that Terraform stopped reading, long before it ran out of things.
    tokio::time::timeout(Duration::from_secs(10), toy.list_done.notified())
        .await
        .expect("the listing ends once nobody reads it");
    assert!(toy.listed.load(Ordering::SeqCst) < TOY_THINGS);
}

#[tokio::test]
async fn objects_are_sent_only_when_asked_and_unknown_list_types_are_diagnostics() {
    let mut c = connect(Arc::new(Toy::new())).await;
    let first = c
        .list_resource(pb::list_resource::Request {
            type_name: "toy_thing".into(),
            config: list_config(Some("x")),
            include_resource_object: false,
            limit: 1,
        })
        .await
        .unwrap()
        .into_inner()
        .next()
        .await
        .unwrap()
        .unwrap();
    assert!(first.resource_object.is_none());
    assert!(first.identity.is_some());

    let events: Vec<_> = c
        .list_resource(pb::list_resource::Request {
            type_name: "toy_nothing".into(),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner()
        .collect::<Result<_, _>>()
        .await
        .unwrap();
    assert_eq!(events.len(), 1);
    assert!(events[0].identity.is_none());
    assert!(
        events[0].diagnostic[0]
            .summary
            .contains("Unknown list resource toy_nothing")
    );
}

#[tokio::test]
async fn list_configuration_is_validated_by_the_provider() {
    let mut c = connect(Arc::new(Toy::new())).await;
    let validate = |prefix| pb::validate_list_resource_config::Request {
        type_name: "toy_thing".into(),
        config: list_config(prefix),
        ..Default::default()
    };
    let bad = c
        .validate_list_resource_config(validate(Some("bad")))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(bad.diagnostics[0].summary, "bad prefix");
    let fine = c
        .validate_list_resource_config(validate(None))
        .await
        .unwrap()
        .into_inner();
    assert!(fine.diagnostics.is_empty());
}

#[tokio::test]
async fn moved_state_is_settled_and_carries_an_identity() {
    let mut c = connect(Arc::new(Toy::new())).await;
    let request = |json: &[u8]| pb::move_resource_state::Request {
        source_provider_address: "registry.terraform.io/acme/other".into(),
        source_type_name: "other_thing".into(),
        source_state: Some(pb::RawState {
            json: json.to_vec(),
            flatmap: Default::default(),
        }),
        target_type_name: "toy_thing".into(),
        ..Default::default()
    };
    let r = c
        .move_resource_state(request(br#"{"uid": "u-1", "label": "moved"}"#))
        .await
        .unwrap()
        .into_inner();
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    let state = Value::from_msgpack(&r.target_state.unwrap().msgpack, &thing_type()).unwrap();
    assert_eq!(state.get("id"), &Value::string("u-1"));
    assert_eq!(state.get("name"), &Value::string("moved"));
    assert_eq!(state.get("token_wo"), &Value::Null);
    assert_eq!(
        decode_identity(r.target_identity).get("id"),
        &Value::string("u-1")
    );

    let broken = c
        .move_resource_state(request(b"{not json"))
        .await
        .unwrap()
        .into_inner();
    assert!(broken.diagnostics[0].summary.contains("source state"));
    assert!(broken.target_state.is_none());
}

#[tokio::test]
async fn generated_configuration_leaves_computed_and_write_only_attributes_out() {
    let mut c = connect(Arc::new(Toy::new())).await;
    let mut state = thing("n", Value::string("s3cret"));
    if let Value::Object(m) = &mut state {
        m.insert("id".into(), Value::string("i-1"));
    }
    let r = c
        .generate_resource_config(pb::generate_resource_config::Request {
            type_name: "toy_thing".into(),
            state: dv(&state),
        })
        .await
        .unwrap()
        .into_inner();
    let config = Value::from_msgpack(&r.config.unwrap().msgpack, &thing_type()).unwrap();
    assert_eq!(config.get("name"), &Value::string("n"));
    assert_eq!(config.get("id"), &Value::Null);
    assert_eq!(config.get("token_wo"), &Value::Null);
}

#[tokio::test]
async fn unimplemented_identity_upgrades_answer_with_a_diagnostic() {
    let mut c = connect(Arc::new(Toy::new())).await;
    let r = c
        .upgrade_resource_identity(pb::upgrade_resource_identity::Request {
            type_name: "toy_thing".into(),
            version: 0,
            raw_identity: Some(pb::RawState {
                json: br#"{"id": "x"}"#.to_vec(),
                flatmap: Default::default(),
            }),
        })
        .await
        .unwrap()
        .into_inner();
    assert!(r.diagnostics[0].summary.contains("not supported"));
    assert!(r.upgraded_identity.is_none());
}
