# Import an integration by the ID Prisma Cloud gave it (Settings > Integrations, or the
# prismacloud_integrations data source).
terraform import prismacloud_integration_splunk.siem 7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d
