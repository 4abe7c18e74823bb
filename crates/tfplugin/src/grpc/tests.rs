//! The service over a real gRPC connection in process (a `tokio::io::duplex` pipe), with a tiny
//! provider that knows nothing of Prisma Cloud.

mod adopt;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use hyper_util::rt::TokioIo;
use tonic::transport::{Endpoint, Server};

use super::*;
use crate::generated::tfplugin6::provider_client::ProviderClient;
use crate::provider::*;
use crate::schema::{
    Attribute, Block, IdentityAttribute, IdentitySchema, Presence, ProviderSchemas,
};
use crate::value::Type;

struct Toy {
    schemas: ProviderSchemas,
    stopped: AtomicBool,
    /// Results the listing managed to send before Terraform stopped reading.
    listed: AtomicUsize,
    list_done: tokio::sync::Notify,
}

/// How many things the toy's listing has to offer.
const TOY_THINGS: usize = 1000;

fn toy_identity(id: &str) -> Value {
    Value::Object(BTreeMap::from([("id".to_string(), Value::string(id))]))
}

impl Toy {
    fn new() -> Self {
        let thing = Schema {
            version: 0,
            block: Block {
                attributes: vec![
                    Attribute::new("id", Type::String, Presence::Computed),
                    Attribute::new("name", Type::String, Presence::Required),
                    Attribute::new("token_wo", Type::String, Presence::Optional)
                        .write_only(true)
                        .sensitive(true),
                ],
                ..Block::default()
            },
        };
        let identity = IdentitySchema {
            version: 0,
            attributes: vec![IdentityAttribute {
                name: "id".into(),
                ty: Type::String,
                description: "The thing's ID.".into(),
                required_for_import: true,
                optional_for_import: false,
            }],
        };
        let list_config = Schema {
            version: 0,
            block: Block {
                attributes: vec![Attribute::new("prefix", Type::String, Presence::Optional)],
                ..Block::default()
            },
        };
        Toy {
            schemas: ProviderSchemas {
                provider: Schema::default(),
                resources: BTreeMap::from([("toy_thing".to_string(), thing)]),
                data_sources: BTreeMap::new(),
                identities: BTreeMap::from([("toy_thing".to_string(), identity)]),
                list_resources: BTreeMap::from([("toy_thing".to_string(), list_config)]),
            },
            stopped: AtomicBool::new(false),
            listed: AtomicUsize::new(0),
            list_done: tokio::sync::Notify::new(),
        }
    }
}

