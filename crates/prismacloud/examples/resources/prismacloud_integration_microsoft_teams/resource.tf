# Alerts to a Microsoft Teams channel. The incoming-webhook URL carries a token: it is a secret.
variable "teams_webhook_url" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "prismacloud_integration_microsoft_teams" "secops" {
  name           = "Teams secops channel"
  url_wo         = var.teams_webhook_url
  url_wo_version = 1
}
