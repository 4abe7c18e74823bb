# Warn, at every plan and apply, when the stored credentials of a configuration stop working
# (a revoked token, a deleted service account).
resource "datadogsiem_entity_context_sync_entra_id" "corp" {
  name   = "Entra ID users"
  domain = "example.onmicrosoft.com"
}

check "entra_id_credentials" {
  data "datadogsiem_entity_context_sync_check" "corp" {
    id = datadogsiem_entity_context_sync_entra_id.corp.id
  }

  assert {
    condition     = data.datadogsiem_entity_context_sync_check.corp.valid
    error_message = "Datadog can no longer read Entra ID: ${data.datadogsiem_entity_context_sync_check.corp.message}"
  }
}
