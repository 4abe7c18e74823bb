# Findings to AWS Security Hub in two regions; global resources report to us-east-1.
resource "prismacloud_integration_aws_security_hub" "findings" {
  name        = "Security Hub findings"
  description = "Prisma Cloud alerts as AWS Security Hub findings"
  account_id  = "123456789012"

  regions = [
    {
      name           = "AWS Virginia"
      api_identifier = "us-east-1"
      cloud_type     = "aws"
      sdk_id         = "us-east-1"
      enabled        = true
    },
    {
      name           = "AWS Ireland"
      api_identifier = "eu-west-1"
      cloud_type     = "aws"
      sdk_id         = "eu-west-1"
      enabled        = true
    },
  ]

  default_region = {
    name           = "AWS Virginia"
    api_identifier = "us-east-1"
    cloud_type     = "aws"
    sdk_id         = "us-east-1"
    enabled        = true
  }
}
