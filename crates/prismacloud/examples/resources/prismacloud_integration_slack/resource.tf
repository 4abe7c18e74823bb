# Alerts to a Slack channel. The webhook URL carries a token, so it is a secret: here it is
# write-only (never in plan or state; change webhook_url_wo_version to send a new one).
# `webhook_url = var.slack_webhook_url` also works, kept in state as a sensitive value.
variable "slack_webhook_url" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "prismacloud_integration_slack" "secops" {
  name                   = "Security alerts to secops"
  description            = "Prisma Cloud alerts for the platform team"
  webhook_url_wo         = var.slack_webhook_url
  webhook_url_wo_version = 1
}
