# Vulnerability data from Tenable.io.
variable "tenable_access_key" {
  type      = string
  sensitive = true
  ephemeral = true
}

variable "tenable_secret_key" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "prismacloud_integration_tenable" "vulns" {
  name                  = "Tenable.io"
  access_key_wo         = var.tenable_access_key
  access_key_wo_version = 1
  secret_key_wo         = var.tenable_secret_key
  secret_key_wo_version = 1
}
