# `terraform query` lists the Google Cloud SCC integrations that exist in Prisma Cloud;
# `terraform query -generate-config-out=generated.tf` also writes their resource blocks and
# the import blocks that adopt them (Terraform 1.14 and later).
list "prismacloud_integration_google_cscc" "all" {
  provider = prismacloud
}

# Only those whose name contains "scc", ignoring case.
list "prismacloud_integration_google_cscc" "named" {
  provider = prismacloud

  config {
    name = "scc"
  }
}
