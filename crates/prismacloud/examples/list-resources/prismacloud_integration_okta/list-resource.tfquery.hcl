# `terraform query` lists the Okta integrations that exist in Prisma Cloud;
# `terraform query -generate-config-out=generated.tf` also writes their resource blocks and
# the import blocks that adopt them (Terraform 1.14 and later).
list "prismacloud_integration_okta" "all" {
  provider = prismacloud
}

# Only those whose name contains "okta", ignoring case.
list "prismacloud_integration_okta" "named" {
  provider = prismacloud

  config {
    name = "okta"
  }
}
