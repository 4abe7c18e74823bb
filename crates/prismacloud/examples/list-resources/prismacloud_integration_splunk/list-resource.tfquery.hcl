# `terraform query` lists the Splunk integrations that exist in Prisma Cloud;
# `terraform query -generate-config-out=generated.tf` also writes their resource blocks and
# the import blocks that adopt them (Terraform 1.14 and later).
list "prismacloud_integration_splunk" "all" {
  provider = prismacloud
}

# Only those whose name contains "siem", ignoring case.
list "prismacloud_integration_splunk" "named" {
  provider = prismacloud

  config {
    name = "siem"
  }
}
