//! A stand-in for PaloAltoNetworks' official provider (`registry.terraform.io/paloaltonetworks/
//! prismacloud`), which cannot be installed here, and state files in its layout.
//!
//! A `moved` block from its `prismacloud_integration` to one of our resource types only needs
//! the official provider to be *available*: Terraform refuses a state that names a provider it
//! cannot start, and loads that provider's schema to render the plan. It never calls anything
//! else of it — the move itself is our provider's `MoveResourceState`. So the stand-in serves the
//! schema of `prismacloud_integration` (its attribute names and types, from the official
//! provider's public documentation) and records every other call, which tests assert never
//! happen.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use serde_json::{Value as Json, json};
use tfplugin::diag::Diagnostics;
use tfplugin::provider::*;
use tfplugin::schema::{Attribute, Block, Nesting, Presence, ProviderSchemas, Schema};
use tfplugin::value::{Type, Value};

pub const OFFICIAL_SOURCE: &str = "registry.terraform.io/paloaltonetworks/prismacloud";

/// Keys of the official `integration_config` block holding strings (SDK v2 stores "" when unused).
const STRING_KEYS: &[&str] = &[
    "queue_url",
    "login",
    "base_url",
    "password",
    "user_name",
    "pipe_name",
    "private_key",
    "pass_phrase",
    "staging_integration_id",
    "domain",
    "api_token",
    "api_key",
    "host_url",
    "secret_key",
    "access_key",
    "version",
    "url",
    "auth_token",
    "integration_key",
    "webhook_url",
    "source_id",
    "org_id",
    "account_id",
    "connection_string",
    "s3_uri",
    "region",
    "role_arn",
    "external_id",
    "source_type",
];

fn text(name: &str, presence: Presence) -> Attribute {
    Attribute::new(name, Type::String, presence)
}

fn integration_config() -> Vec<Attribute> {
    let mut attrs: Vec<Attribute> = STRING_KEYS
        .iter()
        .map(|k| text(k, Presence::Optional))
        .collect();
    attrs.push(Attribute::new("more_info", Type::Bool, Presence::Optional));
    attrs.push(Attribute::new(
        "roll_up_interval",
        Type::Number,
        Presence::Optional,
    ));
    attrs.push(Attribute::new(
        "tables",
        Type::map(Type::Bool),
        Presence::Optional,
    ));
    attrs.push(Attribute::nested(
        "headers",
        Nesting::List,
        vec![
            text("key", Presence::Required),
            text("value", Presence::Required),
            Attribute::new("secure", Type::Bool, Presence::Optional),
            Attribute::new("read_only", Type::Bool, Presence::Optional),
        ],
        Presence::Optional,
    ));
    attrs.push(Attribute::nested(
        "regions",
        Nesting::Set,
        vec![
            text("name", Presence::Optional),
            text("api_identifier", Presence::Optional),
            text("cloud_type", Presence::Optional),
        ],
        Presence::Optional,
    ));
    attrs
}

/// The official `prismacloud_integration` schema, as far as its state shows it.
fn integration_schema() -> Schema {
    let computed = Presence::Computed;
    Schema {
        version: 0,
        block: Block {
            attributes: vec![
                text("id", Presence::OptionalComputed),
                text("integration_id", computed),
                text("name", Presence::Required),
                text("description", Presence::Optional),
                text("integration_type", Presence::Required),
                Attribute::new("enabled", Type::Bool, Presence::Optional),
                text("created_by", computed),
                Attribute::new("created_ts", Type::Number, computed),
                text("last_modified_by", computed),
                Attribute::new("last_modified_ts", Type::Number, computed),
                text("status", computed),
                Attribute::new("valid", Type::Bool, computed),
                Attribute::nested(
                    "reason",
                    Nesting::List,
                    vec![
                        Attribute::new("last_updated", Type::Number, computed),
                        text("error_type", computed),
                        text("message", computed),
                        Attribute::nested(
                            "details",
                            Nesting::List,
                            vec![
                                Attribute::new("status_code", Type::Number, computed),
                                text("subject", computed),
                                text("message", computed),
                            ],
                            computed,
                        ),
                    ],
                    computed,
                ),
                Attribute::nested(
                    "integration_config",
                    Nesting::List,
                    integration_config(),
                    Presence::Required,
                ),
            ],
            ..Block::default()
        },
    }
}

/// One `prismacloud_integration` instance's attributes, as the official provider stores them
/// after reading the integration back: every config key present, `config` filling some.
pub fn official_attributes(id: &str, name: &str, integration_type: &str, config: Json) -> Json {
    let mut ic = serde_json::Map::new();
    for k in STRING_KEYS {
        ic.insert(k.to_string(), json!(""));
    }
    ic.insert("more_info".into(), json!(false));
    ic.insert("roll_up_interval".into(), json!(0));
    ic.insert("tables".into(), Json::Null);
    ic.insert("headers".into(), json!([]));
    ic.insert("regions".into(), json!([]));
    for (k, v) in config.as_object().cloned().unwrap_or_default() {
        ic.insert(k, v);
    }
    json!({
        "id": id,
        "integration_id": id,
        "name": name,
        "description": "made with the official provider",
        "integration_type": integration_type,
        "enabled": true,
        "created_by": "someone@example.com",
        "created_ts": 1700000000000_i64,
        "last_modified_by": "someone@example.com",
        "last_modified_ts": 1700000000000_i64,
        "status": "",
        "valid": false,
        "reason": [{"last_updated": 0, "error_type": "", "message": "", "details": []}],
        "integration_config": [ic],
    })
}

