//! Terraform plugin protocol 6 over gRPC. Knows nothing of Prisma Cloud.
//!
//! - [`generated`]: protobuf messages and tonic services built from `proto/`.
//! - [`tls`]: certificates and the pinned-certificate verifier behind AutoMTLS.
//! - [`log`]: hclog-compatible JSON logs on stderr, as Terraform expects.

pub mod generated;
pub mod log;
pub mod tls;
