# Import an integration by the ID Prisma Cloud gave it (Settings > Integrations, or the
# prismacloud_integrations data source).
terraform import prismacloud_integration_azure_service_bus_queue.queue 7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f
