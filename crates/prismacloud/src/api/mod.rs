//! Client of the Prisma Cloud integration API. Knows nothing of Terraform.
//!
//! [`Client`] lists, reads, creates, updates, deletes and tests integrations. It logs in with
//! an access key, shares one session token among all its clones and concurrent calls, retries
//! what is safe to retry (with backoff, honouring `Retry-After`), never creates an integration
//! twice, and can be stopped mid-wait. [`Error`] is the one error type.
//!
//! # Layout
//!
//! The vendor-neutral machinery (transport, retries, backoff, the session cell, list
//! snapshots, the no-loss create) is the `apiclient` crate's; this module is what is Prisma
//! Cloud's: paths, bodies, answers, and how to log in.
//!
//! - `config`: [`ClientConfig`] and its defaults.
//! - `client`: [`Client`], construction, `stop`, the endpoints of this run.
//! - `login`: `POST /login`, `GET /auth_token/extend`, and the prisma id a login answer names.
//! - `tenant`: which endpoint family serves outbound types: v1 once the prisma id is known.
//! - `operations`: list, get, find by name, update, delete, test (safe to repeat).
//! - `snapshot`: one list shared by concurrent reads (refresh in O(1) calls), and by creates
//!   looking up what they just posted.
//! - `create`: create, the one operation that is not safe to repeat (`apiclient::create`'s
//!   hooks, and the PATCH that disables a v1 integration).
//! - `route`: the two endpoint families and which types each serves.
//! - `body`: request bodies per family. `model`: request and answer types.
//! - `messages`: the API's error messages. `outcome`: test answers.
//!
//! # Secrets
//!
//! The secret key, the session token and secret `integrationConfig` values are held in
//! [`secrecy::SecretString`] and exposed only while a request is built. They never reach a log
//! line, an error message or a `Debug` output, and values the server echoes back in its
//! messages are masked.

mod body;
mod client;
mod config;
mod create;
#[cfg(any(test, feature = "fuzzing"))]
pub mod fuzzing;
mod login;
mod messages;
mod model;
mod operations;
mod outcome;
mod route;
mod snapshot;
mod tenant;

pub use apiclient::{ApiMessage, Error};
pub use client::Client;
pub use config::{
    ClientConfig, DEFAULT_BACKOFF_BASE, DEFAULT_BACKOFF_CAP, DEFAULT_LIST_SNAPSHOT_TTL,
    DEFAULT_MAX_RETRIES, DEFAULT_REQUEST_TIMEOUT, DEFAULT_TOKEN_TTL, parse_ca_pem,
};
pub use model::{Integration, IntegrationRequest, TestOutcome};

/// Prisma Cloud as the `apiclient` kit speaks to it.
pub(crate) const VENDOR: apiclient::Vendor = apiclient::Vendor {
    service: "Prisma Cloud",
    request_id_header: Some("x-redlock-request-id"),
    // 429 and 503 may carry it; nothing else is documented.
    wait_headers: &[apiclient::WaitHeader::RETRY_AFTER],
    parse_messages: messages::parse_unmasked,
};

/// How errors name the service.
pub(crate) const SERVICE: &str = VENDOR.service;
