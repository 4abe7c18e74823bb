variable "name_prefix" {
  description = "Start of the integrations' names: \"<prefix> - Slack\", \"<prefix> - PagerDuty\", \"<prefix> - webhook\"."
  type        = string
  default     = "Prisma Cloud alerts"
}

variable "description" {
  description = "Description of the three integrations."
  type        = string
  default     = "Managed by Terraform (alert-routing module)"
}

variable "slack_webhook_url" {
  description = "Incoming-webhook URL of the Slack channel, https://hooks.slack.com/... (it carries a token)."
  type        = string
  sensitive   = true
}

variable "pagerduty_integration_key" {
  description = "Integration key of the PagerDuty service that receives the alerts."
  type        = string
  sensitive   = true
}

variable "webhook_url" {
  description = "URL that receives the alerts as JSON in an HTTP POST."
  type        = string
}

variable "webhook_auth_token" {
  description = "Token the webhook receiver expects with each request."
  type        = string
  sensitive   = true
}

variable "secrets_version" {
  description = "Secrets are sent write-only (never stored in state), so Terraform cannot see them change: increase this number to send new values of all three."
  type        = number
  default     = 1
}
