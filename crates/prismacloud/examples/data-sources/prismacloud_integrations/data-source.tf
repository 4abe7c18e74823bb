# Every Slack integration of the tenant, whoever made it (disabled ones included).
data "prismacloud_integrations" "slack" {
  integration_type = "slack"
}

output "slack_integrations" {
  value = { for i in data.prismacloud_integrations.slack.integrations : i.name => i.id }
}

# Every integration of every type, e.g. to find the ones that are failing.
data "prismacloud_integrations" "all" {}

output "unhealthy_integrations" {
  value = [for i in data.prismacloud_integrations.all.integrations : i.name if i.valid == false]
}
