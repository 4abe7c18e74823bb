# The identity sources Cloud SIEM pulls users and groups from: Okta always, Google Workspace
# and Entra ID when asked. Credentials are checked by Datadog in check blocks: one that stops
# working is a warning at every plan and apply, never a failed run.

locals {
  settings = length(var.settings) == 0 ? null : jsonencode(var.settings)
}

resource "datadogsiem_entity_context_sync_okta" "this" {
  name                 = "Okta (${var.okta_domain})"
  domain               = var.okta_domain
  api_token_wo         = var.okta_api_token
  api_token_wo_version = var.okta_api_token_version
  settings             = local.settings
}

check "okta_token" {
  data "datadogsiem_credentials_check" "okta" {
    integration_type = "okta"
    domain           = var.okta_domain
    secrets = {
      api_token = var.okta_api_token
    }
  }

  assert {
    condition     = data.datadogsiem_credentials_check.okta.valid
    error_message = "Datadog cannot use the Okta token: ${data.datadogsiem_credentials_check.okta.message}"
  }
}

resource "datadogsiem_entity_context_sync_google_workspace" "this" {
  count = var.google_workspace_domain == null ? 0 : 1

  name                            = "Google Workspace (${var.google_workspace_domain})"
  domain                          = var.google_workspace_domain
  service_account_json_wo         = var.google_workspace_key_json
  service_account_json_wo_version = 1
  admin_email                     = var.google_workspace_admin_email
  settings                        = local.settings
}

data "datadogsiem_entra_id_app_registrations" "azure" {
  count = var.entra_id_domain == null ? 0 : 1
}

resource "datadogsiem_entity_context_sync_entra_id" "this" {
  count = var.entra_id_domain == null ? 0 : 1

  name     = "Entra ID (${var.entra_id_domain})"
  domain   = var.entra_id_domain
  settings = local.settings

  lifecycle {
    precondition {
      condition     = data.datadogsiem_entra_id_app_registrations.azure[0].has_valid_prerequisite
      error_message = "Entra ID needs an Azure App Registration of the Datadog Azure integration with resource collection enabled."
    }
  }
}

check "stored_credentials" {
  data "datadogsiem_entity_context_sync_check" "okta" {
    id = datadogsiem_entity_context_sync_okta.this.id
  }

  assert {
    condition     = data.datadogsiem_entity_context_sync_check.okta.valid
    error_message = "Datadog can no longer read Okta: ${data.datadogsiem_entity_context_sync_check.okta.message}"
  }
}
