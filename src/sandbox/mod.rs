//! sandbox (to be written)
