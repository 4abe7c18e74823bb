//! Integration tests of terraform-provider-infracast, in one binary: a module per area, the
//! support module compiled once. `acceptance_*` drive the real Terraform CLI against
//! `infracast-sandbox` on a free port; `api_*` drive the client; `docs_*` keep the Registry
//! pages and the examples right; `plugin` runs the binary.

mod support;

mod acceptance_check;
mod acceptance_faults;
mod acceptance_pagination;
mod acceptance_release;
mod acceptance_secrets;
mod acceptance_session;
mod acceptance_settings;
mod acceptance_types;
mod acceptance_validation;
mod acceptance_versions;
mod api_client;
mod docs_examples;
mod docs_generated;
mod plugin;
