# `terraform query` lists the elastic integrations of the tenant;
# `terraform query -generate-config-out=generated.tf` also writes their resource blocks and
# the import blocks that adopt them (Terraform 1.14 and later).
list "infracast_integration_elastic" "all" {
  provider = infracast
}

# Only those whose name contains "security", ignoring case.
list "infracast_integration_elastic" "named" {
  provider = infracast

  config {
    name = "security"
  }
}
