//! provider (to be written)
