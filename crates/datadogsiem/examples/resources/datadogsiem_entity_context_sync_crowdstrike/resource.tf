# Hosts and users from CrowdStrike Falcon, read with a Falcon API client. Both halves of the
# client are write-only here; bump the versions together when the client is replaced.
variable "falcon_client_id" {
  type      = string
  sensitive = true
  ephemeral = true
}

variable "falcon_client_secret" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "datadogsiem_entity_context_sync_crowdstrike" "falcon" {
  name                     = "CrowdStrike hosts"
  domain                   = "api.crowdstrike.com"
  client_id_wo             = var.falcon_client_id
  client_id_wo_version     = 1
  client_secret_wo         = var.falcon_client_secret
  client_secret_wo_version = 1
}
