//! What every integration API client of this workspace shares. Knows no vendor and nothing of
//! Terraform: a client describes its vendor (a [`Vendor`]: service name, request-id header,
//! wait headers, error-message shapes), says how it authenticates (static [`AuthHeaders`], or
//! a [`Session`] over its [`Login`]), and gets the rest: one HTTP attempt over rustls with
//! timeouts and no redirects, failure classification, retries with jittered backoff that honour
//! the server's waits, a stop switch, single-flight login and renewal with re-login on 401,
//! list snapshots shared by concurrent reads, and a create that never duplicates nor loses
//! what it posted.
//!
//! # Layout
//!
//! - `error`: [`Error`], the one error type of every client, and [`ApiMessage`].
//! - `redact`: [`Redactions`], the secrets of a request, masked in whatever is kept of its
//!   answer.
//! - `vendor`: [`Vendor`] and [`WaitHeader`], what the kit needs to know of an API.
//! - `config`: [`TransportConfig`], its defaults, [`parse_ca_pem`].
//! - `request`: [`RequestSpec`], [`Endpoint`], [`JsonBody`], [`Response`], [`AuthHeaders`],
//!   [`TokenHeader`].
//! - `transport`: [`Transport`], one attempt and the waits. `attempt`: [`Attempt`],
//!   [`Failure`]. `retry`: [`Retrier`], [`api_error`]. `backoff`: [`Backoff`],
//!   [`parse_retry_after`].
//! - `auth`: [`Authorize`] (static headers, or a session). `session`: [`Session`], [`Login`],
//!   [`Grant`], [`login_call`].
//! - `api`: [`Api`], a transport plus an authentication: `call`, `call_ok`, `attempt`.
//! - `snapshot`: [`Snapshots`], [`Listing`]. `create`: [`create()`] and its [`Create`] hooks.
//! - `json`: decoding answers without quoting them.
//!
//! # Secrets
//!
//! Passwords, tokens and API keys are held in [`secrecy::SecretString`] and exposed only while
//! a request is built; header values are marked sensitive; bodies, answers and headers show no
//! values in `Debug`; values a server echoes back in its messages are masked.

mod api;
mod attempt;
mod auth;
mod backoff;
mod config;
mod create;
mod error;
mod json;
mod redact;
mod request;
mod retry;
mod session;
mod snapshot;
mod transport;
mod vendor;

pub use api::Api;
pub use attempt::{Attempt, Failure, is_retryable_status};
pub use auth::Authorize;
pub use backoff::{Backoff, MAX_RETRY_AFTER, parse_retry_after};
pub use config::{
    DEFAULT_BACKOFF_BASE, DEFAULT_BACKOFF_CAP, DEFAULT_MAX_RETRIES, DEFAULT_REQUEST_TIMEOUT,
    TransportConfig, parse_ca_pem,
};
pub use create::{Create, Posted, create, created_incomplete};
pub use error::{ApiMessage, Error};
pub use json::{check_id, decode, kind, parse_json, secret_place};
pub use redact::{MASK, MIN_SECRET_LEN, Redactions, mask_secrets};
pub use request::{AuthHeaders, Endpoint, JsonBody, RequestSpec, Response, TokenHeader};
/// The HTTP types the kit's API speaks in.
pub use reqwest::{Method, StatusCode, header};
pub use retry::{Retrier, api_error};
pub use session::{Grant, Login, Session, SessionToken, login_call, token_field};
pub use snapshot::{DEFAULT_LIST_SNAPSHOT_TTL, Listing, Snapshots, WriteGuard};
pub use transport::Transport;
pub use vendor::{Vendor, WaitHeader};
