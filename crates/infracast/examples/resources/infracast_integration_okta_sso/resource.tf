# Sign-in with Okta through SAML 2.0 (the attribute names below are the defaults).
variable "okta_signing_certificate" {
  description = "Okta's SAML signing certificate, PEM (-----BEGIN CERTIFICATE-----...)."
  type        = string
}

resource "infracast_integration_okta_sso" "saml" {
  name             = "Okta SSO"
  sso_url          = "https://acme.okta.com/app/acme_infracast/exk1a2b3c4/sso/saml"
  entity_id        = "http://www.okta.com/exk1a2b3c4"
  x509_certificate = var.okta_signing_certificate

  email_attribute      = "email"
  first_name_attribute = "firstName"
  last_name_attribute  = "lastName"
  groups_attribute     = "groups"
}

# Or through OIDC: a discovery URL and the client Infracast is registered as in Okta.
variable "okta_client_secret" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "infracast_integration_okta_sso" "oidc" {
  name                     = "Okta SSO (OIDC)"
  discovery_url            = "https://acme.okta.com/.well-known/openid-configuration"
  client_id                = "0oa1b2c3d4e5f6g7h8i9"
  client_secret_wo         = var.okta_client_secret
  client_secret_wo_version = 1
}
