# Alerts as PagerDuty incidents. Bump integration_key_wo_version to send a new key.
variable "pagerduty_integration_key" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "prismacloud_integration_pager_duty" "on_call" {
  name                       = "On-call"
  description                = "High-severity alerts page the platform on-call"
  integration_key_wo         = var.pagerduty_integration_key
  integration_key_wo_version = 1
}
