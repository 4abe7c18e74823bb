use super::{ROLL_UP_INTERVAL, aws};
use crate::catalog::IntegrationType;

pub const ENTRY: IntegrationType = IntegrationType {
    name: "aws_s3",
    wire_type: "aws_s3",
    title: "Amazon S3",
    summary: "Streams Prisma Cloud alerts to an Amazon S3 bucket or folder.",
    fields: &[
        aws::S3_URI,
        aws::REGION,
        aws::ROLE_ARN,
        aws::EXTERNAL_ID,
        ROLL_UP_INTERVAL,
    ],
    rules: &[],
    testable: true,
    notes: &["Prisma Cloud supports this integration only for alerts 2.0-enabled tenants."],
};
