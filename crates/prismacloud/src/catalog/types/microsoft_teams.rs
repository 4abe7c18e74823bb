use crate::catalog::{Check, Field, IntegrationType, Kind};

pub const ENTRY: IntegrationType = IntegrationType {
    name: "microsoft_teams",
    wire_type: "microsoft_teams",
    title: "Microsoft Teams",
    summary: "Sends Microsoft Teams alerts for resource misconfigurations, compliance violations, \
              network security risks and anomalous user activities.",
    fields: &[Field::required(
        "url",
        Kind::String,
        "Webhook URL. It carries a token, so it is treated as a secret.",
    )
    .secret()
    .checked(&[Check::HttpsUrl])],
    rules: &[],
    testable: true,
    notes: &[],
};
