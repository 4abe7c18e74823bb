//! Splunk (HEC): HEC URL, HEC token, index, source type (default `infracast:finding`), TLS
//! verify, events to export, minimum severity. Wire keys and the `type` string `splunk` are
//! inferred.

use super::{EVENTS, events_description, minimum_severity};
use crate::catalog::{Check, DefaultValue, Field, IntegrationType, Kind};

pub const ENTRY: IntegrationType = IntegrationType {
    name: "splunk",
    // Inferred: the lowercase name of the integration (the seed's "Splunk").
    wire_type: "splunk",
    title: "Splunk",
    summary: "Exports findings to Splunk through its HTTP Event Collector (HEC), for SIEM \
              dashboards.",
    fields: &[
        Field::required(
            "hec_url",
            Kind::String,
            "The HTTP Event Collector's URL, e.g. \
             `https://splunk.example.com:8088/services/collector/event`.",
        )
        .checked(&[Check::HttpsUrl])
        .inferred("the Splunk page's \"HEC URL\" field"),
        Field::required(
            "hec_token",
            Kind::String,
            "The HEC token Infracast sends events with.",
        )
        .secret()
        .checked(&[Check::NotEmpty])
        .inferred("the Splunk page's \"HEC token\" field"),
        Field::optional(
            "index",
            Kind::String,
            "The Splunk index events go to; the token's default index when unset.",
        )
        .checked(&[Check::NotEmpty])
        .inferred("the Splunk page's \"Index\" field"),
        Field::defaulted(
            "source_type",
            Kind::String,
            DefaultValue::String("infracast:finding"),
            "The source type of the events.",
        )
        .checked(&[Check::NotEmpty])
        .inferred("the Splunk page's \"Source type\" field (its documented default)"),
        Field::defaulted(
            "tls_verify",
            Kind::Bool,
            DefaultValue::Bool(true),
            "Whether Infracast verifies the HEC's TLS certificate.",
        )
        .inferred("the Splunk page's \"TLS verify\" switch"),
        Field::optional(
            "events",
            Kind::StringSet,
            events_description!("The events to export; every event when unset."),
        )
        .checked(&[Check::OneOf(EVENTS)])
        .inferred("the Splunk page's \"Events to export\" (the webhook's documented `events` key)"),
        minimum_severity("the Splunk page's \"Minimum severity\" field"),
    ],
    rules: &[],
    testable: false,
    notes: &[],
};
