# Import a configuration by the ID Datadog gave it (the datadogsiem_entity_context_syncs data
# source lists them, or `terraform query` with a list block of this type).
terraform import datadogsiem_entity_context_sync_crowdstrike.falcon 2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8094
