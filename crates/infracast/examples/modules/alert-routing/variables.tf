variable "name_prefix" {
  description = "Start of the integrations' names: \"<prefix> - webhook\", \"<prefix> - Slack\"."
  type        = string
  default     = "Infracast alerts"
}

variable "webhook_url" {
  description = "URL that receives findings as signed JSON. Use https://: a plain http:// URL is accepted with a warning."
  type        = string
}

variable "webhook_signing_secret" {
  description = "HMAC secret Infracast signs each payload with."
  type        = string
  sensitive   = true
  ephemeral   = true
}

variable "slack_webhook_url" {
  description = "Incoming-webhook URL of the Slack channel, https://hooks.slack.com/... (it carries a token)."
  type        = string
  sensitive   = true
  ephemeral   = true
}

variable "events" {
  description = "Events both integrations are triggered by."
  type        = set(string)
  default     = ["finding.created", "finding.severity_changed", "job.failed"]
}

variable "minimum_severities" {
  description = "Severities of the findings the webhook receives."
  type        = set(string)
  default     = ["CRITICAL", "HIGH"]
}

variable "secrets_version" {
  description = "Secrets are sent write-only (never stored in state), so Terraform cannot see them change: increase this number to send new values of both."
  type        = number
  default     = 1
}
