# Alerts to Cortex XSOAR 8 (api_key_id is needed for 8.0). There is no test call for this type.
variable "xsoar_api_key" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "prismacloud_integration_demisto" "xsoar" {
  name               = "Cortex XSOAR"
  host_url           = "xsoar.example.com"
  demisto_version    = "8.0"
  api_key_id         = "17"
  api_key_wo         = var.xsoar_api_key
  api_key_wo_version = 1
}
