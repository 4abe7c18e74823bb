# Import an integration by the ID Prisma Cloud gave it (Settings > Integrations, or the
# prismacloud_integrations data source).
terraform import prismacloud_integration_snowflake.warehouse 6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b9c
