//! The integration engine: a Terraform provider for integration configurations, derived from a
//! catalog. It knows no vendor: a platform supplies its [`catalog::Catalog`], its API client
//! behind [`api::IntegrationApi`], its `provider` block and its words, as a
//! [`provider::Platform`]; [`provider::IntegrationProvider`] is then a whole provider.
//!
//! # Layout
//!
//! - [`catalog`]: the model — types, fields, kinds, checks, rules, secrets, mutability — and
//!   its lint.
//! - [`api`]: what the engine asks of a client, and the wire shapes it exchanges.
//! - [`schema`]: resource schemas (snake_case names, secret triplets, computed attributes).
//! - [`convert`]: Terraform values ↔ wire JSON, per kind.
//! - [`validate`]: plan-time checks, every problem naming its attribute and the fix.
//! - [`plan`], [`state`]: plans (defaults, replacement, JSON equality) and state from answers.
//! - [`resource`]: the lifecycle — read, plan, apply, import — with the no-loss create rules.
//! - [`identity`], [`list`], [`generate`]: identities, `terraform query`, generated config.
//! - [`data_sources`]: the lookup and list data sources.
//! - [`errors`]: API errors as diagnostics, secrets scrubbed, hints in the platform's words.
//! - [`provider`]: [`provider::Platform`] and [`provider::IntegrationProvider`].
//! - [`plugin`]: what every provider binary shares (environment, `User-Agent`, serving).
//! - [`settings`], [`client_settings`]: the `provider` block — settings with environment
//!   fallbacks, and those every API client takes (URL scheme, timeout, retries, private CA).
//! - [`docs`]: Registry pages from the schemas, the catalog and a provider's `examples/`.

pub mod api;
pub mod catalog;
pub mod client_settings;
pub mod convert;
pub mod data_sources;
pub mod docs;
pub mod errors;
pub mod generate;
pub mod identity;
pub mod list;
pub mod plan;
pub mod plugin;
pub mod provider;
pub mod resource;
pub mod schema;
pub mod settings;
pub mod state;
pub mod validate;

#[cfg(test)]
mod testing;
#[cfg(test)]
mod tests;
