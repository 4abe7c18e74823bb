# Quickstart: route Prisma Cloud alerts to a Slack channel.
#
# `make demo` runs this against the local sandbox. Against a real tenant, set
# PRISMACLOUD_URL, PRISMACLOUD_USERNAME (access key ID) and PRISMACLOUD_PASSWORD
# (secret key) and run `terraform apply`.

terraform {
  required_providers {
    prismacloud = {
      source = "prismacloud-community/prismacloud"
    }
  }
}

provider "prismacloud" {}

variable "slack_webhook_url" {
  description = "Incoming-webhook URL of the Slack channel (it carries a token)."
  type        = string
  sensitive   = true
  default     = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"
}

resource "prismacloud_integration_slack" "secops" {
  name        = "Security alerts to secops"
  description = "Prisma Cloud alerts for the platform team"
  webhook_url = var.slack_webhook_url
}

output "slack_integration" {
  value = {
    id         = prismacloud_integration_slack.secops.id
    name       = prismacloud_integration_slack.secops.name
    enabled    = prismacloud_integration_slack.secops.enabled
    created_by = prismacloud_integration_slack.secops.created_by
  }
}
