# `terraform query` lists the AWS Security Hub integrations that exist in Prisma Cloud;
# `terraform query -generate-config-out=generated.tf` also writes their resource blocks and
# the import blocks that adopt them (Terraform 1.14 and later).
list "prismacloud_integration_aws_security_hub" "all" {
  provider = prismacloud
}

# Only those whose name contains "security hub", ignoring case.
list "prismacloud_integration_aws_security_hub" "named" {
  provider = prismacloud

  config {
    name = "security hub"
  }
}
