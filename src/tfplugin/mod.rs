//! Terraform plugin protocol 6 over gRPC. Knows nothing of Prisma Cloud.
//!
//! - [`generated`]: protobuf messages and tonic services built from `proto/`.
//! - [`serve`]: the go-plugin handshake (AutoMTLS, side services, signals) that
//!   lets Terraform launch the provider, plus a debug (reattach) mode.
//! - [`tls`]: certificates and the pinned-certificate verifier behind AutoMTLS.
//! - [`log`]: hclog-compatible JSON logs on stderr, as Terraform expects.

pub mod generated;
pub mod log;
pub mod serve;
pub mod tls;
