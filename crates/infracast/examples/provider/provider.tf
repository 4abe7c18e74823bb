terraform {
  # Write-only secrets (the *_wo arguments) need Terraform 1.11 or later.
  required_version = ">= 1.11"

  required_providers {
    infracast = {
      source  = "security-integrations/infracast"
      version = "~> 0.1"
    }
  }
}

# Configured from the environment: INFRACAST_USERNAME, INFRACAST_PASSWORD and INFRACAST_TENANT
# (INFRACAST_URL for a self-hosted installation), optionally the others below.
provider "infracast" {}

# Or explicitly, here for a self-hosted installation. An ephemeral variable keeps the password
# out of the plan and the state (Terraform 1.10 and later).
variable "infracast_password" {
  description = "Password of the Terraform service account."
  type        = string
  sensitive   = true
  ephemeral   = true
}

provider "infracast" {
  alias           = "onprem"
  url             = "https://infracast.corp.example"
  username        = "terraform@corp.example"
  password        = var.infracast_password
  tenant          = "corp"
  ca_file         = "/etc/ssl/corp-ca.pem"
  request_timeout = "1m"
  max_retries     = 8
}
