//! A Terraform provider for Prisma Cloud integrations (`terraform-provider-prismacloud`).
//! The plugin protocol is the `tfplugin` crate; the API's local stand-in is the
//! `prismacloud-sandbox` crate.
//!
//! # Layout
//!
//! - [`api`]: the Prisma Cloud integration API client. Knows nothing of Terraform.
//! - [`catalog`]: every integration type declared as data.
//! - [`provider`]: joins the three: derives schemas from the catalog, maps Terraform
//!   values to API JSON and back, and implements the resource lifecycle.
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
