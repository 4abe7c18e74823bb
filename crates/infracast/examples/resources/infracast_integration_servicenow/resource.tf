# CMDB sync, incidents for high findings, and POA&M sync with ServiceNow, as a dedicated
# service account.
variable "servicenow_password" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "infracast_integration_servicenow" "cmdb" {
  name                = "ServiceNow"
  instance_url        = "https://acme.service-now.com"
  username            = "svc_infracast"
  password_wo         = var.servicenow_password
  password_wo_version = 1

  cmdb_sync_enabled = true
  ci_class_mapping = {
    server   = "cmdb_ci_server"
    database = "cmdb_ci_database"
  }
  incident_creation_enabled = true
  incident_assignment_group = "Security Operations"
  minimum_severity          = "HIGH"
  poam_sync_enabled         = true
}
