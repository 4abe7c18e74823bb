//! The source types, each transcribed from the API reference: its `integration_type` and the
//! keys of its `secrets` object (the schema the API validates since 2026-07; see
//! `../shared/PLATFORMS.md`).

use super::{Check, Field, IntegrationType, Kind};

/// Every source type, in the order of the API reference.
pub static ALL: &[&IntegrationType] = &[
    &GOOGLE_WORKSPACE,
    &OKTA,
    &ENTRA_ID,
    &CROWDSTRIKE,
    &SENTINELONE,
];

/// The keys a service account key file has, as Google Cloud downloads it.
const KEY_FILE_KEYS: &[&str] = &["client_email", "private_key", "project_id", "type"];

static GOOGLE_WORKSPACE: IntegrationType = IntegrationType {
    name: "google_workspace",
    wire_type: "GOOGLE_WORKSPACE",
    title: "Google Workspace",
    summary: "Lets Cloud SIEM pull users and groups from Google Workspace, read with a Google \
              Cloud service account.",
    fields: &[
        Field::required(
            "service_account_json",
            Kind::Json,
            "The service account's key file as Google Cloud downloads it, as is \
             (`file(\"key.json\")`): a JSON object with `client_email`, `private_key`, \
             `project_id` and `type` = `\"service_account\"`; its other keys are sent too. \
             Checked at plan time; an error names the missing key and never shows the value.",
        )
        .secret()
        .checked(&[
            Check::JsonKeys(KEY_FILE_KEYS),
            Check::JsonKeyIs("type", "service_account"),
        ]),
        Field::optional(
            "admin_email",
            Kind::String,
            "The Google Workspace administrator the service account acts as; kept with the \
             credentials.",
        )
        .secret()
        .checked(&[Check::Email]),
    ],
    rules: &[],
    testable: true,
    notes: &[],
};

static OKTA: IntegrationType = IntegrationType {
    name: "okta",
    wire_type: "OKTA",
    title: "Okta",
    summary: "Lets Cloud SIEM pull users and groups from an Okta organization.",
    fields: &[Field::required(
        "api_token",
        Kind::String,
        "An Okta API token of the organization at `domain`.",
    )
    .secret()
    .checked(&[Check::NotEmpty])],
    rules: &[],
    testable: true,
    notes: &[],
};

static ENTRA_ID: IntegrationType = IntegrationType {
    name: "entra_id",
    wire_type: "ENTRA_ID",
    title: "Entra ID",
    summary: "Lets Cloud SIEM pull users and groups from Microsoft Entra ID, through the Azure \
              integration: it takes no credentials of its own.",
    fields: &[],
    rules: &[],
    testable: true,
    notes: &[
        "Datadog reads Entra ID through an Azure App Registration of its Azure \
              integration with resource collection enabled: one must exist before this \
              resource is created. The `datadogsiem_entra_id_app_registrations` data source \
              reports it (`has_valid_prerequisite`), for a `precondition`.",
    ],
};

static CROWDSTRIKE: IntegrationType = IntegrationType {
    name: "crowdstrike",
    wire_type: "CROWDSTRIKE",
    title: "CrowdStrike",
    summary: "Lets Cloud SIEM pull hosts and users from CrowdStrike Falcon, read with a Falcon \
              API client.",
    fields: &[
        Field::required(
            "client_id",
            Kind::String,
            "The client ID of the CrowdStrike Falcon API client; kept with the credentials.",
        )
        .secret()
        .checked(&[Check::NotEmpty]),
        Field::required(
            "client_secret",
            Kind::String,
            "The secret of the CrowdStrike Falcon API client.",
        )
        .secret()
        .checked(&[Check::NotEmpty]),
    ],
    rules: &[],
    testable: true,
    notes: &[],
};

static SENTINELONE: IntegrationType = IntegrationType {
    name: "sentinelone",
    wire_type: "SENTINELONE",
    title: "SentinelOne",
    summary: "Lets Cloud SIEM pull endpoints and users from SentinelOne.",
    fields: &[Field::required(
        "api_token",
        Kind::String,
        "A SentinelOne API token of the console at `domain`.",
    )
    .secret()
    .checked(&[Check::NotEmpty])],
    rules: &[],
    testable: true,
    notes: &[],
};
