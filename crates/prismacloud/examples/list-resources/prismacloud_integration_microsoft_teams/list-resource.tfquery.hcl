# `terraform query` lists the Microsoft Teams integrations that exist in Prisma Cloud;
# `terraform query -generate-config-out=generated.tf` also writes their resource blocks and
# the import blocks that adopt them (Terraform 1.14 and later).
list "prismacloud_integration_microsoft_teams" "all" {
  provider = prismacloud
}

# Only those whose name contains "secops", ignoring case.
list "prismacloud_integration_microsoft_teams" "named" {
  provider = prismacloud

  config {
    name = "secops"
  }
}
