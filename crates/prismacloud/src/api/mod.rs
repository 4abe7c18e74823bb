//! Client of the Prisma Cloud integration API. Knows nothing of Terraform.
//!
//! [`Client`] lists, reads, creates, updates, deletes and tests integrations. It logs in with
//! an access key, shares one session token among all its clones and concurrent calls, retries
//! what is safe to retry (with backoff, honouring `Retry-After`), never creates an integration
//! twice, and can be stopped mid-wait. [`Error`] is the one error type.
//!
//! # Layout
//!
//! - `config`: [`ClientConfig`] and its defaults.
//! - `client`: [`Client`], construction, `stop`, authenticated calls with retries.
//! - `operations`: list, get, find by name, update, delete, test (safe to repeat).
//! - `snapshot`: one list shared by concurrent reads (refresh in O(1) calls), and by creates
//!   looking up what they just posted.
//! - `create`: create, the one operation that is not safe to repeat.
//! - `auth`: the shared session token (single-flight login and renewal).
//! - `transport`: one HTTP attempt, failure classification, waits between attempts.
//! - `backoff`: exponential backoff with full jitter, `Retry-After` parsing.
//! - `route`: the two endpoint families and which types each serves.
//! - `body`: request bodies per family. `model`: request and answer types.
//! - `messages`: the API's error messages and request ids. `outcome`: test answers.
//! - `error`: [`Error`] and [`ApiMessage`].
//!
//! # Secrets
//!
//! The secret key, the session token and secret `integrationConfig` values are held in
//! [`secrecy::SecretString`] and exposed only while a request is built. They never reach a log
//! line, an error message or a `Debug` output, and values the server echoes back in its
//! messages are masked.

mod auth;
mod backoff;
mod body;
mod client;
mod config;
mod create;
#[cfg(any(test, feature = "fuzzing"))]
pub mod fuzzing;
mod messages;
mod model;
mod operations;
mod outcome;
mod route;
mod snapshot;
mod transport;

pub use apiclient::{ApiMessage, Error};
pub use client::Client;
pub use config::{
    ClientConfig, DEFAULT_BACKOFF_BASE, DEFAULT_BACKOFF_CAP, DEFAULT_LIST_SNAPSHOT_TTL,
    DEFAULT_MAX_RETRIES, DEFAULT_REQUEST_TIMEOUT, DEFAULT_TOKEN_TTL, parse_ca_pem,
};

/// How errors name the service.
pub(crate) const SERVICE: &str = "Prisma Cloud";
pub use model::{Integration, IntegrationRequest, TestOutcome};
