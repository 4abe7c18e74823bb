variable "okta_domain" {
  description = "The Okta organization's domain, e.g. example.okta.com."
  type        = string
}

variable "okta_api_token" {
  description = "An Okta API token; sent write-only, never stored in state."
  type        = string
  sensitive   = true
}

variable "okta_api_token_version" {
  description = "Bump to send a new okta_api_token."
  type        = number
  default     = 1
}

variable "google_workspace_domain" {
  description = "The Google Workspace domain, if Google Workspace is wanted."
  type        = string
  default     = null
}

variable "google_workspace_key_json" {
  description = "The service account's key file (its JSON text, e.g. file(\"key.json\")); sent write-only."
  type        = string
  default     = null
  sensitive   = true
}

variable "google_workspace_admin_email" {
  description = "The Google Workspace administrator the service account acts as."
  type        = string
  default     = null
}

variable "entra_id_domain" {
  description = "The Entra ID tenant's domain, if Entra ID is wanted (needs an Azure App Registration with resource collection enabled)."
  type        = string
  default     = null
}

variable "settings" {
  description = "Settings every configuration gets (a map, sent as JSON)."
  type        = map(string)
  default     = {}
}
