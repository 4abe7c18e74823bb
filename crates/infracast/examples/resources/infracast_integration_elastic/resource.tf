# Findings to Elasticsearch, with an API key.
variable "elastic_api_key" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "infracast_integration_elastic" "kibana" {
  name               = "Elastic"
  instance_url       = "https://elastic.example.com:9200"
  api_key_wo         = var.elastic_api_key
  api_key_wo_version = 1
}
