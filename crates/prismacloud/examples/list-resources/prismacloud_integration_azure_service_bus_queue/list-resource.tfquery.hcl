# `terraform query` lists the Azure Service Bus Queue integrations that exist in Prisma Cloud;
# `terraform query -generate-config-out=generated.tf` also writes their resource blocks and
# the import blocks that adopt them (Terraform 1.14 and later).
list "prismacloud_integration_azure_service_bus_queue" "all" {
  provider = prismacloud
}

# Only those whose name contains "service bus", ignoring case.
list "prismacloud_integration_azure_service_bus_queue" "named" {
  provider = prismacloud

  config {
    name = "service bus"
  }
}
