# Import a configuration by the ID Datadog gave it (the datadogsiem_entity_context_syncs data
# source lists them, or `terraform query` with a list block of this type).
terraform import datadogsiem_entity_context_sync_okta.corp 5a1b2c3d-4e5f-4a7b-9c8d-0e1f2a3b4c52
