# A root configuration: the module with Okta and Entra ID, the provider configured from the
# environment (DD_API_KEY, DD_APP_KEY, and DD_SITE or DD_HOST; `datadogsiem-sandbox` prints them).
terraform {
  required_version = ">= 1.11"

  required_providers {
    datadogsiem = {
      source  = "security-integrations/datadogsiem"
      version = "~> 0.1"
    }
  }
}

provider "datadogsiem" {}

variable "okta_api_token" {
  type      = string
  sensitive = true
}

module "entity_sources" {
  source = "../modules/entity-sources"

  okta_domain     = "example.okta.com"
  okta_api_token  = var.okta_api_token
  entra_id_domain = "example.onmicrosoft.com"
  settings = {
    sync_interval = "1h"
  }
}

output "okta_id" {
  value = module.entity_sources.okta_id
}

output "entra_id_id" {
  value = module.entity_sources.entra_id_id
}
