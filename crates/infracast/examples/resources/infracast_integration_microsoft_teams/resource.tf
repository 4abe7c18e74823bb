# Alert notifications to a Microsoft Teams channel.
variable "teams_webhook_url" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "infracast_integration_microsoft_teams" "alerts" {
  name                   = "Security alerts (Teams)"
  webhook_url_wo         = var.teams_webhook_url
  webhook_url_wo_version = 1
  events                 = ["finding.created", "finding.severity_changed"]
}
