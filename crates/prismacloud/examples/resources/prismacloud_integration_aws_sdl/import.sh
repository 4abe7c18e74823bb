# Import an integration by the ID Prisma Cloud gave it (Settings > Integrations, or the
# prismacloud_integrations data source).
terraform import prismacloud_integration_aws_sdl.lake 4b9e7c1a-2d3f-4e5a-8b6c-7d8e9f0a1b2c
