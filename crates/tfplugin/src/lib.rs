//! Terraform plugin protocol 6 over gRPC, for providers written in Rust. Knows no vendor and no
//! integration: see `README.md`, and `examples/minimal.rs` for a whole provider in one file.
//!
//! # Layout
//!
//! - [`generated`]: protobuf messages and tonic services built from `proto/`.
//! - [`value`]: Terraform values and types; the MessagePack and JSON codecs.
//! - [`schema`]: schemas as a provider declares them.
//! - [`diag`]: diagnostics, the one channel for user-facing problems.
//! - [`provider`]: the trait a provider implements, with typed requests and responses.
//! - [`grpc`]: the tfplugin6 `Provider` service over any [`provider::Provider`].
//! - [`serve`]: the go-plugin handshake, AutoMTLS, side services, debug (reattach) mode.
//! - [`tls`]: certificates and the pinned-certificate verifier behind AutoMTLS.
//! - [`log`]: hclog-compatible JSON logs on stderr, as Terraform expects.

pub mod diag;
pub mod generated;
pub mod grpc;
pub mod log;
pub mod provider;
pub mod schema;
pub mod serve;
pub mod tls;
pub mod value;
