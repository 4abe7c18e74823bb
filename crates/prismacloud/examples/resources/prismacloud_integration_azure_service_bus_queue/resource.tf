# Alerts to an Azure Service Bus queue through the service principal of an onboarded Azure
# account. Set either account_id or a connection string (connection_string_wo), not both.
resource "prismacloud_integration_azure_service_bus_queue" "queue" {
  name       = "Alerts to Service Bus"
  account_id = "b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e"
  queue_url  = "https://contoso-alerts.servicebus.windows.net/prisma-alerts"
}
