use crate::catalog::{Check, DefaultValue, Field, IntegrationType, Kind, Rule};

pub const ENTRY: IntegrationType = IntegrationType {
    name: "webhook",
    wire_type: "webhook",
    title: "Webhook",
    summary: "Passes Prisma Cloud alerts as JSON in an HTTP POST request to any third-party \
              service that is not natively supported.",
    fields: &[
        Field::required("url", Kind::String, "Webhook URL.").checked(&[Check::HttpsUrl]),
        Field::required(
            "authToken",
            Kind::String,
            "The authentication token for the event collector.",
        )
        .secret(),
        Field::defaulted(
            "isCustomPayloadEnabled",
            Kind::Bool,
            DefaultValue::Bool(false),
            "Set to `true` to send a custom alert payload.",
        ),
        Field::optional(
            "customPayloads",
            Kind::StringMap,
            "Custom payloads by policy type. Only Config Scanner policies (key `CS`) are supported; \
             the value is a JSON array as a string, for example \
             `{ CS = jsonencode([{ resourceId = \"$${ResourceId}\" }]) }`. Required when \
             `is_custom_payload_enabled` is `true`.",
        ),
    ],
    rules: &[Rule::RequiredWhenTrue {
        field: "customPayloads",
        flag: "isCustomPayloadEnabled",
    }],
    testable: true,
    notes: &[],
};
