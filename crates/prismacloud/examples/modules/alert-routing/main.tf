# Alert routing: Prisma Cloud alerts to Slack, PagerDuty and a webhook.
#
# Each integration has a check block that asks Prisma Cloud to test its configuration, at
# every plan and apply. A failing test is a warning: the apply goes on, and the warning says
# which integration failed and why.

locals {
  names = {
    slack     = "${var.name_prefix} - Slack"
    pagerduty = "${var.name_prefix} - PagerDuty"
    webhook   = "${var.name_prefix} - webhook"
  }
}

resource "prismacloud_integration_slack" "this" {
  name                   = local.names.slack
  description            = var.description
  webhook_url_wo         = var.slack_webhook_url
  webhook_url_wo_version = var.secrets_version
}

resource "prismacloud_integration_pager_duty" "this" {
  name                       = local.names.pagerduty
  description                = var.description
  integration_key_wo         = var.pagerduty_integration_key
  integration_key_wo_version = var.secrets_version
}

resource "prismacloud_integration_webhook" "this" {
  name                  = local.names.webhook
  description           = var.description
  url                   = var.webhook_url
  auth_token_wo         = var.webhook_auth_token
  auth_token_wo_version = var.secrets_version
}

check "slack" {
  data "prismacloud_integration_test" "slack" {
    integration_type = "slack"
    config = {
      webhook_url = var.slack_webhook_url
    }
  }

  assert {
    condition     = data.prismacloud_integration_test.slack.success
    error_message = "Prisma Cloud cannot use the Slack integration \"${local.names.slack}\": ${data.prismacloud_integration_test.slack.message}"
  }
}

check "pagerduty" {
  data "prismacloud_integration_test" "pagerduty" {
    integration_type = "pager_duty"
    config = {
      integration_key = var.pagerduty_integration_key
    }
  }

  assert {
    condition     = data.prismacloud_integration_test.pagerduty.success
    error_message = "Prisma Cloud cannot use the PagerDuty integration \"${local.names.pagerduty}\": ${data.prismacloud_integration_test.pagerduty.message}"
  }
}

check "webhook" {
  data "prismacloud_integration_test" "webhook" {
    integration_type = "webhook"
    config = {
      url        = var.webhook_url
      auth_token = var.webhook_auth_token
    }
  }

  assert {
    condition     = data.prismacloud_integration_test.webhook.success
    error_message = "Prisma Cloud cannot use the webhook integration \"${local.names.webhook}\": ${data.prismacloud_integration_test.webhook.message}"
  }
}
