# Import an integration by the ID Prisma Cloud gave it (Settings > Integrations, or the
# prismacloud_integrations data source).
terraform import prismacloud_integration_pager_duty.on_call 2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f
