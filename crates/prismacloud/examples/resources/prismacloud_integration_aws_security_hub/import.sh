# Import an integration by the ID Prisma Cloud gave it (Settings > Integrations, or the
# prismacloud_integrations data source).
terraform import prismacloud_integration_aws_security_hub.findings 8c4f2d1e-5a6b-4c7d-9e0f-1a2b3c4d5e6f
