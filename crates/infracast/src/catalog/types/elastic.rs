//! Elastic / ELK (API-based): the instance URL plus an API key or a service account. Wire keys
//! and the `type` string `elastic` are inferred.

use super::{instance_url, password, username};
use crate::catalog::{Check, Field, IntegrationType, Kind, Rule};

pub const ENTRY: IntegrationType = IntegrationType {
    name: "elastic",
    // Inferred: the lowercase name of the integration (the seed's "Elastic / ELK").
    wire_type: "elastic",
    title: "Elastic",
    summary: "Exports findings to Elasticsearch, for Kibana dashboards.",
    fields: &[
        instance_url(
            "The Elasticsearch instance, e.g. `https://elastic.example.com:9200`.",
            "the Elastic page's \"Instance URL\" field",
        ),
        Field::optional(
            "api_key",
            Kind::String,
            "An Elasticsearch API key (its encoded form). Set it, or `username` and `password`.",
        )
        .secret()
        .checked(&[Check::NotEmpty])
        .inferred("the Elastic page's \"API key\" field"),
        username(
            "The service account Infracast signs in as, instead of an API key.",
            "the Elastic page's \"Service account\" alternative to the API key",
        ),
        password(
            "The service account's password.",
            "the Elastic page's \"Service account\" alternative to the API key",
        ),
    ],
    rules: &[
        Rule::ExactlyOne(&["api_key", "password"]),
        Rule::Together(&["username", "password"]),
    ],
    testable: false,
    notes: &[],
};
