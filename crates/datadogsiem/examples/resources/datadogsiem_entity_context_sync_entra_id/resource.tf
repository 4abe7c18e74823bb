# Users and groups from Microsoft Entra ID, through the Azure integration: no credentials of its
# own, but an Azure App Registration with resource collection enabled must exist first.
data "datadogsiem_entra_id_app_registrations" "azure" {}

resource "datadogsiem_entity_context_sync_entra_id" "corp" {
  name    = "Entra ID users"
  domain  = "example.onmicrosoft.com"
  enabled = true

  lifecycle {
    precondition {
      condition     = data.datadogsiem_entra_id_app_registrations.azure.has_valid_prerequisite
      error_message = "Enable resource collection on an Azure App Registration of the Datadog Azure integration first."
    }
  }
}
