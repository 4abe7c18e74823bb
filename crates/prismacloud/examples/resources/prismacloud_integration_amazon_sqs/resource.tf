# Alerts to an SQS queue through an IAM role. Only queue_url changes in place: a new role
# replaces the integration.
resource "prismacloud_integration_amazon_sqs" "queue" {
  name        = "Alerts to SQS"
  queue_url   = "https://sqs.us-east-1.amazonaws.com/123456789012/prisma-alerts"
  more_info   = true
  role_arn    = "arn:aws:iam::123456789012:role/PrismaCloudSqs"
  external_id = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"
}

# Or with IAM access keys, given write-only (never stored in plan or state).
variable "sqs_secret_key" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "prismacloud_integration_amazon_sqs" "with_keys" {
  name                  = "Alerts to SQS with keys"
  queue_url             = "https://sqs.eu-west-1.amazonaws.com/123456789012/prisma-alerts"
  more_info             = true
  access_key            = "AKIAIOSFODNN7EXAMPLE"
  secret_key_wo         = var.sqs_secret_key
  secret_key_wo_version = 1
}
