//! The provider binary run by a human rather than by Terraform: it says what it is and exits,
//! and `--version` is Cargo's.

use std::process::Command;

fn binary() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_terraform-provider-datadogsiem"));
    cmd.env_remove("TF_PLUGIN_MAGIC_COOKIE");
    cmd
}

#[test]
fn run_by_hand_it_explains_itself_and_exits() {
    let out = binary().output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("manages Datadog Cloud SIEM entity context sync configurations"),
        "{stderr}"
    );
    assert!(
        out.stdout.is_empty(),
        "nothing may reach stdout before a handshake"
    );

    let version = binary().arg("--version").output().unwrap();
    assert!(version.status.success());
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!(
            "terraform-provider-datadogsiem {}",
            env!("CARGO_PKG_VERSION")
        )
    );
}
