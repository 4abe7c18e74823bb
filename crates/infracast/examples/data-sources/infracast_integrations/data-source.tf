# Every integration of the tenant (all pages), or those of one type.
data "infracast_integrations" "all" {}

data "infracast_integrations" "webhooks" {
  integration_type = "webhook"
}

output "not_active" {
  value = [for i in data.infracast_integrations.all.integrations : i.name if i.status != "active"]
}

output "webhook_ids" {
  value = data.infracast_integrations.webhooks.integrations[*].id
}
