//! api (to be written)
