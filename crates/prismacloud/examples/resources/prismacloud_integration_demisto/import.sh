# Import an integration by the ID Prisma Cloud gave it (Settings > Integrations, or the
# prismacloud_integrations data source).
terraform import prismacloud_integration_demisto.xsoar 3a4b5c6d-7e8f-4a9b-8c0d-1e2f3a4b5c6d
