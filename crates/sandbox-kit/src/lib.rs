//! What every vendor API sandbox shares, and knows of no vendor: the parts of a local stand-in
//! for a vendor's API that are about *being a test server* rather than about the API.
//!
//! A vendor sandbox (e.g. `prismacloud-sandbox`) writes its routes, validation rules, store,
//! sessions and error shapes, implements [`Vendor`] on its shared state, and gets from the kit:
//!
//! - a request pipeline ([`app`]): request ids in the vendor's header, counters, one log line
//!   per request, a fixed latency, seeded fault injection, per-caller token-bucket rate limits;
//!   every refusal is answered in the vendor's own shape ([`Vendor::refuse`]);
//! - control endpoints under `/_sandbox/` ([`control::routes`]): stats, reset, faults;
//! - [`sessions`]: opaque tokens with a lifetime, for APIs that log in;
//! - [`state_file`]: objects kept across restarts, written atomically;
//! - [`Server`]: serving on a given or free address until shut down;
//! - [`cli`]: the shared flags, their environment variables, the printed `export` lines.
//!
//! A guide to writing a vendor sandbox on the kit: `crates/sandbox-kit/README.md`.
//!
//! # Layout
//!
//! - `vendor`: the [`Vendor`] trait, [`Caller`], [`Refusal`], [`html_error`].
//! - `kit`: [`Kit`], the kit's share of a sandbox's state, and [`KitSettings`].
//! - `pipeline`: [`app`], the edge (request id, counters, log) and identification.
//! - `latency`, [`faults`], [`rate_limit`]: the other pipeline steps.
//! - [`control`], [`stats`], [`sessions`], [`state_file`], `server`, [`cli`].

pub mod cli;
pub mod control;
pub mod faults;
mod kit;
mod latency;
mod pipeline;
pub mod rate_limit;
mod server;
pub mod sessions;
pub mod state_file;
pub mod stats;
mod vendor;

pub use faults::{FaultConfig, FaultKind, FaultRule, FaultWeights, RouteTarget};
pub use kit::{Kit, KitSettings};
pub use pipeline::{CONTROL_PREFIX, RequestInfo, app};
pub use rate_limit::{RateField, RateLimit};
pub use server::Server;
pub use state_file::{StateFile, StateFileError};
pub use stats::{Stats, StatsRecorder, UNMATCHED_ROUTE};
pub use vendor::{Caller, Refusal, Vendor, html_error};
