//! A Terraform provider for Prisma Cloud integrations, and a local sandbox of the
//! Prisma Cloud integration API.
//!
//! # Layout
//!
//! - [`tfplugin`]: Terraform plugin protocol 6 over gRPC (go-plugin handshake,
//!   AutoMTLS, values, schemas, diagnostics). Knows nothing of Prisma Cloud.
//! - [`api`]: the Prisma Cloud integration API client. Knows nothing of Terraform.
//! - [`catalog`]: every integration type declared as data.
//! - [`provider`]: joins the three: derives schemas from the catalog, maps Terraform
//!   values to API JSON and back, and implements the resource lifecycle.
//! - [`sandbox`]: an HTTP server that behaves like the Prisma Cloud integration API.
//! - [`docs`]: the Registry-style documentation, generated from the provider's schemas, the
//!   catalog and `examples/`.
//! - `fuzzing` (tests and the `fuzzing` feature): entry points for the fuzz targets in
//!   `fuzz/` and their bounded corpus test.

pub mod api;
pub mod catalog;
pub mod docs;
#[cfg(any(test, feature = "fuzzing"))]
pub mod fuzzing;
pub mod provider;
pub mod sandbox;
pub mod tfplugin;
