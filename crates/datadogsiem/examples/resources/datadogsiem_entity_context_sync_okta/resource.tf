# Users and groups from Okta. The API token is write-only: never in plan or state; change
# api_token_wo_version to send a new one. `api_token = var.okta_api_token` also works, kept in
# state as a sensitive value.
variable "okta_api_token" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "datadogsiem_entity_context_sync_okta" "corp" {
  name                 = "Okta users"
  domain               = "example.okta.com"
  api_token_wo         = var.okta_api_token
  api_token_wo_version = 1
}
