use crate::catalog::{Check, DefaultValue, Field, IntegrationType, Kind};

pub const ENTRY: IntegrationType = IntegrationType {
    name: "splunk",
    wire_type: "splunk",
    title: "Splunk",
    summary: "Sends Prisma Cloud alerts for resource misconfigurations, compliance violations, \
              network security risks and anomalous user activities to a Splunk HTTP event \
              collector.",
    fields: &[
        Field::required(
            "authToken",
            Kind::String,
            "Splunk HTTP event collector token.",
        )
        .secret(),
        Field::required("url", Kind::String, "Splunk HTTP event collector URL.")
            .checked(&[Check::HttpsUrl]),
        Field::defaulted(
            "sourceType",
            Kind::String,
            DefaultValue::String("_json"),
            "Splunk source type.",
        ),
    ],
    rules: &[],
    testable: true,
    notes: &[],
};
