# Vulnerability data (OCSF) into Amazon Security Lake. One per Prisma Cloud customer.
resource "prismacloud_integration_aws_sdl" "lake" {
  name        = "Security Lake"
  s3_uri      = "s3://aws-security-data-lake-us-east-1-abcdef/ext/prisma-cloud/"
  region      = "us-east-1"
  role_arn    = "arn:aws:iam::123456789012:role/PrismaCloudSecurityLake"
  external_id = "2c7c5a1e-0b5f-4a43-9d1e-6f0f3b7d1a11"
}
