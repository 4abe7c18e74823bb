//! Environment checks and the exact text we print.

use std::collections::HashMap;

use super::*;

const MESSAGE: &str = "This is a Terraform plugin.";

fn read(vars: &[(&str, &str)]) -> Result<PluginEnv, ServeError> {
    let vars: HashMap<String, String> = vars
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    PluginEnv::read(|name| vars.get(name).cloned(), MESSAGE)
}

fn with_cookie<'a>(more: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut vars = vec![(MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE)];
    vars.extend_from_slice(more);
    vars
}

#[test]
fn reads_what_terraform_sets() {
    let env = read(&with_cookie(&[
        ("PLUGIN_PROTOCOL_VERSIONS", "5,6"),
        ("PLUGIN_MIN_PORT", "10000"),
        ("PLUGIN_MAX_PORT", "25000"),
        ("PLUGIN_CLIENT_CERT", "-----BEGIN CERTIFICATE-----\n..."),
    ]))
    .expect("valid environment");

    assert_eq!(env.ports, 10000..=25000);
    assert_eq!(
        env.client_cert_pem.as_deref(),
        Some("-----BEGIN CERTIFICATE-----\n...")
    );
}

#[test]
fn without_ports_or_certificate_the_system_picks_and_tls_is_off() {
    let env = read(&with_cookie(&[("PLUGIN_PROTOCOL_VERSIONS", "6")])).expect("valid");
    assert_eq!(env.ports, 0..=0);
    assert_eq!(env.client_cert_pem, None);
}

#[test]
fn a_missing_or_wrong_cookie_means_a_human_started_us() {
    for vars in [vec![], vec![(MAGIC_COOKIE_KEY, "nope")]] {
        match read(&vars) {
            Err(ServeError::NotLaunchedByTerraform { message }) => assert_eq!(message, MESSAGE),
            other => panic!("expected NotLaunchedByTerraform, got {other:?}"),
        }
    }
}

#[test]
fn protocol_6_must_be_offered_when_versions_are_named() {
    match read(&with_cookie(&[("PLUGIN_PROTOCOL_VERSIONS", "4,5")])) {
        Err(ServeError::UnsupportedProtocol { offered }) => assert_eq!(offered, "4,5"),
        other => panic!("expected UnsupportedProtocol, got {other:?}"),
    }
    // "60" is not 6.
    assert!(read(&with_cookie(&[("PLUGIN_PROTOCOL_VERSIONS", "60")])).is_err());
    // Whitespace and junk entries are tolerated, like go-plugin does.
    assert!(read(&with_cookie(&[("PLUGIN_PROTOCOL_VERSIONS", "x, 6")])).is_ok());
    // An old host naming no versions is served.
    assert!(read(&with_cookie(&[])).is_ok());
}

#[test]
fn bad_ports_are_reported() {
    for (min, max) in [("abc", "20"), ("10", "70000"), ("20", "10")] {
        match read(&with_cookie(&[
            ("PLUGIN_MIN_PORT", min),
            ("PLUGIN_MAX_PORT", max),
        ])) {
            Err(ServeError::InvalidEnv { name, .. }) => {
                assert!(name.starts_with("PLUGIN_M"), "{name}");
            }
            other => panic!("expected InvalidEnv for {min}..{max}, got {other:?}"),
        }
    }
}

#[test]
fn handshake_line_has_six_fields() {
    let addr: SocketAddr = "127.0.0.1:10123".parse().expect("address");
    assert_eq!(
        handshake_line(addr, Some("MIIBcert")),
        "1|6|tcp|127.0.0.1:10123|grpc|MIIBcert"
    );
    assert_eq!(handshake_line(addr, None), "1|6|tcp|127.0.0.1:10123|grpc|");
}

#[test]
fn reattach_value_has_terraforms_shape() {
    let addr = ReattachAddr {
        network: "unix",
        address: "/tmp/tfplugin/provider.sock".into(),
    };
    let json = reattach_json("registry.terraform.io/acme/example", 4242, &addr);
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(
        value,
        serde_json::json!({
            "registry.terraform.io/acme/example": {
                "Protocol": "grpc",
                "ProtocolVersion": 6,
                "Pid": 4242,
                "Test": true,
                "Addr": { "Network": "unix", "String": "/tmp/tfplugin/provider.sock" }
            }
        })
    );
}

#[test]
fn reattach_instructions_quote_for_the_shell() {
    let text = reattach_instructions(r#"{"a":"it's"}"#);
    assert!(
        text.contains(r#"TF_REATTACH_PROVIDERS='{"a":"it'"'"'s"}'"#),
        "{text}"
    );
}
