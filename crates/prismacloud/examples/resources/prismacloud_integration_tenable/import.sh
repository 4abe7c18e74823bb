# Import an integration by the ID Prisma Cloud gave it (Settings > Integrations, or the
# prismacloud_integrations data source).
terraform import prismacloud_integration_tenable.vulns 8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e
