output "integration_ids" {
  description = "IDs of the integrations, by channel."
  value = {
    webhook = infracast_integration_webhook.this.id
    slack   = infracast_integration_slack.this.id
  }
}

output "statuses" {
  description = "Status of each integration as Infracast reports it."
  value = {
    webhook = infracast_integration_webhook.this.status
    slack   = infracast_integration_slack.this.status
  }
}
