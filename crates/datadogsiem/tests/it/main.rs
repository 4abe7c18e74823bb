//! Integration tests of terraform-provider-datadogsiem, in one binary: a module per area, the
//! support modules compiled once. `acceptance_*` drive the real Terraform CLI against
//! `datadogsiem-sandbox` on a free port; `api_*` script an HTTP server for the client; `docs_*`
//! keep the Registry pages and the examples right; `plugin_*` run the binary.

mod api_fake;
mod support;

mod acceptance_adopt;
mod acceptance_checks;
mod acceptance_drift;
mod acceptance_faults;
mod acceptance_module;
mod acceptance_release;
mod acceptance_secrets;
mod acceptance_settings;
mod acceptance_types;
mod acceptance_versions;
mod api_client;
mod docs_examples;
mod docs_generated;
mod plugin_binary;
