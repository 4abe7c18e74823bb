use crate::catalog::{Check, Field, IntegrationType, Kind};

/// One AWS region as the API describes it.
const REGION: &[Field] = &[
    Field::required("name", Kind::String, "Region name, e.g. `AWS Virginia`."),
    Field::required(
        "apiIdentifier",
        Kind::String,
        "Region API identifier, e.g. `us-east-1`.",
    )
    .checked(&[Check::AwsRegion]),
    Field::required("cloudType", Kind::String, "Cloud type: `aws`.")
        .checked(&[Check::OneOf(&["aws"])]),
    Field::required(
        "sdkId",
        Kind::String,
        "Region SDK identifier, e.g. `us-east-1`.",
    )
    .checked(&[Check::AwsRegion]),
    Field::required(
        "enabled",
        Kind::Bool,
        "Whether Prisma Cloud sends alerts to this region.",
    ),
];

// The documentation's table names the list `region` while its example request (and the API)
// uses `regions`: we follow the example.
pub const ENTRY: IntegrationType = IntegrationType {
    name: "aws_security_hub",
    wire_type: "aws_security_hub",
    title: "AWS Security Hub",
    summary: "Sends Prisma Cloud alerts about resource misconfigurations, compliance violations, \
              network security risks and anomalous user activities to the AWS Security Hub \
              console, for a centralized view of the cloud assets deployed on your AWS accounts.",
    fields: &[
        Field::required(
            "regions",
            Kind::ObjectList(REGION),
            "List of regions where Prisma Cloud on AWS Security Hub is enabled for your cloud account.",
        ),
        Field::optional(
            "defaultRegion",
            Kind::Object(REGION),
            "The region where you receive alert notifications for global resources. Required if \
             you want to receive global alerts.",
        ),
        Field::required(
            "accountId",
            Kind::String,
            "The Account ID of the AWS account that you have onboarded on Prisma Cloud.",
        )
        .checked(&[Check::NotEmpty]),
    ],
    rules: &[],
    testable: true,
    notes: &["Prisma Cloud does not support this integration for `US Gov Cloud` regions."],
};
