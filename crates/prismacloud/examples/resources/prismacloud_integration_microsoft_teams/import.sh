# Import an integration by the ID Prisma Cloud gave it (Settings > Integrations, or the
# prismacloud_integrations data source).
terraform import prismacloud_integration_microsoft_teams.secops 9f0a1b2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c
