use crate::catalog::{Check, DefaultValue, Field, IntegrationType, Kind, Rule};

// Only `queueUrl` may change on update: every other key replaces the integration.
pub const ENTRY: IntegrationType = IntegrationType {
    name: "amazon_sqs",
    wire_type: "amazon_sqs",
    title: "Amazon SQS",
    summary: "Sends Prisma Cloud alerts to an Amazon Simple Queue Service (SQS) queue, to be \
              consumed for example by a Splunk add-on or the AWS CloudFormation service. Access \
              is either the AWS account onboarding's, IAM access keys, or an IAM role.",
    fields: &[
        Field::required(
            "queueUrl",
            Kind::String,
            "The queue URL you used when you configured Prisma Cloud in Amazon SQS.",
        )
        .checked(&[Check::HttpsUrl]),
        Field::defaulted(
            "moreInfo",
            Kind::Bool,
            DefaultValue::Bool(false),
            "`true` when specific IAM credentials (access keys or a role) are given for SQS queue access.",
        )
        .immutable(),
        Field::optional(
            "accessKey",
            Kind::String,
            "AWS access key of the IAM credentials meant for SQS queue access. Defaults to the \
             access provided when the AWS cloud account of the queue was onboarded.",
        )
        .secret()
        .immutable(),
        Field::optional(
            "secretKey",
            Kind::String,
            "AWS secret key for the given access key.",
        )
        .secret()
        .immutable(),
        Field::optional(
            "roleArn",
            Kind::String,
            "Role ARN associated with the IAM role on Prisma Cloud.",
        )
        .checked(&[Check::RoleArn])
        .immutable(),
        Field::optional(
            "externalId",
            Kind::String,
            "External ID associated with the IAM role on Prisma Cloud. New or updated value must \
             be a unique 128-bit UUID.",
        )
        .checked(&[Check::Uuid])
        .immutable(),
    ],
    rules: &[
        Rule::Together(&["accessKey", "secretKey"]),
        Rule::Together(&["roleArn", "externalId"]),
        Rule::Exclusive(&["accessKey", "secretKey"], &["roleArn", "externalId"]),
    ],
    testable: true,
    notes: &[
        "Only `queue_url` can change in place; any other change replaces the integration.",
        super::NO_CREATE_BEFORE_DESTROY,
    ],
};
