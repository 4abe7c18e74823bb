# Read an integration someone made in the console, by name (or by id), and use its ID and
# configuration elsewhere.
data "prismacloud_integration" "staging" {
  name             = "Snowflake staging"
  integration_type = "aws_s3"
}

output "staging_bucket" {
  value = data.prismacloud_integration.staging.config["s3_uri"]
}

output "staging_is_healthy" {
  value = data.prismacloud_integration.staging.enabled && data.prismacloud_integration.staging.status != "RED"
}
