# Alerts to a Splunk HTTP event collector.
variable "splunk_hec_token" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "prismacloud_integration_splunk" "siem" {
  name                  = "Splunk SIEM"
  url                   = "https://splunk.example.com:8088/services/collector/event"
  source_type           = "prisma:alert"
  auth_token_wo         = var.splunk_hec_token
  auth_token_wo_version = 1
}
