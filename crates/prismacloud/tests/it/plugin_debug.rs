//! Debug mode: the provider started by hand serves on its own and tells the
//! user how to point Terraform at it.

use crate::plugin_support;

use std::path::PathBuf;

use plugin_support::{Plugin, unix_channel};
use tfplugin::generated::plugin::Empty;
use tfplugin::generated::plugin::grpc_controller_client::GrpcControllerClient;
use tfplugin::generated::tfplugin6::get_provider_schema;
use tfplugin::generated::tfplugin6::provider_client::ProviderClient;
use tonic::transport::Channel;
use tonic_health::pb::HealthCheckRequest;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;

const PROVIDER_ADDRESS: &str = "registry.terraform.io/prismacloud-community/prismacloud";

/// Reads stdout up to the `TF_REATTACH_PROVIDERS='...'` line and returns the
/// JSON value between the quotes, plus everything printed before it.
async fn reattach_value(plugin: &mut Plugin) -> (serde_json::Value, String) {
    let mut before = String::new();
    loop {
        let line = plugin.next_stdout_line().await.expect("the reattach line");
        if let Some(rest) = line.trim().strip_prefix("TF_REATTACH_PROVIDERS='") {
            let json = rest.strip_suffix('\'').expect("closing quote");
            return (serde_json::from_str(json).expect("reattach JSON"), before);
        }
        before.push_str(&line);
        before.push('\n');
    }
}

async fn schema_served(channel: Channel) -> bool {
    ProviderClient::new(channel)
        .get_provider_schema(get_provider_schema::Request {})
        .await
        .is_ok()
}

#[tokio::test]
async fn debug_mode_prints_a_reattach_value_a_client_can_use() {
    // No magic cookie: a human started it.
    let mut plugin = Plugin::spawn(&["--debug"], &[("TF_LOG".into(), "debug".into())]);

    let (value, explanation) = reattach_value(&mut plugin).await;

    assert!(explanation.contains("Terraform"), "{explanation}");
    let config = &value[PROVIDER_ADDRESS];
    assert_eq!(config["Protocol"], "grpc");
    assert_eq!(config["ProtocolVersion"], 6);
    assert_eq!(config["Test"], true);
    assert_eq!(config["Pid"], plugin.pid());
    assert_eq!(config["Addr"]["Network"], "unix");
    let socket = PathBuf::from(config["Addr"]["String"].as_str().expect("socket path"));
    let socket_dir = socket.parent().expect("socket directory").to_owned();

    let channel = unix_channel(socket.clone()).await;
    assert!(schema_served(channel.clone()).await);
    let health = HealthClient::new(channel.clone())
        .check(HealthCheckRequest {
            service: "plugin".into(),
        })
        .await
        .expect("health check");
    assert_eq!(health.get_ref().status(), ServingStatus::Serving);

    // Terraform runs come and go: their Shutdown does not end a debug server.
    GrpcControllerClient::new(channel.clone())
        .shutdown(Empty {})
        .await
        .expect("Shutdown is acknowledged");
    plugin.wait_for_stderr("shutdown request ignored").await;
    assert!(schema_served(unix_channel(socket).await).await);

    // Ctrl-C does.
    plugin.signal("INT");
    assert_eq!(plugin.wait_exit().await.code(), Some(0));
    assert!(!socket_dir.exists(), "{} left behind", socket_dir.display());
}

#[tokio::test]
async fn debug_socket_is_private_to_its_owner() {
    use std::os::unix::fs::PermissionsExt as _;

    let mut plugin = Plugin::spawn(&["--debug"], &[]);
    let (value, _) = reattach_value(&mut plugin).await;
    let socket = PathBuf::from(
        value[PROVIDER_ADDRESS]["Addr"]["String"]
            .as_str()
            .expect("socket path"),
    );
    let dir = socket.parent().expect("socket directory");

    let mode = std::fs::metadata(dir)
        .expect("directory")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o700, "mode {mode:o}");

    plugin.signal("TERM");
    assert_eq!(plugin.wait_exit().await.code(), Some(0));
}
