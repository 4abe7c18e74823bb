terraform {
  # Write-only secrets (the *_wo arguments) need Terraform 1.11 or later.
  required_version = ">= 1.11"

  required_providers {
    prismacloud = {
      source  = "prismacloud-community/prismacloud"
      version = "~> 0.1"
    }
  }
}

# Configured from the environment: PRISMACLOUD_URL, PRISMACLOUD_USERNAME (access key ID) and
# PRISMACLOUD_PASSWORD (secret key), optionally PRISMACLOUD_PRISMA_ID and the others below.
provider "prismacloud" {}

# Or explicitly, here for a second tenant. An ephemeral variable keeps the secret key out of
# the plan and the state (Terraform 1.10 and later).
variable "eu_secret_key" {
  description = "Secret key of the access key for the EU tenant."
  type        = string
  sensitive   = true
  ephemeral   = true
}

provider "prismacloud" {
  alias           = "eu"
  url             = "https://api.eu.prismacloud.io"
  username        = "0a1b2c3d-4e5f-6789-abcd-ef0123456789"
  password        = var.eu_secret_key
  prisma_id       = "806775361068"
  request_timeout = "1m"
  max_retries     = 8
}
