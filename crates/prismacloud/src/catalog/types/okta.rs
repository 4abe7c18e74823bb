use crate::catalog::{Check, Field, IntegrationType, Kind};

pub const ENTRY: IntegrationType = IntegrationType {
    name: "okta",
    wire_type: "okta",
    title: "Okta",
    summary: "Integrates Prisma Cloud with Okta, your identity provider.",
    fields: &[
        Field::required("domain", Kind::String, "Okta domain name.").checked(&[Check::Host]),
        Field::required(
            "apiToken",
            Kind::String,
            "The authentication API token for Okta. The token must be of type Read-Only Admin.",
        )
        .secret(),
    ],
    rules: &[],
    testable: true,
    notes: &[],
};
