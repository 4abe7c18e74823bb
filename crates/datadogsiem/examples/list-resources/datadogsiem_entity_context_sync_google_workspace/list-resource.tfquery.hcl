# `terraform query` lists the Google Workspace configurations that exist in Datadog;
# `terraform query -generate-config-out=generated.tf` also writes their resource blocks and the
# import blocks that adopt them (Terraform 1.14 and later).
list "datadogsiem_entity_context_sync_google_workspace" "all" {
  provider = datadogsiem
}

# Only those whose name contains "corp", ignoring case.
list "datadogsiem_entity_context_sync_google_workspace" "named" {
  provider = datadogsiem

  config {
    name = "corp"
  }
}
