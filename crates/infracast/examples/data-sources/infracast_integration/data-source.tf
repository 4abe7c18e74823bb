# Read an integration someone made in the Infracast UI, by name (or by id), and use its ID,
# status and configuration elsewhere.
data "infracast_integration" "siem" {
  name             = "Splunk SIEM"
  integration_type = "splunk"
}

output "siem_index" {
  value = data.infracast_integration.siem.config["index"]
}

# Infracast publishes no API for its Test Connection button; its status is what a check block
# can assert.
check "siem_is_active" {
  assert {
    condition     = data.infracast_integration.siem.status == "active"
    error_message = "The Splunk integration is ${data.infracast_integration.siem.status}, not active."
  }
}
