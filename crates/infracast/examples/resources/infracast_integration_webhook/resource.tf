# Findings and discovery events as signed JSON to your own HTTPS endpoint.
variable "webhook_signing_secret" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "infracast_integration_webhook" "soc" {
  name              = "SOC findings feed"
  url               = "https://hooks.example.com/infracast"
  secret_wo         = var.webhook_signing_secret
  secret_wo_version = 1

  events = ["finding.created", "finding.severity_changed", "job.failed"]
  filters = {
    severity = ["CRITICAL", "HIGH"]
  }
  headers = {
    X-Source = "infracast"
  }
  timeout_seconds = 15
}
