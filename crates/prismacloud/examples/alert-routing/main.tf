# Alert routing with the examples/modules/alert-routing module: Slack, PagerDuty and a webhook,
# each tested by Prisma Cloud in a check block.
#
# The defaults work against the local sandbox (`cargo run --bin prismacloud-sandbox`, then
# paste its export lines). Against a real tenant, pass real values, e.g. in a .tfvars file kept
# out of version control.

terraform {
  required_version = ">= 1.11"

  required_providers {
    prismacloud = {
      source = "prismacloud-community/prismacloud"
    }
  }
}

provider "prismacloud" {} # configured from PRISMACLOUD_* environment variables

variable "slack_webhook_url" {
  description = "Incoming-webhook URL of the Slack channel."
  type        = string
  sensitive   = true
  default     = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"
}

variable "pagerduty_integration_key" {
  description = "Integration key of the PagerDuty service."
  type        = string
  sensitive   = true
  default     = "0123456789abcdef0123456789abcdef"
}

variable "webhook_url" {
  description = "URL that receives alerts as JSON. A host ending in .invalid makes the sandbox's test fail (try it: the check block warns, the apply goes on)."
  type        = string
  default     = "https://alerts.example.com/prisma-cloud"
}

variable "webhook_auth_token" {
  description = "Token the webhook receiver expects."
  type        = string
  sensitive   = true
  default     = "example-webhook-token"
}

module "alert_routing" {
  source = "../modules/alert-routing"

  name_prefix               = "Security alerts"
  slack_webhook_url         = var.slack_webhook_url
  pagerduty_integration_key = var.pagerduty_integration_key
  webhook_url               = var.webhook_url
  webhook_auth_token        = var.webhook_auth_token
}

output "integration_ids" {
  value = module.alert_routing.integration_ids
}
