//! The generic webhook: the one body Infracast documents in full, so nothing here is inferred
//! but the severity names beyond the documented example (`CRITICAL`, `HIGH`).

use super::{EVENTS, SEVERITIES, events_description};
use crate::catalog::{Check, DefaultValue, Field, IntegrationType, Kind};

pub const ENTRY: IntegrationType = IntegrationType {
    name: "webhook",
    wire_type: "webhook",
    title: "Webhook",
    summary: "Pushes a JSON payload to any HTTPS endpoint when the chosen Infracast events \
              occur, signed with an HMAC secret.",
    fields: &[
        Field::required(
            "url",
            Kind::String,
            "The receiver's URL. Use `https://`: a plain `http://` URL is accepted with a \
             warning, as Infracast warns about it.",
        )
        .checked(&[Check::HttpsUrl]),
        Field::required(
            "secret",
            Kind::String,
            "The HMAC signing secret: Infracast signs each payload with it, so the receiver can \
             tell that it came from Infracast.",
        )
        .secret()
        .checked(&[Check::NotEmpty]),
        Field::required(
            "events",
            Kind::StringSet,
            events_description!("The events that send a payload."),
        )
        .checked(&[Check::OneOf(EVENTS)]),
        Field::optional(
            "filters",
            Kind::Object(FILTERS),
            "Which findings send a payload; every finding when unset.",
        ),
        Field::optional(
            "headers",
            Kind::StringMap,
            "Extra HTTP headers sent with each payload, e.g. `{ X-Source = \"infracast\" }`.",
        ),
        Field::defaulted(
            "timeout_seconds",
            Kind::Integer,
            DefaultValue::Integer(30),
            "How long Infracast waits for the receiver to answer, in seconds.",
        ),
    ],
    rules: &[],
    testable: false,
    notes: &[],
};

/// The documented `filters` object: `{"severity": ["CRITICAL", "HIGH"]}`.
const FILTERS: &[Field] = &[Field::optional(
    "severity",
    Kind::StringSet,
    "Only findings of these severities: `CRITICAL`, `HIGH`, `MEDIUM`, `LOW` or `INFO`.",
)
.checked(&[Check::OneOf(SEVERITIES)])];
