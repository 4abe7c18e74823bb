//! Client of the Datadog Cloud SIEM entity context sync API
//! (`/api/v2/security_monitoring/configuration/integration_config`). Knows nothing of
//! Terraform.
//!
//! [`Client`] lists, reads, creates, updates, deletes and validates configurations and reads
//! Entra ID's prerequisite. It sends the two keys on every call, retries what is safe to retry
//! (429 — waiting as long as `X-RateLimit-Reset` says —, 5xx, network failures), never creates
//! a configuration twice nor loses one it created, shares one list among concurrent reads, and
//! can be stopped mid-wait: all of that is the workspace's `apiclient` kit; what is Datadog's
//! is here.
//!
//! # Layout
//!
//! - `config`: [`ClientConfig`] and its defaults. `site`: the nine Datadog sites.
//! - `client`: [`Client`], construction, `stop`, the endpoints.
//! - `operations`: list, get, update, delete, the two validations, the prerequisite (safe to
//!   repeat). `snapshot`: one list shared by concurrent reads.
//! - `create`: create, the one operation that is not safe to repeat, and the PATCH that
//!   disables a configuration just created (the API's create has no `enabled`).
//! - `model`: the JSON:API envelopes. `prerequisite`: Entra ID's answer. `messages`: the
//!   `{"errors": [...]}` answers.
//!
//! # Secrets
//!
//! The keys and every secret of a request are held in [`secrecy::SecretString`] and exposed
//! only while a request is built; values the server echoes back in its messages are masked.

mod client;
mod config;
mod create;
mod messages;
mod model;
mod operations;
mod prerequisite;
pub mod site;
mod snapshot;

pub use apiclient::{ApiMessage, Error};
pub use client::Client;
pub use config::{
    ClientConfig, DEFAULT_LIST_SNAPSHOT_TTL, DEFAULT_MAX_RETRIES, DEFAULT_REQUEST_TIMEOUT,
};
pub use model::{
    CredentialsRequest, RESOURCE_TYPE, SecretValue, Secrets, SyncConfig, SyncRequest, Verdict,
};
pub use prerequisite::{AppRegistration, AppRegistrations};

use apiclient::{Vendor, WaitHeader};

/// How the kit speaks to Datadog: its name in errors, the waits a 429 asks for
/// (`X-RateLimit-Reset`: seconds until the window resets; `Retry-After` from gateways), and
/// its `{"errors": [...]}` answers.
pub(crate) const VENDOR: Vendor = Vendor {
    service: "Datadog",
    request_id_header: None,
    wait_headers: &[
        WaitHeader::RateLimitReset("x-ratelimit-reset"),
        WaitHeader::RETRY_AFTER,
    ],
    parse_messages: |_, body| messages::parse(body),
};
