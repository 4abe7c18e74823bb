# `terraform query` lists the webhook integrations that exist in Prisma Cloud;
# `terraform query -generate-config-out=generated.tf` also writes their resource blocks and
# the import blocks that adopt them (Terraform 1.14 and later).
list "prismacloud_integration_webhook" "all" {
  provider = prismacloud
}

# Only those whose name contains "collector", ignoring case.
list "prismacloud_integration_webhook" "named" {
  provider = prismacloud

  config {
    name = "collector"
  }
}
