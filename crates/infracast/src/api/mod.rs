//! The Infracast integrations API client. Knows nothing of Terraform.
//!
//! # Layout
//!
//! - `config`: [`ClientConfig`] and its defaults.
//! - `wire`: the API's shapes (bodies, answers, pages, login answers, the error envelope).

mod config;
pub mod wire;

pub use config::{
    ClientConfig, DEFAULT_MAX_RETRIES, DEFAULT_REQUEST_TIMEOUT, DEFAULT_TOKEN_LIFETIME, DEFAULT_URL,
};
