//! Jira (API-based): the instance URL plus an API key or a service account. Wire keys and the
//! `type` string `jira` are inferred.

use super::{instance_url, password};
use crate::catalog::{Check, Field, IntegrationType, Kind, Rule};

pub const ENTRY: IntegrationType = IntegrationType {
    name: "jira",
    // Inferred: the lowercase name of the integration (the seed's "Jira").
    wire_type: "jira",
    title: "Jira",
    summary: "Turns findings into Jira tickets and syncs POA&M items to Jira issues.",
    fields: &[
        instance_url(
            "The Jira site, e.g. `https://acme.atlassian.net`.",
            "the Jira page's \"Instance URL\" field",
        ),
        Field::optional(
            "api_key",
            Kind::String,
            "A Jira API key (an Atlassian API token) of the `username` account. Set it or \
             `password`.",
        )
        .secret()
        .checked(&[Check::NotEmpty])
        .inferred("the Jira page's \"API key\" field"),
        Field::required(
            "username",
            Kind::String,
            "The Jira account Infracast acts as: the e-mail address the `api_key` belongs to \
             (Jira Cloud), or a service account's user name (with `password`).",
        )
        .checked(&[Check::NotEmpty])
        .inferred(
            "the Jira page's \"API key or service account\" (Jira's API keys belong to an account)",
        ),
        password(
            "The service account's password, instead of an API key.",
            "the Jira page's \"Service account\" alternative to the API key",
        ),
    ],
    rules: &[Rule::ExactlyOne(&["api_key", "password"])],
    testable: false,
    notes: &[],
};
