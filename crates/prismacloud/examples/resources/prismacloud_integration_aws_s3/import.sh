# Import an integration by the ID Prisma Cloud gave it (Settings > Integrations, or the
# prismacloud_integrations data source).
terraform import prismacloud_integration_aws_s3.archive 0d6a3f9b-8c7e-4d5a-9b1c-2e3f4a5b6c7d
