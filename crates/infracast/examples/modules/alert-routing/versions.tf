terraform {
  # Write-only arguments (the *_wo secrets) need Terraform 1.11.
  required_version = ">= 1.11"

  required_providers {
    infracast = {
      source = "security-integrations/infracast"
    }
  }
}
