# `terraform query` lists the Tenable integrations that exist in Prisma Cloud;
# `terraform query -generate-config-out=generated.tf` also writes their resource blocks and
# the import blocks that adopt them (Terraform 1.14 and later).
list "prismacloud_integration_tenable" "all" {
  provider = prismacloud
}

# Only those whose name contains "tenable", ignoring case.
list "prismacloud_integration_tenable" "named" {
  provider = prismacloud

  config {
    name = "tenable"
  }
}
