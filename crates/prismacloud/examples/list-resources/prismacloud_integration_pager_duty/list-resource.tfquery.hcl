# `terraform query` lists the PagerDuty integrations that exist in Prisma Cloud;
# `terraform query -generate-config-out=generated.tf` also writes their resource blocks and
# the import blocks that adopt them (Terraform 1.14 and later).
list "prismacloud_integration_pager_duty" "all" {
  provider = prismacloud
}

# Only those whose name contains "on-call", ignoring case.
list "prismacloud_integration_pager_duty" "named" {
  provider = prismacloud

  config {
    name = "on-call"
  }
}
