//! The provider's data sources. The engine serves the lookup (`prismacloud_integration`) and the
//! list (`prismacloud_integrations`) from [`SPEC`]; Prisma Cloud adds the test call.
//!
//! # Layout
//!
//! - `integration_test`: `prismacloud_integration_test` (the test call; fits `check` blocks).
//! - `conform`: the test's dynamic `config` shaped into the resource's attribute types.

mod conform;
mod integration_test;

use std::collections::BTreeMap;

use integration_engine::catalog::ComputedKind;
use integration_engine::data_sources::DataSourceSpec;
use tfplugin::diag::Diagnostics;
use tfplugin::provider::ReadDataResponse;
use tfplugin::schema::Schema;
use tfplugin::value::Value;

use super::PrismaCloud;
use crate::api::Client;

/// How the lookup and the list are named and worded.
pub static SPEC: DataSourceSpec = DataSourceSpec {
    lookup: "prismacloud_integration",
    list: "prismacloud_integrations",
    list_attribute: "integrations",
    attributes: &[
        ("id", ComputedKind::String, "The integration's ID."),
        ("name", ComputedKind::String, "The integration's name."),
        (
            "integration_type",
            ComputedKind::String,
            "The integration's type, e.g. `slack` or `service_now`; its resource type is \
             `prismacloud_integration_<integration_type>`.",
        ),
        (
            "description",
            ComputedKind::String,
            "The integration's description (empty when it has none).",
        ),
        (
            "enabled",
            ComputedKind::Bool,
            "Whether Prisma Cloud sends alerts through the integration.",
        ),
        (
            "created_by",
            ComputedKind::String,
            "Who created the integration.",
        ),
        (
            "created_ts",
            ComputedKind::Number,
            "When the integration was created, in milliseconds since the Unix epoch.",
        ),
        (
            "last_modified_by",
            ComputedKind::String,
            "Who last modified the integration.",
        ),
        (
            "last_modified_ts",
            ComputedKind::Number,
            "When the integration was last modified, in milliseconds since the Unix epoch.",
        ),
        (
            "status",
            ComputedKind::String,
            "The integration's status as the API reports it (`GREEN`, `RED`, `YELLOW` or `NA`); \
             null where the API does not report one.",
        ),
        (
            "valid",
            ComputedKind::Bool,
            "Whether the API considers the integration valid; null where the API does not \
             report it.",
        ),
        (
            "reason",
            ComputedKind::String,
            "Why the integration is not valid, when the API says.",
        ),
    ],
    reported: &[
        "description",
        "enabled",
        "created_by",
        "created_ts",
        "last_modified_by",
        "last_modified_ts",
        "status",
        "valid",
        "reason",
    ],
    listed: &[
        "id",
        "name",
        "integration_type",
        "description",
        "enabled",
        "status",
        "valid",
        "reason",
        "created_ts",
        "last_modified_ts",
    ],
    type_example: "`slack`",
    config_example: "`host_url`, `roll_up_interval`",
};

/// The data sources of Prisma Cloud's own, by type name.
pub fn own_schemas() -> BTreeMap<String, Schema> {
    BTreeMap::from([(
        integration_test::TYPE_NAME.to_string(),
        integration_test::schema(),
    )])
}

fn unknown(type_name: &str) -> Diagnostics {
    let mut d = Diagnostics::new();
    d.error(
        format!("Unknown data source {type_name}"),
        "This provider does not serve that data source.",
    );
    d
}

/// Static checks of one of Prisma Cloud's own data sources.
pub fn validate(type_name: &str, config: &Value) -> Diagnostics {
    if type_name == integration_test::TYPE_NAME {
        integration_test::validate(config)
    } else {
        unknown(type_name)
    }
}

/// Reads one of Prisma Cloud's own data sources.
pub async fn read(
    platform: &PrismaCloud,
    client: &Client,
    type_name: &str,
    config: &Value,
) -> ReadDataResponse {
    if type_name != integration_test::TYPE_NAME {
        return ReadDataResponse {
            diagnostics: unknown(type_name),
            ..Default::default()
        };
    }
    // Terraform validates before it reads; checking again keeps a read from ever acting on a
    // configuration with errors. Warnings were reported by the validation already.
    let checked = validate(type_name, config);
    if checked.has_errors() {
        return ReadDataResponse {
            diagnostics: checked,
            ..Default::default()
        };
    }
    integration_test::read(platform, client, config).await
}

/// Reads any data source of the provider with `client`, as the provider does once configured
/// (for tests that script the API).
pub async fn read_any(client: &Client, type_name: &str, config: &Value) -> ReadDataResponse {
    let platform = PrismaCloud {
        env: Box::new(|_| None),
    };
    let sources = integration_engine::data_sources::DataSources {
        catalog: &crate::catalog::CATALOG,
        spec: &SPEC,
    };
    if sources.serves(type_name) {
        let client = super::PrismaClient(client.clone());
        sources.read(&platform, &client, type_name, config).await
    } else {
        read(&platform, client, type_name, config).await
    }
}
