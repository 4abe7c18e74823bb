//! The real provider binary, launched the way Terraform launches it: magic
//! cookie, handshake line, AutoMTLS with a P-521 client certificate, side
//! services, shutdown and signals.

use crate::plugin_support;

use plugin_support::{
    ClientIdentity, Handshake, Plugin, parse_handshake, plain_channel, raw_tls_exchange,
    terraform_env, tls_channel, tls_client,
};
use tfplugin::generated::plugin::Empty;
use tfplugin::generated::plugin::grpc_broker_client::GrpcBrokerClient;
use tfplugin::generated::plugin::grpc_controller_client::GrpcControllerClient;
use tfplugin::generated::plugin::grpc_stdio_client::GrpcStdioClient;
use tfplugin::generated::tfplugin6::provider_client::ProviderClient;
use tfplugin::generated::tfplugin6::{get_provider_schema, validate_ephemeral_resource_config};
use tonic::Code;
use tonic::transport::Channel;
use tonic_health::pb::HealthCheckRequest;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;

/// Starts the provider with AutoMTLS and returns it with its parsed handshake.
async fn start_with_mtls(client: &ClientIdentity) -> (Plugin, Handshake) {
    let mut plugin = Plugin::spawn(&[], &terraform_env(Some(client)));
    let line = plugin.next_stdout_line().await.expect("a handshake line");
    let handshake = parse_handshake(&line);
    (plugin, handshake)
}

async fn mtls_channel(handshake: &Handshake, client: &ClientIdentity) -> Channel {
    let server_cert = handshake
        .server_cert
        .as_ref()
        .expect("a certificate in the handshake");
    tls_channel(handshake.addr, tls_client(server_cert, Some(client)))
        .await
        .expect("mutual TLS connection")
}

async fn assert_schema_served(channel: Channel) {
    let response = ProviderClient::new(channel)
        .get_provider_schema(get_provider_schema::Request {})
        .await
        .expect("GetProviderSchema");
    // Terraform rejects a schema response without the provider's own block.
    assert!(response.get_ref().provider.is_some());
    assert!(response.get_ref().diagnostics.is_empty());
}

async fn shut_down(channel: Channel) {
    GrpcControllerClient::new(channel)
        .shutdown(Empty {})
        .await
        .expect("Shutdown is acknowledged");
}

#[tokio::test]
async fn terraform_client_certificate_gets_grpc_and_health() {
    let client = ClientIdentity::terraform_like();
    let (mut plugin, handshake) = start_with_mtls(&client).await;
    assert!(
        handshake.server_cert.is_some(),
        "AutoMTLS needs our certificate"
    );
    let channel = mtls_channel(&handshake, &client).await;

    assert_schema_served(channel.clone()).await;

    let health = HealthClient::new(channel.clone())
        .check(HealthCheckRequest {
            service: "plugin".into(),
        })
        .await
        .expect("health check");
    assert_eq!(health.get_ref().status(), ServingStatus::Serving);

    // RPCs the provider does not implement answer UNIMPLEMENTED.
    let unimplemented = ProviderClient::new(channel.clone())
        .validate_ephemeral_resource_config(validate_ephemeral_resource_config::Request::default())
        .await
        .expect_err("the provider serves no ephemeral resources");
    assert_eq!(unimplemented.code(), Code::Unimplemented);
    let broker = GrpcBrokerClient::new(channel.clone())
        .start_stream(futures::stream::empty())
        .await
        .expect_err("the broker is not implemented");
    assert_eq!(broker.code(), Code::Unimplemented);

    // The stdio stream opens, as go-plugin's client expects.
    GrpcStdioClient::new(channel.clone())
        .stream_stdio(())
        .await
        .expect("StreamStdio opens");

    shut_down(channel).await;
    assert!(plugin.wait_exit().await.success());
    // Exactly one line on stdout, ever.
    assert_eq!(plugin.next_stdout_line().await, None);
}

#[tokio::test]
async fn client_without_certificate_is_refused() {
    let client = ClientIdentity::terraform_like();
    let (_plugin, handshake) = start_with_mtls(&client).await;
    let server_cert = handshake.server_cert.as_ref().expect("certificate");

    let error = raw_tls_exchange(handshake.addr, tls_client(server_cert, None))
        .await
        .expect_err("no certificate, no service");
    assert!(
        error
            .to_string()
            .contains("fatal alert: CertificateRequired"),
        "{error}"
    );

    let channel = tls_channel(handshake.addr, tls_client(server_cert, None)).await;
    if let Ok(channel) = channel {
        ProviderClient::new(channel)
            .get_provider_schema(get_provider_schema::Request {})
            .await
            .expect_err("no RPC without a certificate");
    }
}