impl Provider for Toy {
    fn schemas(&self) -> &ProviderSchemas {
        &self.schemas
    }
    fn validate_provider_config(&self, _: &Value) -> Diagnostics {
        Diagnostics::new()
    }
    async fn configure(&self, _: ConfigureRequest) -> Diagnostics {
        Diagnostics::new()
    }
    fn validate_resource_config(&self, _: &str, config: &Value) -> Diagnostics {
        let mut d = Diagnostics::new();
        if config.get("name").as_str() == Some("bad") {
            d.attribute_error(
                crate::diag::AttributePath::root("name"),
                "bad name",
                "pick another",
            );
        }
        d
    }
    fn validate_data_source_config(&self, _: &str, _: &Value) -> Diagnostics {
        Diagnostics::new()
    }
    fn upgrade_resource_state(&self, r: UpgradeRequest) -> UpgradeResponse {
        UpgradeResponse {
            upgraded_state: r.state,
            diagnostics: Diagnostics::new(),
        }
    }
    async fn read_resource(&self, r: ReadRequest) -> ReadResponse {
        // Echo the stored identity, or derive it from the state when none was stored.
        let new_identity = match r.current_identity {
            Value::Null => toy_identity(r.current_state.get("id").as_str().unwrap_or("")),
            stored => stored,
        };
        ReadResponse {
            new_state: r.current_state,
            new_identity,
            ..Default::default()
        }
    }
    async fn plan_resource_change(&self, r: PlanRequest) -> PlanResponse {
        // Deliberately echo the proposed state, write-only value included: the layer must null it.
        let mut planned = r.config.clone();
        if let Value::Object(m) = &mut planned {
            m.insert("id".into(), Value::Unknown);
        }
        // And an identity that is not known yet: the layer must not send it.
        let planned_identity = Value::Object(BTreeMap::from([("id".to_string(), Value::Unknown)]));
        PlanResponse {
            planned_state: planned,
            planned_identity,
            ..Default::default()
        }
    }
    async fn apply_resource_change(&self, r: ApplyRequest) -> ApplyResponse {
        // Deliberately leave `id` unknown: the layer must not send an unknown after apply.
        ApplyResponse {
            new_state: r.planned_state,
            ..Default::default()
        }
    }
    async fn import_resource_state(&self, r: ImportRequest) -> ImportResponse {
        let id = match r.identity.get("id").as_str() {
            Some(id) if r.id.is_empty() => id.to_string(),
            _ => r.id,
        };
        let state = Value::Object(BTreeMap::from([("id".to_string(), Value::string(&id))]));
        ImportResponse {
            imported: vec![ImportedResource {
                type_name: r.type_name,
                state,
                private: vec![],
                identity: toy_identity(&id),
            }],
            diagnostics: Diagnostics::new(),
        }
    }
    async fn read_data_source(&self, _: ReadDataRequest) -> ReadDataResponse {
        ReadDataResponse::default()
    }
    fn stop(&self) {
        self.stopped.store(true, Ordering::SeqCst);
    }
    fn capabilities(&self) -> Capabilities {
        Capabilities {
            move_resource_state: true,
            generate_resource_config: true,
        }
    }
    fn validate_list_resource_config(&self, _: &str, config: &Value) -> Diagnostics {
        let mut d = Diagnostics::new();
        if config.get("prefix").as_str() == Some("bad") {
            d.error("bad prefix", "pick another");
        }
        d
    }
    async fn list_resource(&self, r: ListRequest, sink: ListSink) {
        // Deliberately ignore `limit` and send write-only values: the layer must cope.
        for n in 0..TOY_THINGS {
            let id = format!("thing-{n}");
            let mut object = thing(&format!("Thing {n}"), Value::string("s3cret"));
            if let Value::Object(m) = &mut object {
                m.insert("id".into(), Value::string(&id));
            }
            let event = ListEvent {
                identity: toy_identity(&id),
                display_name: format!("Thing {n}"),
                resource_object: Some(object),
                diagnostics: Diagnostics::new(),
            };
            if sink.send(event).await.is_err() {
                break;
            }
            self.listed.fetch_add(1, Ordering::SeqCst);
        }
        let _ = r;
        self.list_done.notify_one();
    }
    fn move_resource_state(&self, r: MoveRequest) -> MoveResponse {
        if r.source_type_name != "other_thing" {
            let mut diagnostics = Diagnostics::new();
            diagnostics.error("cannot move", r.source_type_name);
            return MoveResponse {
                diagnostics,
                ..Default::default()
            };
        }
        let uid = r.source_state["uid"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let label = r.source_state["label"].as_str().unwrap_or_default();
        // Deliberately keep a write-only value: the layer must null it.
        let mut target_state = thing(label, Value::string("moved-secret"));
        if let Value::Object(m) = &mut target_state {
            m.insert("id".into(), Value::string(&uid));
        }
        MoveResponse {
            target_state,
            target_identity: toy_identity(&uid),
            ..Default::default()
        }
    }
    fn generate_resource_config(&self, r: GenerateConfigRequest) -> GenerateConfigResponse {
        // Deliberately return the state as it is: the layer must drop `id` (computed only).
        GenerateConfigResponse {
            config: r.state,
            diagnostics: Diagnostics::new(),
        }
    }
}

async fn connect(provider: Arc<Toy>) -> ProviderClient<tonic::transport::Channel> {
    let (client_io, server_io) = tokio::io::duplex(1 << 16);
    let service = provider_server::ProviderServer::new(ProviderService::new(provider));
    tokio::spawn(async move {
        Server::builder()
            .add_service(service)
            .serve_with_incoming(tokio_stream::once(Ok::<_, std::io::Error>(server_io)))
            .await
    });
    let mut client_io = Some(client_io);
    let channel = Endpoint::try_from("http://in-process")
        .unwrap()
        .connect_with_connector(tower::service_fn(move |_| {
            let io = client_io.take();
            async move {
                io.map(TokioIo::new)
                    .ok_or_else(|| std::io::Error::other("connected once already"))
            }
        }))
        .await
        .unwrap();
    ProviderClient::new(channel)
}

fn thing_type() -> Type {
    Toy::new().schemas.resources["toy_thing"].value_type()
}

fn dv(v: &Value) -> Option<pb::DynamicValue> {
    convert::encode(v, &thing_type())
}

fn thing(name: &str, token: Value) -> Value {
    Value::Object(BTreeMap::from([
        ("id".to_string(), Value::Null),
        ("name".to_string(), Value::string(name)),
        ("token_wo".to_string(), token),
    ]))
}

#[tokio::test]
async fn schema_lists_resources_with_cty_types() {
    let mut c = connect(Arc::new(Toy::new())).await;
    let r = c
        .get_provider_schema(pb::get_provider_schema::Request {})
        .await
        .unwrap()
        .into_inner();
    let attrs = &r.resource_schemas["toy_thing"]
        .block
        .as_ref()
        .unwrap()
        .attributes;
    assert_eq!(
        attrs.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(),
        ["id", "name", "token_wo"]
    );
    assert!(attrs[2].write_only);
}

#[tokio::test]
async fn write_only_values_never_come_back_and_apply_leaves_nothing_unknown() {
    let mut c = connect(Arc::new(Toy::new())).await;
    let config = thing("a", Value::string("s3cret"));
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
    let planned = Value::from_msgpack(&plan.planned_state.unwrap().msgpack, &thing_type()).unwrap();
    assert_eq!(planned.get("token_wo"), &Value::Null);
    assert_eq!(planned.get("id"), &Value::Unknown);

    let applied = c
        .apply_resource_change(pb::apply_resource_change::Request {
            type_name: "toy_thing".into(),
            planned_state: dv(&planned),
            config: dv(&config),
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner();
    let state = Value::from_msgpack(&applied.new_state.unwrap().msgpack, &thing_type()).unwrap();
    assert!(!state.contains_unknown());
    assert_eq!(state.get("name"), &Value::string("a"));
}

#[tokio::test]
async fn user_errors_are_diagnostics_not_grpc_errors() {
    let mut c = connect(Arc::new(Toy::new())).await;
    let r = c
        .validate_resource_config(pb::validate_resource_config::Request {
            type_name: "toy_thing".into(),
            config: dv(&thing("bad", Value::Null)),
            client_capabilities: Some(pb::ClientCapabilities {
                write_only_attributes_allowed: true,
                ..Default::default()
            }),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(r.diagnostics.len(), 1);
    assert_eq!(r.diagnostics[0].summary, "bad name");

    let r = c
        .validate_resource_config(pb::validate_resource_config::Request {
            type_name: "nope".into(),
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner();
    assert!(
        r.diagnostics[0]
            .summary
            .contains("Unknown resource type nope")
    );

    let r = c
        .read_resource(pb::read_resource::Request {
            type_name: "toy_thing".into(),
            current_state: Some(pb::DynamicValue {
                msgpack: vec![0x81, 0xa2],
                json: vec![],
            }),
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner();
    assert!(
        r.diagnostics[0].summary.contains("unreadable state"),
        "{:?}",
        r.diagnostics
    );
}

#[tokio::test]
async fn write_only_attributes_need_a_terraform_that_supports_them() {
    let mut c = connect(Arc::new(Toy::new())).await;
    let old_terraform = c
        .validate_resource_config(pb::validate_resource_config::Request {
            type_name: "toy_thing".into(),
            config: dv(&thing("a", Value::string("x"))),
            client_capabilities: None,
        })
        .await
        .unwrap()
        .into_inner();
    assert!(
        old_terraform.diagnostics[0]
            .summary
            .contains("Terraform 1.11")
    );
}

#[tokio::test]
async fn upgrade_reads_json_state_and_import_and_stop_reach_the_provider() {
    let toy = Arc::new(Toy::new());
    let mut c = connect(toy.clone()).await;
    let r = c
        .upgrade_resource_state(pb::upgrade_resource_state::Request {
            type_name: "toy_thing".into(),
            version: 0,
            raw_state: Some(pb::RawState {
                json: br#"{"id":"x","name":"n","gone":true}"#.to_vec(),
                flatmap: Default::default(),
            }),
        })
        .await
        .unwrap()
        .into_inner();
    let v = Value::from_msgpack(&r.upgraded_state.unwrap().msgpack, &thing_type()).unwrap();
    assert_eq!(v.get("id"), &Value::string("x"));

    let r = c
        .import_resource_state(pb::import_resource_state::Request {
            type_name: "toy_thing".into(),
            id: "abc".into(),
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(r.imported_resources.len(), 1);

    c.stop_provider(pb::stop_provider::Request {})
        .await
        .unwrap();
    assert!(toy.stopped.load(Ordering::SeqCst));
}
