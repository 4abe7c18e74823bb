//! The smallest useful provider on `tfplugin`: one resource, `minimal_thing`, of nine string
//! attributes that lives only in Terraform's state (like `terraform_data`). Read it to see what
//! a provider implements; `make bench` runs it as the floor our real providers are measured
//! against (the difference between it and `terraform_data` is the protocol layer's).
//!
//! Build it with `cargo build -p tfplugin --bin terraform-provider-minimal`; Terraform finds it
//! through a `dev_overrides` entry for `registry.terraform.io/example/minimal` pointing at the
//! build directory.

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::sync::Arc;

use tfplugin::diag::Diagnostics;
use tfplugin::grpc::ProviderService;
use tfplugin::provider::{
    ApplyRequest, ApplyResponse, ConfigureRequest, ImportRequest, ImportResponse, ImportedResource,
    PlanRequest, PlanResponse, Provider, ReadDataRequest, ReadDataResponse, ReadRequest,
    ReadResponse, UpgradeRequest, UpgradeResponse,
};
use tfplugin::schema::{Attribute, Block, Presence, ProviderSchemas, Schema};
use tfplugin::serve::{ServeConfig, ServeMode, serve};
use tfplugin::value::{Type, Value};

const RESOURCE: &str = "minimal_thing";
/// The attributes a user sets; `id` is the ninth, set by the provider.
const SETTABLE: [&str; 8] = [
    "name",
    "description",
    "owner",
    "team",
    "environment",
    "region",
    "tier",
    "note",
];

struct Minimal {
    schemas: ProviderSchemas,
}

impl Minimal {
    fn new() -> Self {
        let mut attributes = vec![
            Attribute::new("id", Type::String, Presence::Computed).description("Set on create."),
        ];
        attributes.extend(SETTABLE.iter().map(|name| {
            Attribute::new(*name, Type::String, Presence::Optional).description("Any text.")
        }));
        let block = |attributes, description: &str| Schema {
            version: 0,
            block: Block {
                attributes,
                description: description.into(),
                deprecated: false,
            },
        };
        let schemas = ProviderSchemas {
            provider: block(Vec::new(), "A provider with one resource kept in state."),
            resources: BTreeMap::from([(
                RESOURCE.to_string(),
                block(attributes, "Nine strings, kept in Terraform's state."),
            )]),
            ..Default::default()
        };
        Minimal { schemas }
    }
}

impl Provider for Minimal {
    fn schemas(&self) -> &ProviderSchemas {
        &self.schemas
    }

    fn validate_provider_config(&self, _config: &Value) -> Diagnostics {
        Diagnostics::new()
    }

    async fn configure(&self, _request: ConfigureRequest) -> Diagnostics {
        Diagnostics::new()
    }

    fn validate_resource_config(&self, _type_name: &str, _config: &Value) -> Diagnostics {
        Diagnostics::new()
    }

    fn validate_data_source_config(&self, _type_name: &str, _config: &Value) -> Diagnostics {
        Diagnostics::new()
    }

    fn upgrade_resource_state(&self, request: UpgradeRequest) -> UpgradeResponse {
        UpgradeResponse {
            upgraded_state: request.state,
            diagnostics: Diagnostics::new(),
        }
    }

    /// Nothing exists outside the state: what Terraform holds is current.
    async fn read_resource(&self, request: ReadRequest) -> ReadResponse {
        ReadResponse {
            new_state: request.current_state,
            private: request.private,
            ..Default::default()
        }
    }

    /// The configuration as it is; a new thing's `id` is known after apply.
    async fn plan_resource_change(&self, request: PlanRequest) -> PlanResponse {
        let mut planned = request.proposed_new_state;
        if request.prior_state.is_null()
            && let Value::Object(m) = &mut planned
        {
            m.insert("id".into(), Value::Unknown);
        }
        PlanResponse {
            planned_state: planned,
            planned_private: request.prior_private,
            ..Default::default()
        }
    }

    /// Create gives the thing an id; update and delete have nothing to do.
    async fn apply_resource_change(&self, request: ApplyRequest) -> ApplyResponse {
        let mut state = request.planned_state;
        if let Value::Object(m) = &mut state
            && m.get("id") == Some(&Value::Unknown)
        {
            m.insert("id".into(), Value::string(uuid::Uuid::new_v4().to_string()));
        }
        ApplyResponse {
            new_state: state,
            private: request.planned_private,
            ..Default::default()
        }
    }

    /// Imports a thing with just its id: Terraform then shows the attributes to set.
    async fn import_resource_state(&self, request: ImportRequest) -> ImportResponse {
        let mut state: BTreeMap<String, Value> = SETTABLE
            .iter()
            .map(|n| (n.to_string(), Value::Null))
            .collect();
        state.insert("id".into(), Value::string(&request.id));
        ImportResponse {
            imported: vec![ImportedResource {
                type_name: request.type_name,
                state: Value::Object(state),
                private: Vec::new(),
                identity: Value::Null,
            }],
            diagnostics: Diagnostics::new(),
        }
    }

    async fn read_data_source(&self, request: ReadDataRequest) -> ReadDataResponse {
        let mut diagnostics = Diagnostics::new();
        diagnostics.error(
            format!("Unknown data source {}", request.type_name),
            "This provider has no data sources.",
        );
        ReadDataResponse {
            diagnostics,
            ..Default::default()
        }
    }

    fn stop(&self) {}
}

#[tokio::main]
async fn main() -> ExitCode {
    tfplugin::log::init("provider");
    let mode = if std::env::args().any(|a| a == "--debug") {
        ServeMode::Debug
    } else {
        ServeMode::Plugin
    };
    let config = ServeConfig::new(
        "registry.terraform.io/example/minimal",
        "This is a Terraform provider: Terraform starts it by itself.",
    );
    let service = ProviderService::new(Arc::new(Minimal::new()));
    match serve(service, config, mode).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}
