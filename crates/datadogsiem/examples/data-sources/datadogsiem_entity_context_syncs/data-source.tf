# Every configuration, or those of one source type.
data "datadogsiem_entity_context_syncs" "all" {}

data "datadogsiem_entity_context_syncs" "okta" {
  integration_type = "okta"
}

output "configurations_with_broken_credentials" {
  value = [for c in data.datadogsiem_entity_context_syncs.all.entity_context_syncs : c.name if c.state == "invalid"]
}
