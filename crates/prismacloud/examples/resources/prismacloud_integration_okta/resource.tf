# User context from Okta (a Read-Only Admin API token).
variable "okta_api_token" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "prismacloud_integration_okta" "sso" {
  name                 = "Okta users"
  domain               = "example.okta.com"
  api_token_wo         = var.okta_api_token
  api_token_wo_version = 1
}
