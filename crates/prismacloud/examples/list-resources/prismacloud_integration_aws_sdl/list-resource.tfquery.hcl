# `terraform query` lists the Amazon Security Lake integrations that exist in Prisma Cloud;
# `terraform query -generate-config-out=generated.tf` also writes their resource blocks and
# the import blocks that adopt them (Terraform 1.14 and later).
list "prismacloud_integration_aws_sdl" "all" {
  provider = prismacloud
}

# Only those whose name contains "lake", ignoring case.
list "prismacloud_integration_aws_sdl" "named" {
  provider = prismacloud

  config {
    name = "lake"
  }
}
