# Host vulnerability data from Qualys. base_url has no scheme.
variable "qualys_password" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "prismacloud_integration_qualys" "vulns" {
  name                = "Qualys"
  base_url            = "qualysapi.qualys.com"
  login               = "prisma_api"
  password_wo         = var.qualys_password
  password_wo_version = 1
}
