# Import an integration by the ID Prisma Cloud gave it (Settings > Integrations, or the
# prismacloud_integrations data source).
terraform import prismacloud_integration_okta.sso 1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e
