# `terraform query` lists the splunk integrations of the tenant;
# `terraform query -generate-config-out=generated.tf` also writes their resource blocks and
# the import blocks that adopt them (Terraform 1.14 and later).
list "infracast_integration_splunk" "all" {
  provider = infracast
}

# Only those whose name contains "security", ignoring case.
list "infracast_integration_splunk" "named" {
  provider = infracast

  config {
    name = "security"
  }
}
