//! Integration tests of terraform-provider-prismacloud, in one binary: a module per area,
//! the support modules compiled once. Acceptance tests drive the real Terraform CLI against
//! `prismacloud-sandbox` on a free port; `api_*` script an HTTP server; `plugin_*` run the
//! provider binary's handshake.

mod api_fake;
mod plugin_support;
mod support;

mod acceptance_adopt;
mod acceptance_chaos;
mod acceptance_data_sources;
mod acceptance_errors;
mod acceptance_refresh;
mod acceptance_release;
mod acceptance_secrets;
mod acceptance_slack;
mod acceptance_types;
mod acceptance_validation;
mod acceptance_versions;
mod acceptance_webhook_headers;
mod api_auth;
mod api_create_safety;
mod api_crud;
mod api_retry;
mod api_snapshot;
mod api_tenant;
mod api_tls;
mod data_sources_api;
mod docs_examples;
mod docs_generated;
mod docs_migration;
mod plugin_debug;
mod plugin_handshake;
mod release_version;
mod reliability_concurrency;
mod reliability_lifecycle;
mod reliability_no_loss;
mod reliability_responses;
mod reliability_stop;
mod reliability_transport;
mod schema_snapshot;
