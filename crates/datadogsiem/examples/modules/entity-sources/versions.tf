terraform {
  # Write-only secrets need Terraform 1.11 or later.
  required_version = ">= 1.11"

  required_providers {
    datadogsiem = {
      source  = "security-integrations/datadogsiem"
      version = "~> 0.1"
    }
  }
}
