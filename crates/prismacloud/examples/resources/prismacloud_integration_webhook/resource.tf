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

# Headers Prisma Cloud adds to every request: plain ones with their values, secure ones by
# name only, their values in the sensitive `secure_header_values` (or, never stored, in
# `secure_header_values_wo` with a version to bump when they change).
variable "siem_token" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "prismacloud_integration_webhook" "siem" {
  name                  = "SIEM alerts"
  url                   = "https://siem.example.com/hooks/prisma-cloud"
  auth_token_wo         = var.webhook_token
  auth_token_wo_version = 1

  headers = [
    { key = "X-Source", value = "prisma-cloud" },
    { key = "Authorization", secure = true },
  ]
  secure_header_values_wo = {
    Authorization = "Bearer ${var.siem_token}"
  }
  secure_header_values_wo_version = 1
}
