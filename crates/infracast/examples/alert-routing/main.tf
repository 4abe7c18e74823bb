# Alert routing with the examples/modules/alert-routing module: a webhook and Slack, each
# checked by the status Infracast reports.
#
# The defaults work against the local sandbox (`cargo run --bin infracast-sandbox`, then paste
# its export lines). A receiver host ending in .invalid makes the sandbox report the
# integration as "error" (try it: the check block warns, the apply goes on). Against a real
# tenant, pass real values, e.g. in a .tfvars file kept out of version control.

terraform {
  required_version = ">= 1.11"

  required_providers {
    infracast = {
      source = "security-integrations/infracast"
    }
  }
}

provider "infracast" {} # configured from INFRACAST_* environment variables

variable "webhook_url" {
  description = "URL that receives findings as JSON."
  type        = string
  default     = "https://alerts.example.com/infracast"
}

variable "webhook_signing_secret" {
  description = "HMAC signing secret of the webhook."
  type        = string
  sensitive   = true
  ephemeral   = true
  default     = "example-signing-secret"
}

variable "slack_webhook_url" {
  description = "Incoming-webhook URL of the Slack channel."
  type        = string
  sensitive   = true
  ephemeral   = true
  default     = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"
}

module "alert_routing" {
  source = "../modules/alert-routing"

  name_prefix            = "Security alerts"
  webhook_url            = var.webhook_url
  webhook_signing_secret = var.webhook_signing_secret
  slack_webhook_url      = var.slack_webhook_url
}

output "integration_ids" {
  value = module.alert_routing.integration_ids
}

output "statuses" {
  value = module.alert_routing.statuses
}
