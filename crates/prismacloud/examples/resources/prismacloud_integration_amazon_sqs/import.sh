# Import an integration by the ID Prisma Cloud gave it (Settings > Integrations, or the
# prismacloud_integrations data source).
terraform import prismacloud_integration_amazon_sqs.queue 5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9
