//! A Terraform provider for Infracast integrations (`terraform-provider-infracast`), built on
//! the workspace's integration engine. The API's local stand-in is the `infracast-sandbox`
//! crate.
//!
//! # Layout
//!
//! - [`api`]: the Infracast integrations API client. Knows nothing of Terraform.
//! - [`catalog`]: every integration of Infracast's Integrations Overview declared as data,
//!   inferred wire names marked with where they come from.
//! - [`provider`]: the Infracast platform of the integration engine: the provider block, the
//!   data sources' words, the client behind the engine's trait.

pub mod api;
pub mod catalog;
pub mod provider;
