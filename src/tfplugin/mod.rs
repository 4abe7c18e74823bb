//! tfplugin (to be written)
pub mod diag;
pub mod provider;
pub mod schema;
pub mod value;
