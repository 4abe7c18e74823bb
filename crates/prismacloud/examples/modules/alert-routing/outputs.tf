output "integration_ids" {
  description = "IDs of the integrations, by channel: use them in alert rules."
  value = {
    slack     = prismacloud_integration_slack.this.id
    pagerduty = prismacloud_integration_pager_duty.this.id
    webhook   = prismacloud_integration_webhook.this.id
  }
}

output "integration_names" {
  description = "Names of the integrations, by channel."
  value       = local.names
}
