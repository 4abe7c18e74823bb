# Import a configuration by the ID Datadog gave it (the datadogsiem_entity_context_syncs data
# source lists them, or `terraform query` with a list block of this type).
terraform import datadogsiem_entity_context_sync_google_workspace.corp 0e9b6f1a-3c2d-4e5f-8a7b-1c2d3e4f5a61
