# Import an integration by the ID Prisma Cloud gave it (Settings > Integrations, or the
# prismacloud_integrations data source).
terraform import prismacloud_integration_qualys.vulns 4d5e6f7a-8b9c-4d0e-8f1a-2b3c4d5e6f7a
