# Ask Prisma Cloud whether a Slack webhook works, at every plan and apply. In a check block a
# failed test is a warning naming the reason, and the apply goes on.
variable "slack_webhook_url" {
  type      = string
  sensitive = true
}

resource "prismacloud_integration_slack" "secops" {
  name        = "Security alerts to secops"
  webhook_url = var.slack_webhook_url
}

check "slack_webhook_works" {
  data "prismacloud_integration_test" "slack" {
    integration_type = "slack"
    config = {
      webhook_url = var.slack_webhook_url
    }
  }

  assert {
    condition     = data.prismacloud_integration_test.slack.success
    error_message = "Prisma Cloud cannot post to Slack: ${data.prismacloud_integration_test.slack.message}"
  }
}

# Outside a check block, a failed test is a value a precondition or an output can use.
data "prismacloud_integration_test" "splunk" {
  integration_type = "splunk"
  config = {
    url        = "https://splunk.example.com:8088/services/collector/event"
    auth_token = var.splunk_hec_token
  }
}

variable "splunk_hec_token" {
  type      = string
  sensitive = true
}

output "splunk_reachable" {
  value = data.prismacloud_integration_test.splunk.success
}
