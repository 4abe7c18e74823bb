use crate::catalog::{Check, DefaultValue, Entries, Field, IntegrationType, Kind, Rule};

/// `headers`: `[{key, value, secure, readOnly}]`; Prisma Cloud masks a secure header's value on
/// read and keeps the stored one when an update sends the header without it.
const HEADERS: Entries = Entries {
    fields: &[
        Field::required("key", Kind::String, "Header name, such as `Authorization`.")
            .checked(&[Check::NotEmpty]),
        Field::optional(
            "value",
            Kind::String,
            "Header value. Leave it unset for a `secure` header.",
        )
        .checked(&[Check::NotEmpty]),
        Field::defaulted(
            "secure",
            Kind::Bool,
            DefaultValue::Bool(false),
            "Set to `true` to keep the value secret: Prisma Cloud masks it in every answer.",
        ),
        Field::defaulted(
            "readOnly",
            Kind::Bool,
            DefaultValue::Bool(false),
            "Set to `true` to make the header read-only in the Prisma Cloud console.",
        ),
    ],
    name: "key",
    value: "value",
    secret_flag: "secure",
    secrets: "secure_header_values",
    secrets_description: "Values of the secure headers, by header name, for example \
                          `{ Authorization = \"Bearer ${var.token}\" }`.",
    names_ignore_case: true,
};

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
        Field::optional(
            "headers",
            Kind::Entries(&HEADERS),
            "HTTP headers Prisma Cloud adds to every webhook request, in this order. Header \
             names are unique, case aside.",
        ),
    ],
    rules: &[Rule::RequiredWhenTrue {
        field: "customPayloads",
        flag: "isCustomPayloadEnabled",
    }],
    testable: true,
    notes: &[],
};
