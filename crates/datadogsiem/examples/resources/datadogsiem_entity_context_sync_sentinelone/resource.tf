# Endpoints and users from SentinelOne. Disabled until the rollout: the configuration is stored
# (and its token checked), but nothing is ingested.
variable "sentinelone_api_token" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "datadogsiem_entity_context_sync_sentinelone" "console" {
  name                 = "SentinelOne endpoints"
  domain               = "example.sentinelone.net"
  enabled              = false
  api_token_wo         = var.sentinelone_api_token
  api_token_wo_version = 1
}
