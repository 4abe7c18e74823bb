//! The data sources: the engine's lookup (`infracast_integration`, by id or name) and list
//! (`infracast_integrations`), worded here. There is no test data source: Infracast's "Test
//! Connection" is a button in its UI that runs from Infracast's backend, and no API for it is
//! published; a `check` block asserts the lookup's `status` instead.

use integration_engine::catalog::ComputedKind;
use integration_engine::data_sources::DataSourceSpec;

/// How the lookup and the list are named and worded.
pub static SPEC: DataSourceSpec = DataSourceSpec {
    lookup: "infracast_integration",
    list: "infracast_integrations",
    list_attribute: "integrations",
    attributes: &[
        (
            "id",
            ComputedKind::String,
            "The integration's ID, e.g. `intg-abc123def456`.",
        ),
        ("name", ComputedKind::String, "The integration's name."),
        (
            "integration_type",
            ComputedKind::String,
            "The integration's type, e.g. `webhook` or `splunk`; its resource type is \
             `infracast_integration_<integration_type>`.",
        ),
        (
            "status",
            ComputedKind::String,
            "The integration's status as Infracast reports it, e.g. `active`. This is what a \
             `check` block asserts: Infracast publishes no API for its Test Connection button.",
        ),
    ],
    reported: &["status"],
    listed: &["id", "name", "integration_type", "status"],
    type_example: "`webhook`",
    config_example: "`url`, `events`, `timeout_seconds`",
};
