//! Tests of prismacloud-sandbox through its HTTP interface (in-process, or the binary), in one
//! binary: a module per area.

mod support;

#[cfg(unix)]
mod process;

mod auth;
mod crud;
mod fault_targets;
mod faults;
mod latency;
mod rate_limit;
mod secrets;
mod server;
mod state_file;
mod test_endpoint;
mod validation;
mod webhook_headers;
