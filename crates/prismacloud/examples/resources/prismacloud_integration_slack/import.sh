# Import an integration by the ID Prisma Cloud gave it (Settings > Integrations, or the
# prismacloud_integrations data source).
terraform import prismacloud_integration_slack.secops 3f2c9a8e-6b1d-4e7a-9c5f-0d8b2a4e6c1f
