# Import an integration by the ID Infracast gave it (the infracast_integrations data source
# lists them, or `terraform query` with a list block of this type).
terraform import infracast_integration_okta_sso.saml intg-abc123def456
