# Alert routing: Infracast findings to a webhook and to Slack.
#
# Infracast's "Test Connection" is a button in its UI (it runs from Infracast's backend; no API
# for it is published), so each integration is checked by the status Infracast reports: a check
# block reads it at every plan and apply. An integration that is not active is a warning: the
# apply goes on, and the warning says which integration and its status.

locals {
  names = {
    webhook = "${var.name_prefix} - webhook"
    slack   = "${var.name_prefix} - Slack"
  }
}

resource "infracast_integration_webhook" "this" {
  name              = local.names.webhook
  url               = var.webhook_url
  secret_wo         = var.webhook_signing_secret
  secret_wo_version = var.secrets_version
  events            = var.events
  filters = {
    severity = var.minimum_severities
  }
}

resource "infracast_integration_slack" "this" {
  name                   = local.names.slack
  webhook_url_wo         = var.slack_webhook_url
  webhook_url_wo_version = var.secrets_version
  events                 = var.events
}

check "webhook_active" {
  data "infracast_integration" "webhook" {
    id = infracast_integration_webhook.this.id
  }

  assert {
    condition     = data.infracast_integration.webhook.status == "active"
    error_message = "Infracast reports the webhook integration \"${local.names.webhook}\" as ${data.infracast_integration.webhook.status}, not active."
  }
}

check "slack_active" {
  data "infracast_integration" "slack" {
    id = infracast_integration_slack.this.id
  }

  assert {
    condition     = data.infracast_integration.slack.status == "active"
    error_message = "Infracast reports the Slack integration \"${local.names.slack}\" as ${data.infracast_integration.slack.status}, not active."
  }
}
