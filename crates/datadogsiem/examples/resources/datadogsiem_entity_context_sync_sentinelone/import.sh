# Import a configuration by the ID Datadog gave it (the datadogsiem_entity_context_syncs data
# source lists them, or `terraform query` with a list block of this type).
terraform import datadogsiem_entity_context_sync_sentinelone.console 7c6b5a49-3827-4165-a4b3-c2d1e0f9a8b5
