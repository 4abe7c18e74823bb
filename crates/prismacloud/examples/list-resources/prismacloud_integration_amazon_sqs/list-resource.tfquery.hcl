# `terraform query` lists the Amazon SQS integrations that exist in Prisma Cloud;
# `terraform query -generate-config-out=generated.tf` also writes their resource blocks and
# the import blocks that adopt them (Terraform 1.14 and later).
list "prismacloud_integration_amazon_sqs" "all" {
  provider = prismacloud
}

# Only those whose name contains "sqs", ignoring case.
list "prismacloud_integration_amazon_sqs" "named" {
  provider = prismacloud

  config {
    name = "sqs"
  }
}
