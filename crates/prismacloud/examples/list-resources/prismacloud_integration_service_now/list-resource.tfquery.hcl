# `terraform query` lists the ServiceNow integrations that exist in Prisma Cloud;
# `terraform query -generate-config-out=generated.tf` also writes their resource blocks and
# the import blocks that adopt them (Terraform 1.14 and later).
list "prismacloud_integration_service_now" "all" {
  provider = prismacloud
}

# Only those whose name contains "tickets", ignoring case.
list "prismacloud_integration_service_now" "named" {
  provider = prismacloud

  config {
    name = "tickets"
  }
}
