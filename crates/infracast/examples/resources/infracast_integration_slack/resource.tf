# Alert notifications to a Slack channel. The incoming webhook URL carries its own token, so it
# is a write-only secret.
variable "slack_webhook_url" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "infracast_integration_slack" "alerts" {
  name                   = "Security alerts"
  webhook_url_wo         = var.slack_webhook_url
  webhook_url_wo_version = 1
  events                 = ["finding.created", "job.completed", "job.failed"]
}
