//! A local HTTP server that behaves like the Infracast integrations API, so that examples,
//! acceptance tests and users' own CI run offline.
//!
//! It is strict on purpose: it enforces the documented rules server-side (the webhook's body,
//! the error envelope, tenant scoping, pagination limits, PUT as a full replacement with every
//! secret), and the rules it infers for the other integration types just as strictly, so that a
//! client bug shows up as a failing test rather than a silent pass. It is its own authority on
//! the API, written from the documentation: it shares no code with the provider.
//!
//! It is the Infracast layer on [`sandbox_kit`], which supplies what every vendor sandbox
//! shares (request ids, counters, latency, fault injection, rate limits, control endpoints,
//! state files, the server and the shared flags); this crate holds the API itself.
//!
//! # Layout
//!
//! - [`config`]: [`SandboxConfig`] (users and tenants, token lifetimes, page sizes, the kit's
//!   settings).
//! - `state`: [`SandboxState`], shared by requests; `store`: the integrations; `persistence`:
//!   how they are kept in a state file.
//! - `vendor`: what the kit needs of Infracast (headers, who is calling, refusals).
//! - `routes`: auth (login, refresh, who is calling) and the tenant's integrations.
//! - `request`: the create/replace body and how an integration reads; `rules`: every type's
//!   `config` keys.
//! - `error`: the `{"error": {"code", "message", "details"}}` envelope.
//! - `server`: [`Sandbox`], a bound server.
//!
//! User documentation: `crates/infracast-sandbox/README.md`.

pub mod config;
mod error;
mod persistence;
mod request;
mod routes;
mod rules;
mod server;
mod state;
mod store;
mod vendor;

pub use config::SandboxConfig;
/// The kit's fault injection and counters, as tests configure and read them.
pub use sandbox_kit::{
    FaultConfig, FaultKind, FaultRule, FaultWeights, KitSettings, RateLimit, Stats,
};
pub use server::Sandbox;
pub use state::SandboxState;

/// The sandbox as an axum [`Router`](axum::Router) over `state`, inside the kit's pipeline.
pub fn app(state: SandboxState) -> axum::Router {
    sandbox_kit::app(routes::router(), state)
}