#[tokio::test]
async fn client_with_another_certificate_is_refused() {
    let terraform = ClientIdentity::terraform_like();
    let intruder = ClientIdentity::terraform_like();
    let (mut plugin, handshake) = start_with_mtls(&terraform).await;
    let server_cert = handshake.server_cert.as_ref().expect("certificate");

    let error = raw_tls_exchange(handshake.addr, tls_client(server_cert, Some(&intruder)))
        .await
        .expect_err("an unknown certificate gets no service");
    assert!(error.to_string().contains("fatal alert"), "{error}");

    let channel = tls_channel(handshake.addr, tls_client(server_cert, Some(&intruder))).await;
    if let Ok(channel) = channel {
        ProviderClient::new(channel)
            .get_provider_schema(get_provider_schema::Request {})
            .await
            .expect_err("no RPC with another certificate");
    }

    // The refused handshakes were only logged; the real client still works.
    plugin.wait_for_stderr("TLS handshake failed").await;
    assert_schema_served(mtls_channel(&handshake, &terraform).await).await;
}

#[tokio::test]
async fn shutdown_ends_the_process_and_closes_the_stdio_stream() {
    let client = ClientIdentity::terraform_like();
    let (mut plugin, handshake) = start_with_mtls(&client).await;
    let channel = mtls_channel(&handshake, &client).await;
    // Terraform holds this stream open for the plugin's whole life.
    let mut stdio = GrpcStdioClient::new(channel.clone())
        .stream_stdio(())
        .await
        .expect("StreamStdio opens")
        .into_inner();

    shut_down(channel).await;

    assert_eq!(plugin.wait_exit().await.code(), Some(0));
    // Our side ended the stream cleanly rather than holding up the exit.
    assert!(matches!(stdio.message().await, Ok(None)));
    assert!(
        plugin
            .stderr()
            .contains("Terraform asked the plugin to shut down")
    );
}

#[tokio::test]
async fn sigint_is_ignored_and_shutdown_still_works() {
    let client = ClientIdentity::terraform_like();
    let (mut plugin, handshake) = start_with_mtls(&client).await;

    plugin.signal("INT");
    plugin.wait_for_stderr("SIGINT ignored").await;

    assert!(plugin.is_running());
    let channel = mtls_channel(&handshake, &client).await;
    assert_schema_served(channel.clone()).await;
    shut_down(channel).await;
    assert_eq!(plugin.wait_exit().await.code(), Some(0));
}

#[tokio::test]
async fn sigterm_stops_the_server_gracefully() {
    let client = ClientIdentity::terraform_like();
    let (mut plugin, _handshake) = start_with_mtls(&client).await;

    plugin.signal("TERM");

    assert_eq!(plugin.wait_exit().await.code(), Some(0));
    assert!(plugin.stderr().contains("SIGTERM received"));
}

#[tokio::test]
async fn without_the_magic_cookie_a_human_is_told_what_this_is() {
    let mut env = terraform_env(None);
    env.retain(|(name, _)| name != "TF_PLUGIN_MAGIC_COOKIE");
    let mut plugin = Plugin::spawn(&[], &env);

    let status = plugin.wait_exit().await;

    assert_eq!(status.code(), Some(1));
    assert_eq!(plugin.next_stdout_line().await, None, "nothing on stdout");
    let stderr = plugin.stderr();
    assert!(stderr.contains("Terraform"), "{stderr}");
    assert!(stderr.contains("--debug"), "{stderr}");
    assert!(
        !stderr.starts_with('{'),
        "a human message, not a log line: {stderr}"
    );
}

#[tokio::test]
async fn a_host_without_protocol_6_is_refused() {
    let mut env = terraform_env(None);
    for (name, value) in &mut env {
        if name == "PLUGIN_PROTOCOL_VERSIONS" {
            *value = "4,5".into();
        }
    }
    let mut plugin = Plugin::spawn(&[], &env);

    assert_eq!(plugin.wait_exit().await.code(), Some(1));
    assert_eq!(plugin.next_stdout_line().await, None, "nothing on stdout");
    assert!(plugin.stderr().contains("version 6"), "{}", plugin.stderr());
}

#[tokio::test]
async fn without_client_certificate_it_serves_plaintext() {
    let mut plugin = Plugin::spawn(&[], &terraform_env(None));
    let line = plugin.next_stdout_line().await.expect("handshake line");
    let handshake = parse_handshake(&line);
    assert!(line.ends_with("|grpc|"), "{line}");
    assert!(handshake.server_cert.is_none());

    let channel = plain_channel(handshake.addr).await;
    assert_schema_served(channel.clone()).await;
    shut_down(channel).await;
    assert_eq!(plugin.wait_exit().await.code(), Some(0));
}

#[tokio::test]
async fn listens_within_the_allowed_port_range_skipping_busy_ports() {
    let busy = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let first = busy.local_addr().expect("address").port();
    let last = first.saturating_add(8);
    let mut env = terraform_env(None);
    for (name, value) in &mut env {
        match name.as_str() {
            "PLUGIN_MIN_PORT" => *value = first.to_string(),
            "PLUGIN_MAX_PORT" => *value = last.to_string(),
            _ => {}
        }
    }
    let mut plugin = Plugin::spawn(&[], &env);

    let handshake = parse_handshake(&plugin.next_stdout_line().await.expect("handshake"));

    let port = handshake.addr.port();
    assert!(
        port > first && port <= last,
        "{port} not in {first}+1..={last}"
    );
    shut_down(plain_channel(handshake.addr).await).await;
    assert_eq!(plugin.wait_exit().await.code(), Some(0));
}
