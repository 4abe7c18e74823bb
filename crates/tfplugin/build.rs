//! Compiles `proto/` into Rust with `protox` (a pure-Rust protobuf compiler, so
//! no `protoc` is needed) and `tonic-prost-build`.
//!
//! Both server and client code are generated: the provider binary serves, and
//! the tests drive it as Terraform would. `generate_default_stubs` gives every
//! RPC a default body answering UNIMPLEMENTED, so the provider implements only
//! the RPCs it supports.

use std::path::Path;

const PROTO_ROOT: &str = "proto";
const PROTO_FILES: &[&str] = &[
    "tfplugin6.proto",
    "plugin/grpc_controller.proto",
    "plugin/grpc_stdio.proto",
    "plugin/grpc_broker.proto",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-changed={PROTO_ROOT}");
    for file in PROTO_FILES {
        println!(
            "cargo:rerun-if-changed={}",
            Path::new(PROTO_ROOT).join(file).display()
        );
    }

    // Well-known types (Timestamp, Empty) come built into protox.
    let descriptors = protox::compile(PROTO_FILES, [PROTO_ROOT])?;

    tonic_prost_build::configure()
        .build_server(true)
        .build_client(true)
        .generate_default_stubs(true)
        .compile_fds(descriptors)?;
    Ok(())
}
