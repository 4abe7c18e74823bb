//! The Infracast integrations API client. Knows nothing of Terraform.
//!
//! Built on the workspace's `apiclient` kit, which supplies the transport (rustls, timeouts, no
//! redirects), retries with backoff honouring `Retry-After`, the stop switch, the shared
//! session (single-flight sign-in and renewal, a new token on 401), list snapshots and the
//! no-loss create; this module holds what is Infracast's.
//!
//! # Layout
//!
//! - `config`: [`ClientConfig`] and its defaults.
//! - `vendor`: Infracast for the kit (its name, waits, error envelope).
//! - `login`: sign-in with the credentials, renewal with the refresh token.
//! - `client`: [`Client`], its endpoints (tenant-scoped).
//! - `operations`: list (every page), get, read (from a shared list), replace, delete.
//! - `create`: the no-loss create, told how Infracast answers.
//! - `wire`: the API's shapes (bodies, answers, pages, login answers, the error envelope).

mod client;
mod config;
mod create;
mod login;
mod operations;
mod vendor;
pub mod wire;

pub use client::Client;
pub use config::{ClientConfig, DEFAULT_TOKEN_LIFETIME, DEFAULT_URL};
pub use operations::{MAX_PAGES, PER_PAGE};
