# Import an integration by the ID Prisma Cloud gave it (Settings > Integrations, or the
# prismacloud_integrations data source).
terraform import prismacloud_integration_google_cscc.scc 6d7e8f9a-0b1c-4d2e-9f3a-4b5c6d7e8f9a
