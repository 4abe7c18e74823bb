//! The catalog entries, one file per integration type, each transcribed from the Prisma Cloud
//! integration configuration documentation (`integrationConfig` tables).

use super::IntegrationType;

mod amazon_sqs;
mod aws_s3;
mod aws_sdl;
mod aws_security_hub;
mod azure_service_bus_queue;
mod demisto;
mod google_cscc;
mod microsoft_teams;
mod okta;
mod pager_duty;
mod qualys;
mod service_now;
mod slack;
mod snowflake;
mod splunk;
mod tenable;
mod webhook;

/// Every integration type, in the order of the API documentation.
pub static ALL: &[&IntegrationType] = &[
    &aws_security_hub::ENTRY,
    &aws_sdl::ENTRY,
    &aws_s3::ENTRY,
    &amazon_sqs::ENTRY,
    &azure_service_bus_queue::ENTRY,
    &demisto::ENTRY,
    &google_cscc::ENTRY,
    &microsoft_teams::ENTRY,
    &okta::ENTRY,
    &pager_duty::ENTRY,
    &qualys::ENTRY,
    &service_now::ENTRY,
    &slack::ENTRY,
    &snowflake::ENTRY,
    &splunk::ENTRY,
    &tenable::ENTRY,
    &webhook::ENTRY,
];

/// Fields shared by types that assume an IAM role of Prisma Cloud's.
pub(super) mod aws {
    use crate::catalog::{Check, Field, Kind};

    pub const S3_URI: Field = Field::required(
        "s3Uri",
        Kind::String,
        "Amazon S3 bucket URI. Format: `s3://bucketname/` or `s3://bucketname/foldername/`.",
    )
    .checked(&[Check::S3Uri]);
    pub const REGION: Field = Field::required(
        "region",
        Kind::String,
        "AWS region where the S3 bucket resides.",
    )
    .checked(&[Check::AwsRegion]);
    pub const ROLE_ARN: Field = Field::required(
        "roleArn",
        Kind::String,
        "Role ARN associated with the IAM role on Prisma Cloud.",
    )
    .checked(&[Check::RoleArn]);
    pub const EXTERNAL_ID: Field = Field::required(
        "externalId",
        Kind::String,
        "External ID associated with the IAM role on Prisma Cloud. Any new or updated value must \
         be a unique 128-bit UUID.",
    )
    .checked(&[Check::Uuid]);
}

/// For the types with keys that cannot change: what Terraform cannot do when one does.
pub(super) const NO_CREATE_BEFORE_DESTROY: &str = "Integration names are unique in a tenant, so \
     `create_before_destroy` cannot work when a change replaces the integration: the new one \
     would be created while the old one still holds its name, and Prisma Cloud refuses it \
     (`integration_name_already_exists`). Terraform also applies `create_before_destroy` here \
     when a resource that depends on this one sets it. Let Terraform destroy, then create (the \
     default): the integration is missing for the moment in between. If the new integration must \
     exist before the old one is deleted, keep `create_before_destroy` and change `name` in the \
     same change.";

/// `rollUpInterval`, shared by the batching types.
pub(super) const ROLL_UP_INTERVAL: crate::catalog::Field = crate::catalog::Field::defaulted(
    "rollUpInterval",
    crate::catalog::Kind::Integer,
    crate::catalog::DefaultValue::Integer(60),
    "Time in minutes after which batched Prisma Cloud alerts roll up. Valid values: 15, 30, 60, 180.",
)
.checked(&[crate::catalog::Check::OneOfInteger(&[15, 30, 60, 180])]);
