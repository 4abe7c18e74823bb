# Import a configuration by the ID Datadog gave it (the datadogsiem_entity_context_syncs data
# source lists them, or `terraform query` with a list block of this type).
terraform import datadogsiem_entity_context_sync_entra_id.corp 9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b13
