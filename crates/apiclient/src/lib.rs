//! What every integration API client of this workspace shares. Knows no vendor and nothing of
//! Terraform: a client names its service (`Prisma Cloud`, `Datadog`, ...) and supplies the
//! shapes of its vendor's answers.
//!
//! # Layout
//!
//! - `error`: [`Error`], the one error type of every client, and [`ApiMessage`].
//! - `redact`: [`Redactions`], the secrets of a request, masked in whatever is kept of its
//!   answer.

mod error;
mod redact;

pub use error::{ApiMessage, Error};
pub use redact::{MASK, Redactions};
