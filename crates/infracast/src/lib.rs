//! A Terraform provider for Infracast integrations (`terraform-provider-infracast`), built on
//! the workspace's integration engine. The API's local stand-in is the `infracast-sandbox`
//! crate.
//!
//! # Layout
//!
//! - [`catalog`]: every integration of Infracast's Integrations Overview declared as data,
//!   inferred wire names marked with where they come from.
pub mod catalog;
