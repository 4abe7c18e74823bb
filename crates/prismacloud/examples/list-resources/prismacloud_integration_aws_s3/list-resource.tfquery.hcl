# `terraform query` lists the Amazon S3 integrations that exist in Prisma Cloud;
# `terraform query -generate-config-out=generated.tf` also writes their resource blocks and
# the import blocks that adopt them (Terraform 1.14 and later).
list "prismacloud_integration_aws_s3" "all" {
  provider = prismacloud
}

# Only those whose name contains "archive", ignoring case.
list "prismacloud_integration_aws_s3" "named" {
  provider = prismacloud

  config {
    name = "archive"
  }
}
