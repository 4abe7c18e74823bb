//! A local HTTP server that behaves like the Datadog Cloud SIEM entity context sync API
//! (`/api/v2/security_monitoring/configuration/integration_config`), so that examples,
//! acceptance tests and users' own CI run offline.
//!
//! It is strict on purpose: it enforces the documented rules server-side (the two key headers,
//! the JSON:API envelope, required attributes, no `enabled` on create, `integration_type` in
//! every PATCH, each type's `secrets` including a key file's shape), so that a client bug
//! shows up as a failing test rather than a silent pass. It is its own authority on the API,
//! written from the API documentation: it shares no code with the provider.
//!
//! # Layout
//!
//! - [`config`]: [`SandboxConfig`] (keys, the Entra ID prerequisite, the kit's settings).
//! - `state`: [`SandboxState`], shared by requests; `store`: the configurations;
//!   `persistence`: what `--state FILE` keeps.
//! - `vendor`: the sandbox as the `sandbox-kit` pipeline sees it (who calls, Datadog's
//!   rate-limit headers, refusals in the API's shape). The kit brings request ids, counters,
//!   latency, seeded fault injection, rate limits and the `/_sandbox/` control endpoints.
//! - `keys`: `DD-API-KEY` and `DD-APPLICATION-KEY` (403 otherwise).
//! - `routes`: the endpoints; `request`: the envelope and attributes each takes; `secrets`:
//!   each type's secrets and the sandbox's convention for credentials a source refuses;
//!   `render`: how a configuration reads (never its secrets); `error`: `{"errors": [...]}`.
//! - `server`: [`Sandbox`], a bound server.
//!
//! User documentation: `crates/datadogsiem-sandbox/README.md`.

pub mod config;
mod error;
mod keys;
mod persistence;
mod render;
mod request;
mod routes;
mod secrets;
mod server;
mod source_type;
mod state;
mod store;
mod vendor;

pub use config::{AzureAppRegistration, SandboxConfig};
pub use routes::BASE;
pub use sandbox_kit::{FaultConfig, FaultKind, FaultRule, FaultWeights, RateLimit, Stats};
pub use server::Sandbox;
pub use state::SandboxState;

/// The sandbox as an axum [`Router`](axum::Router) over `state`: the API's routes and the
/// control endpoints, in the kit's pipeline. Call it in-process or serve it
/// ([`Sandbox::start`]).
pub fn app(state: SandboxState) -> axum::Router {
    let routes = routes::api()
        .merge(sandbox_kit::control::routes::<SandboxState>())
        .merge(routes::control::routes())
        .fallback(routes::no_such_endpoint)
        .method_not_allowed_fallback(routes::method_not_allowed);
    sandbox_kit::app(routes, state)
}
