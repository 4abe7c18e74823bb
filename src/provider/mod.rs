//! The Prisma Cloud provider: joins the protocol layer ([`crate::tfplugin`]), the catalog and
//! the API client ([`crate::api`]).

pub mod convert;
pub mod schema;
pub mod validate;
pub mod plan;
