//! The Infracast platform for the integration engine.

pub mod config;
pub mod data_sources;
