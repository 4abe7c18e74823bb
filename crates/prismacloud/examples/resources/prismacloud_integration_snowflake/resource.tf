# Alerts to Snowflake through Snowpipe, staged in an S3 integration.
resource "prismacloud_integration_aws_s3" "staging" {
  name        = "Snowflake staging"
  s3_uri      = "s3://snowflake-staging/prisma/"
  region      = "us-east-1"
  role_arn    = "arn:aws:iam::123456789012:role/PrismaCloudS3"
  external_id = "6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b"
}

variable "snowflake_private_key" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "prismacloud_integration_snowflake" "warehouse" {
  name                   = "Snowflake"
  host_url               = "example-account.snowflakecomputing.com"
  username               = "PRISMA_LOADER"
  pipename               = "SECURITY.ALERTS.PRISMA_PIPE"
  staging_integration_id = prismacloud_integration_aws_s3.staging.id
  private_key_wo         = var.snowflake_private_key
  private_key_wo_version = 1
  roll_up_interval       = 15
}
