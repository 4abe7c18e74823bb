//! ServiceNow (API-based): instance URL, username and password or an OAuth token, CMDB sync,
//! CI class mapping, incident creation and its assignment group, minimum severity, POA&M sync.
//! Wire keys and the `type` string `servicenow` are inferred.

use super::{instance_url, minimum_severity, password, username};
use crate::catalog::{DefaultValue, Field, IntegrationType, Kind, Rule};

pub const ENTRY: IntegrationType = IntegrationType {
    name: "servicenow",
    // Inferred: the lowercase name of the integration (the seed's "ServiceNow").
    wire_type: "servicenow",
    title: "ServiceNow",
    summary: "Syncs assets into the ServiceNow CMDB, opens incidents for findings and syncs \
              POA&M items, through ServiceNow's REST API.",
    fields: &[
        instance_url(
            "The ServiceNow instance, e.g. `https://acme.service-now.com`.",
            "the ServiceNow page's \"Instance URL\" field",
        ),
        username(
            "The ServiceNow user Infracast signs in as (a dedicated service account). Set it \
             with `password`, or use `oauth_token` instead.",
            "the ServiceNow page's \"Username\" field",
        ),
        password(
            "The password of `username`.",
            "the ServiceNow page's \"Password\" field",
        ),
        Field::optional(
            "oauth_token",
            Kind::String,
            "An OAuth token to call ServiceNow with, instead of `username` and `password`.",
        )
        .secret()
        .inferred("the ServiceNow page's \"OAuth token\" alternative to the password"),
        Field::defaulted(
            "cmdb_sync_enabled",
            Kind::Bool,
            DefaultValue::Bool(false),
            "Whether discovered assets are synced into the CMDB.",
        )
        .inferred("the ServiceNow page's \"CMDB sync enabled\" switch"),
        Field::optional(
            "ci_class_mapping",
            Kind::StringMap,
            "Which CMDB CI class each Infracast asset type becomes, e.g. `{ server = \
             \"cmdb_ci_server\" }`.",
        )
        .inferred("the ServiceNow page's \"CI class mapping\" field"),
        Field::defaulted(
            "incident_creation_enabled",
            Kind::Bool,
            DefaultValue::Bool(false),
            "Whether findings open ServiceNow incidents.",
        )
        .inferred("the ServiceNow page's \"Incident creation enabled\" switch"),
        Field::optional(
            "incident_assignment_group",
            Kind::String,
            "The assignment group of the incidents Infracast opens.",
        )
        .inferred("the ServiceNow page's \"Incident assignment group\" field"),
        minimum_severity("the ServiceNow page's \"Minimum severity\" field"),
        Field::defaulted(
            "poam_sync_enabled",
            Kind::Bool,
            DefaultValue::Bool(false),
            "Whether POA&M items are synced to ServiceNow.",
        )
        .inferred("the ServiceNow page's \"POA&M sync enabled\" switch"),
    ],
    rules: &[
        Rule::ExactlyOne(&["password", "oauth_token"]),
        Rule::Together(&["username", "password"]),
    ],
    testable: false,
    notes: &[],
};
