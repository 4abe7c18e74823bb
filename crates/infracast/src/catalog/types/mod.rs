//! The catalog entries, one file per integration of the seed's Integrations Overview, and what
//! several of them share: the events an integration is triggered by, the severities, the
//! credentials of the API-based integrations.
//!
//! Wire names the vendor publishes are plain; every other one carries `.inferred("...")`, saying
//! where it comes from (the product page and the UI label). The `type` strings follow the same
//! rule: `webhook` is published, every other one is the lowercase snake_case of the integration's
//! name, written beside the entry.

use super::{Check, Field, IntegrationType, Kind};

mod elastic;
mod jira;
mod microsoft_teams;
mod okta_sso;
mod servicenow;
mod slack;
mod splunk;
mod webhook;

/// Every integration type: the generic webhook, then the seed's table in its order.
pub static ALL: &[&IntegrationType] = &[
    &webhook::ENTRY,
    &servicenow::ENTRY,
    &splunk::ENTRY,
    &elastic::ENTRY,
    &jira::ENTRY,
    &slack::ENTRY,
    &microsoft_teams::ENTRY,
    &okta_sso::ENTRY,
];

/// The events integrations are triggered by, in their wire names: the Integration Events table
/// of the seed. `finding.created` (New Finding), `finding.severity_changed` (Finding Severity
/// Change), `job.completed` and `job.failed` (Discovery Complete, success or failure) are
/// published; the last two are [`INFERRED_EVENTS`].
pub const EVENTS: &[&str] = &[
    "finding.created",
    "finding.severity_changed",
    "job.completed",
    "job.failed",
    "asset.created",
    "poam.updated",
];

/// Events without a published wire name, named like the published ones (`<object>.<past
/// participle>`): Asset Created and POA&M Updated.
pub const INFERRED_EVENTS: &[&str] = &["asset.created", "poam.updated"];

/// Finding severities, from the webhook's documented `filters` (`["CRITICAL","HIGH"]`) and the
/// product's severity scale.
pub const SEVERITIES: &[&str] = &["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO"];

/// What every `events` description says about the names.
macro_rules! events_description {
    ($what:literal) => {
        concat!(
            $what,
            " One or more of `finding.created` (New Finding), `finding.severity_changed` \
             (Finding Severity Change), `job.completed` and `job.failed` (Discovery Complete, \
             success or failure) — the wire names Infracast publishes — and `asset.created` \
             (Asset Created) and `poam.updated` (POA&M Updated), whose wire names are inferred \
             (Infracast publishes none)."
        )
    };
}
pub(crate) use events_description;

/// The events of a webhook-based integration (Slack, Teams): required, as their pages ask for
/// "event trigger configuration".
const fn event_triggers(description: &'static str, source: &'static str) -> Field {
    Field::required("events", Kind::StringSet, description)
        .checked(&[Check::OneOf(EVENTS)])
        .inferred(source)
}

/// A severity threshold of an API-based integration.
const fn minimum_severity(source: &'static str) -> Field {
    Field::optional(
        "minimum_severity",
        Kind::String,
        "Only findings of this severity or higher are sent: `CRITICAL`, `HIGH`, `MEDIUM`, `LOW` \
         or `INFO`.",
    )
    .checked(&[Check::OneOf(SEVERITIES)])
    .inferred(source)
}

/// An instance URL of an API-based integration.
const fn instance_url(description: &'static str, source: &'static str) -> Field {
    Field::required("instance_url", Kind::String, description)
        .checked(&[Check::HttpsUrl])
        .inferred(source)
}

/// The service account of an API-based integration: a user name and its password.
const fn username(description: &'static str, source: &'static str) -> Field {
    Field::optional("username", Kind::String, description)
        .checked(&[Check::NotEmpty])
        .inferred(source)
}

const fn password(description: &'static str, source: &'static str) -> Field {
    Field::optional("password", Kind::String, description)
        .secret()
        .inferred(source)
}
