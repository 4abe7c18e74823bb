# One configuration, by name (exact) or by ID, whoever created it.
data "datadogsiem_entity_context_sync" "okta" {
  name             = "Okta users"
  integration_type = "okta"
}

output "okta_sync_state" {
  value = data.datadogsiem_entity_context_sync.okta.state
}
