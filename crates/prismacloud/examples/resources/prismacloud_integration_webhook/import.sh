# Import an integration by the ID Prisma Cloud gave it (Settings > Integrations, or the
# prismacloud_integrations data source).
terraform import prismacloud_integration_webhook.collector 9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f
