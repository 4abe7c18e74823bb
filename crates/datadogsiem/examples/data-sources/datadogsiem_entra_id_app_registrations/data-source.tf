# Entra ID's prerequisite: an Azure App Registration with resource collection enabled.
data "datadogsiem_entra_id_app_registrations" "azure" {}

output "azure_app_registrations" {
  value = [for r in data.datadogsiem_entra_id_app_registrations.azure.azure_app_registrations : r.client_id if r.resource_collection_enabled]
}

# A module that needs Entra ID requires it before planning the create.
resource "datadogsiem_entity_context_sync_entra_id" "corp" {
  name   = "Entra ID users"
  domain = "example.onmicrosoft.com"

  lifecycle {
    precondition {
      condition     = data.datadogsiem_entra_id_app_registrations.azure.has_valid_prerequisite
      error_message = "No Azure App Registration of the Datadog Azure integration has resource collection enabled."
    }
  }
}
