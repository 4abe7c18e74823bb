use super::aws;
use crate::catalog::IntegrationType;

pub const ENTRY: IntegrationType = IntegrationType {
    name: "aws_sdl",
    wire_type: "aws_sdl",
    title: "Amazon Security Lake",
    summary: "Ingests Prisma Cloud Open Cybersecurity Schema Framework (OCSF) compliant \
              vulnerability security data into Amazon Security Lake.",
    fields: &[aws::S3_URI, aws::REGION, aws::ROLE_ARN, aws::EXTERNAL_ID],
    rules: &[],
    testable: true,
    notes: &["You can configure only one Amazon Security Lake integration per customer."],
};
