# Alerts written to an S3 bucket, rolled up every 30 minutes.
resource "prismacloud_integration_aws_s3" "archive" {
  name             = "Alert archive"
  description      = "Every alert, kept in S3"
  s3_uri           = "s3://prisma-alert-archive/alerts/"
  region           = "eu-west-1"
  role_arn         = "arn:aws:iam::123456789012:role/PrismaCloudS3"
  external_id      = "6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b"
  roll_up_interval = 30
}
