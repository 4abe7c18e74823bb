output "okta_id" {
  description = "The ID of the Okta configuration."
  value       = datadogsiem_entity_context_sync_okta.this.id
}

output "google_workspace_id" {
  description = "The ID of the Google Workspace configuration, if any."
  value       = one(datadogsiem_entity_context_sync_google_workspace.this[*].id)
}

output "entra_id_id" {
  description = "The ID of the Entra ID configuration, if any."
  value       = one(datadogsiem_entity_context_sync_entra_id.this[*].id)
}
