//! A local HTTP server that behaves like the Prisma Cloud integration API, so that examples,
//! acceptance tests and users' own CI run offline.
//!
//! It is strict on purpose: it enforces the documented rules server-side (required keys, types,
//! formats, immutable keys, write-only secrets, one Amazon Security Lake per customer, ...), so
//! that a client bug shows up as a failing test rather than a silent pass. It is its own
//! authority on the API, written from the API documentation: it shares no code with the
//! provider's catalog or API client, so it can catch their mistakes.
//!
//! # Layout
//!
//! - [`config`]: [`SandboxConfig`] (credentials, tenant, token TTL, rate limit, latency).
//! - `state`: [`SandboxState`], shared by requests; `store`: the integrations.
//! - `pipeline`: request id, logging, counters, error rendering, identification, rate limit.
//! - `latency`: the fixed per-request delay of [`SandboxConfig::latency`], for benchmarks.
//! - [`faults`]: seeded fault injection (latency, 429, 5xx, dropped connections, early token
//!   expiry) and the watch on `Retry-After`.
//! - `routes`: the endpoints of the classic and v1 families, login, license, control.
//! - `integrations`: what the endpoints do (create, update, patch, delete, test).
//! - `request` and `rules`: validation of bodies and of every type's `integrationConfig`.
//! - `render`: how an integration reads per family (secrets masked on v1, absent on classic).
//! - `reachability`: the test-call convention (`.invalid` hosts and the word `unreachable`).
//! - `session`, `rate_limit`, `stats`, `error`: tokens, buckets, counters, the error shape.
//! - `server`: [`Sandbox`], a bound server.
//!
//! User documentation: `crates/prismacloud-sandbox/README.md`.

pub mod config;
mod error;
pub mod faults;
mod integration_type;
mod integrations;
mod latency;
mod pipeline;
mod rate_limit;
mod reachability;
mod render;
mod request;
mod routes;
mod rules;
mod server;
mod session;
mod state;
mod stats;
mod store;

pub use config::{RateLimit, SandboxConfig};
pub use faults::{FaultConfig, FaultKind, FaultRule, FaultWeights};
pub use server::Sandbox;
pub use state::SandboxState;
pub use stats::{Stats, UNMATCHED_ROUTE};

/// The sandbox as an axum [`Router`](axum::Router) over `state`: call it in-process (e.g. with
/// `tower::ServiceExt::oneshot`) or serve it; [`Sandbox::start`] does the latter.
pub fn app(state: SandboxState) -> axum::Router {
    let router = routes::router(&state).with_state(state.clone());
    pipeline::wrap(router, &state)
}
