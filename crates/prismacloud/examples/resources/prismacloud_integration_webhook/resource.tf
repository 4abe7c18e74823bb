# Alerts as JSON to any HTTPS endpoint, with a custom payload for Config Scanner
# policies (`$${...}` keeps Prisma Cloud's `${...}` placeholders out of Terraform's hands).
variable "webhook_token" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "prismacloud_integration_webhook" "collector" {
  name                  = "Alert collector"
  url                   = "https://alerts.example.com/prisma-cloud"
  auth_token_wo         = var.webhook_token
  auth_token_wo_version = 1

  is_custom_payload_enabled = true
  custom_payloads = {
    CS = jsonencode([{ resourceId = "$${ResourceId}" }])
  }
}
