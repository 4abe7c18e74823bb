# `terraform query` lists the Cortex XSOAR integrations that exist in Prisma Cloud;
# `terraform query -generate-config-out=generated.tf` also writes their resource blocks and
# the import blocks that adopt them (Terraform 1.14 and later).
list "prismacloud_integration_demisto" "all" {
  provider = prismacloud
}

# Only those whose name contains "xsoar", ignoring case.
list "prismacloud_integration_demisto" "named" {
  provider = prismacloud

  config {
    name = "xsoar"
  }
}
