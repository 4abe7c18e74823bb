# Import an integration by the ID Prisma Cloud gave it (Settings > Integrations, or the
# prismacloud_integrations data source).
terraform import prismacloud_integration_service_now.tickets 5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b
