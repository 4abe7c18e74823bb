//! Tests of `datadogsiem-sandbox` through its HTTP interface, in one binary: a module per area.

mod support;

mod binary;
mod checks;
mod crud;
mod limits;
mod persistence;
mod validation;
