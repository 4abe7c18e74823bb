# Findings to Google Cloud Security Command Center.
resource "prismacloud_integration_google_cscc" "scc" {
  name      = "Google SCC findings"
  org_id    = "123456789012"
  source_id = "organizations/123456789012/sources/5551234567890"
}
