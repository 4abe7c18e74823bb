//! The binary: started by a human it explains itself; `--version` follows Cargo's.

use std::process::Command;

fn binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_terraform-provider-infracast"))
}

#[test]
fn run_directly_it_says_it_is_a_plugin_and_exits_1() {
    let out = binary()
        .env_remove("TF_PLUGIN_MAGIC_COOKIE")
        .output()
        .expect("the binary runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stdout.is_empty(),
        "nothing on stdout before a handshake"
    );
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains("Terraform provider for Infracast integrations"),
        "{text}"
    );
    let version = binary().arg("--version").output().unwrap();
    let text = String::from_utf8_lossy(&version.stdout);
    assert!(text.contains(env!("CARGO_PKG_VERSION")), "{text}");
}
