# Users and groups from Google Workspace, read with a service account's key file. The key file
# goes in as downloaded; here it is write-only (never in plan or state): change
# service_account_json_wo_version to send a new one.
variable "gws_key_file" {
  description = "Path of the service account's JSON key file."
  type        = string
}

resource "datadogsiem_entity_context_sync_google_workspace" "corp" {
  name                            = "Google Workspace users"
  domain                          = "example.com"
  service_account_json_wo         = file(var.gws_key_file)
  service_account_json_wo_version = 1
  admin_email                     = "siem-sync@example.com"

  settings = jsonencode({
    sync_groups = true
  })
}
