# `terraform query` lists the Slack integrations that exist in Prisma Cloud;
# `terraform query -generate-config-out=generated.tf` also writes their resource blocks and
# the import blocks that adopt them (Terraform 1.14 and later).
list "prismacloud_integration_slack" "all" {
  provider = prismacloud
}

# Only those whose name contains "secops", ignoring case.
list "prismacloud_integration_slack" "named" {
  provider = prismacloud

  config {
    name = "secops"
  }
}
