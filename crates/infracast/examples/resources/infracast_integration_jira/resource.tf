# Findings to Jira tickets and POA&M items to Jira issues, with an API key of a service
# account.
variable "jira_api_key" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "infracast_integration_jira" "tickets" {
  name               = "Jira"
  instance_url       = "https://acme.atlassian.net"
  username           = "infracast-bot@acme.example"
  api_key_wo         = var.jira_api_key
  api_key_wo_version = 1
}
