terraform {
  # Write-only secrets (the *_wo arguments) need Terraform 1.11 or later.
  required_version = ">= 1.11"

  required_providers {
    datadogsiem = {
      source  = "security-integrations/datadogsiem"
      version = "~> 0.1"
    }
  }
}

# Configured from the environment: DD_API_KEY and DD_APP_KEY (or DATADOG_API_KEY and
# DATADOG_APP_KEY), DD_SITE for an organization outside datadoghq.com, or DD_HOST for a full URL.
provider "datadogsiem" {}

# Or explicitly, here for an organization on the EU site. Ephemeral variables keep the keys out
# of the plan and the state (Terraform 1.10 and later).
variable "eu_api_key" {
  type      = string
  sensitive = true
  ephemeral = true
}

variable "eu_app_key" {
  type      = string
  sensitive = true
  ephemeral = true
}

provider "datadogsiem" {
  alias           = "eu"
  site            = "datadoghq.eu"
  api_key         = var.eu_api_key
  app_key         = var.eu_app_key
  request_timeout = "1m"
  max_retries     = 8
}
