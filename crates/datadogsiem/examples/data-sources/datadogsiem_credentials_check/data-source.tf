# Ask Datadog whether credentials work before (and whenever) they are used. In a check block,
# credentials that do not work are a warning naming Datadog's reason, and the apply goes on.
# The credentials are not kept in state (the data source stores `secrets` as null).
variable "okta_api_token" {
  type      = string
  sensitive = true
}

check "okta_token_works" {
  data "datadogsiem_credentials_check" "okta" {
    integration_type = "okta"
    domain           = "example.okta.com"
    secrets = {
      api_token = var.okta_api_token
    }
  }

  assert {
    condition     = data.datadogsiem_credentials_check.okta.valid
    error_message = "Datadog cannot use the Okta token: ${data.datadogsiem_credentials_check.okta.message}"
  }
}

# A key file is checked at plan time for its keys, then by Datadog.
variable "gws_key_file" {
  description = "Path of the service account's JSON key file."
  type        = string
}

data "datadogsiem_credentials_check" "google_workspace" {
  integration_type = "google_workspace"
  domain           = "example.com"
  secrets = {
    service_account_json = file(var.gws_key_file)
    admin_email          = "siem-sync@example.com"
  }
}

output "google_workspace_key_works" {
  value = data.datadogsiem_credentials_check.google_workspace.valid
}
