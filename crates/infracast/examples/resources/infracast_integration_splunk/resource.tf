# Findings to Splunk through the HTTP Event Collector.
variable "splunk_hec_token" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "infracast_integration_splunk" "siem" {
  name                 = "Splunk SIEM"
  hec_url              = "https://splunk.example.com:8088/services/collector/event"
  hec_token_wo         = var.splunk_hec_token
  hec_token_wo_version = 1
  index                = "security"
  events               = ["finding.created", "finding.severity_changed"]
  minimum_severity     = "MEDIUM"
}
