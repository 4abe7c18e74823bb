//! A local HTTP server that behaves like the Prisma Cloud integration API, so that examples,
//! acceptance tests and users' own CI run offline.
//!
//! It is strict on purpose: it enforces the documented rules server-side (required keys, types,
//! formats, immutable keys, write-only secrets, one Amazon Security Lake per customer, ...), so
//! that a client bug shows up as a failing test rather than a silent pass. It is its own
//! authority on the API, written from the API documentation: it shares no code with the
//! provider's catalog or API client, so it can catch their mistakes.
//!
//! It is the Prisma Cloud layer on [`sandbox_kit`], which supplies what every vendor sandbox
//! shares (request ids, counters, latency, fault injection, rate limits, control endpoints,
//! state files, the server and the shared flags); this crate holds the API itself.
//!
//! # Layout
//!
//! - [`config`]: [`SandboxConfig`] (credentials, tenant, token TTL, and the kit's settings).
//! - `state`: [`SandboxState`], shared by requests; `store`: the integrations;
//!   `persistence`: how they are kept in a state file (`--state`).
//! - `vendor`: what the kit needs of Prisma Cloud (headers, identification, refusals).
//! - `pipeline`: the order of the pipeline's steps; error rendering, token and tenant checks.
//! - `routes`: the endpoints of the classic and v1 families, login, license.
//! - `integrations`: what the endpoints do (create, update, patch, delete, test).
//! - `request` and `rules`: validation of bodies and of every type's `integrationConfig`.
//! - `render`: how an integration reads per family (secrets masked on v1, absent on classic).
//! - `reachability`: the test-call convention (`.invalid` hosts and the word `unreachable`).
//! - `error`: the error shape; `server`: [`Sandbox`], a bound server.
//!
//! User documentation: `crates/prismacloud-sandbox/README.md`.

pub mod config;
mod error;
mod integration_type;
mod integrations;
mod persistence;
mod pipeline;
mod reachability;
mod render;
mod request;
mod routes;
mod rules;
mod server;
mod state;
mod store;
mod vendor;

pub use config::SandboxConfig;
/// Fault injection, from the kit: kinds, weights, rules, targets.
pub use sandbox_kit::faults;
pub use sandbox_kit::{
    FaultConfig, FaultKind, FaultRule, FaultWeights, RateLimit, Stats, UNMATCHED_ROUTE,
};
pub use server::Sandbox;
pub use state::SandboxState;

/// The sandbox as an axum [`Router`](axum::Router) over `state`: call it in-process (e.g. with
/// `tower::ServiceExt::oneshot`) or serve it; [`Sandbox::start`] does the latter.
pub fn app(state: SandboxState) -> axum::Router {
    let routes = routes::router(&state).layer(axum::middleware::from_fn(pipeline::render_errors));
    sandbox_kit::app(routes, state)
}
