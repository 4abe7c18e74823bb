# Alerts as ServiceNow incidents and security incidents. A new host_url replaces the
# integration.
variable "servicenow_password" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "prismacloud_integration_service_now" "tickets" {
  name                = "ServiceNow tickets"
  host_url            = "https://example.service-now.com"
  login               = "svc-prisma"
  password_wo         = var.servicenow_password
  password_wo_version = 1
  tables              = ["incident", "sn_si_incident"]
}
