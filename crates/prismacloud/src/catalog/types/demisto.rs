use crate::catalog::{Check, Field, IntegrationType, Kind, Rule};

pub const ENTRY: IntegrationType = IntegrationType {
    name: "demisto",
    wire_type: "demisto",
    title: "Cortex XSOAR",
    summary: "Sends Prisma Cloud alerts about resource misconfigurations, compliance violations, \
              network security risks and anomalous user activities to Cortex XSOAR.",
    fields: &[
        Field::required(
            "hostUrl",
            Kind::String,
            "The Cortex XSOAR instance FQDN/IP: either the name or the IP address of the instance.",
        )
        .checked(&[Check::HostOrUrl]),
        Field::required(
            "apiKey",
            Kind::String,
            "The consumer key you configured when you created the Prisma Cloud application \
             access in your Cortex XSOAR environment.",
        )
        .secret(),
        Field::required(
            "demistoVersion",
            Kind::String,
            "The Cortex XSOAR version. Possible values: `6.0` and `8.0`.",
        )
        .checked(&[Check::OneOf(&["6.0", "8.0"])]),
        Field::optional(
            "apiKeyID",
            Kind::String,
            "The key ID linked to the consumer key (`api_key`). Required only for Cortex XSOAR 8.0.",
        ),
    ],
    rules: &[Rule::RequiredWhenEquals {
        field: "apiKeyID",
        other: "demistoVersion",
        value: "8.0",
    }],
    testable: false,
    notes: &["The API offers no test call for Cortex XSOAR integrations."],
};
