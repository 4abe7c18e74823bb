//! Integration tests of terraform-provider-datadogsiem, in one binary: a module per area, the
//! support module compiled once. `acceptance_*` drive the real Terraform CLI against
//! `datadogsiem-sandbox` on a free port; `api_*` script an HTTP server; `docs_*` keep the
//! Registry pages and examples right.

mod support;

mod acceptance_adopt;
mod acceptance_checks;
mod acceptance_drift;
mod acceptance_module;
mod acceptance_secrets;
mod acceptance_types;
mod docs_examples;
mod docs_generated;