/// A Terraform state file (format version 4) holding `prismacloud_integration` instances of
/// the official provider, by resource name.
pub fn official_state_file(resources: &[(&str, Json)]) -> String {
    let resources: Vec<Json> = resources
        .iter()
        .map(|(name, attributes)| {
            json!({
                "mode": "managed",
                "type": "prismacloud_integration",
                "name": name,
                "provider": format!("provider[\"{OFFICIAL_SOURCE}\"]"),
                "instances": [{
                    "schema_version": 0,
                    "attributes": attributes,
                    "sensitive_attributes": [],
                    // What Plugin SDK v2 stores: {"schema_version":"0"}.
                    "private": "eyJzY2hlbWFfdmVyc2lvbiI6IjAifQ=="
                }]
            })
        })
        .collect();
    serde_json::to_string_pretty(&json!({
        "version": 4,
        "terraform_version": "1.5.7",
        "serial": 7,
        "lineage": "3a1b6c2e-5f44-4b8e-9d57-0c1f2a3b4c5d",
        "outputs": {},
        "resources": resources,
        "check_results": null
    }))
    .unwrap()
}

/// A state holding `attributes` as the official `prismacloud_integration.<name>`, with the
/// stand-in of the official provider served for every later run; the log of the calls it gets
/// besides its schema.
pub fn official_state_with_stand_in(
    t: &mut super::Acceptance,
    name: &str,
    attributes: Json,
) -> Arc<Mutex<Vec<String>>> {
    t.write(
        "terraform.tfstate",
        &official_state_file(&[(name, attributes)]),
    );
    let (stand_in, calls) = OfficialStandIn::new();
    t.reattach(OFFICIAL_SOURCE, stand_in);
    calls
}

/// Serves the official schema; records any other call.
pub struct OfficialStandIn {
    schemas: ProviderSchemas,
    calls: Arc<Mutex<Vec<String>>>,
}

impl OfficialStandIn {
    /// The stand-in and the log of calls it received besides its schema.
    pub fn new() -> (Self, Arc<Mutex<Vec<String>>>) {
        let calls = Arc::new(Mutex::new(Vec::new()));
        let stand_in = OfficialStandIn {
            schemas: ProviderSchemas {
                resources: BTreeMap::from([(
                    "prismacloud_integration".to_string(),
                    integration_schema(),
                )]),
                ..ProviderSchemas::default()
            },
            calls: calls.clone(),
        };
        (stand_in, calls)
    }

    fn called(&self, rpc: &str) -> Diagnostics {
        self.calls.lock().unwrap().push(rpc.to_string());
        let mut d = Diagnostics::new();
        d.error(
            format!("The official provider stand-in got {rpc}"),
            "A moved block must not need the official provider beyond its schema.",
        );
        d
    }
}

impl Provider for OfficialStandIn {
    fn schemas(&self) -> &ProviderSchemas {
        &self.schemas
    }
    fn validate_provider_config(&self, _: &Value) -> Diagnostics {
        self.called("ValidateProviderConfig")
    }
    async fn configure(&self, _: ConfigureRequest) -> Diagnostics {
        self.called("ConfigureProvider")
    }
    fn validate_resource_config(&self, _: &str, _: &Value) -> Diagnostics {
        self.called("ValidateResourceConfig")
    }
    fn validate_data_source_config(&self, _: &str, _: &Value) -> Diagnostics {
        self.called("ValidateDataResourceConfig")
    }
    fn upgrade_resource_state(&self, _: UpgradeRequest) -> UpgradeResponse {
        UpgradeResponse {
            diagnostics: self.called("UpgradeResourceState"),
            ..Default::default()
        }
    }
    async fn read_resource(&self, _: ReadRequest) -> ReadResponse {
        ReadResponse {
            diagnostics: self.called("ReadResource"),
            ..Default::default()
        }
    }
    async fn plan_resource_change(&self, _: PlanRequest) -> PlanResponse {
        PlanResponse {
            diagnostics: self.called("PlanResourceChange"),
            ..Default::default()
        }
    }
    async fn apply_resource_change(&self, _: ApplyRequest) -> ApplyResponse {
        ApplyResponse {
            diagnostics: self.called("ApplyResourceChange"),
            ..Default::default()
        }
    }
    async fn import_resource_state(&self, _: ImportRequest) -> ImportResponse {
        ImportResponse {
            diagnostics: self.called("ImportResourceState"),
            ..Default::default()
        }
    }
    async fn read_data_source(&self, _: ReadDataRequest) -> ReadDataResponse {
        ReadDataResponse {
            diagnostics: self.called("ReadDataSource"),
            ..Default::default()
        }
    }
    fn stop(&self) {
        self.calls.lock().unwrap().push("StopProvider".into());
    }
}
