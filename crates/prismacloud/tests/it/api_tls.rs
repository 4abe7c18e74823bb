//! A server certificate that does not verify ends the call at once: no retry can make it
//! trusted, and the error says so in a way callers can recognise (to hint at `ca_file`).

use crate::support::tls_front;

use std::sync::atomic::Ordering;
use std::time::Duration;

use prismacloud::api::{Client, ClientConfig};
use prismacloud_sandbox::{SandboxConfig, SandboxState};

fn config(url: &str, sandbox: &SandboxConfig) -> ClientConfig {
    let mut config = ClientConfig::new(
        url::Url::parse(url).expect("front URL"),
        sandbox.username.clone(),
        sandbox.password.clone(),
    );
    // Were it retried, these waits would make the failure slow as well as repeated.
    config.max_retries = 5;
    config.backoff_base = Duration::from_secs(1);
    config
}

#[tokio::test]
async fn an_untrusted_certificate_fails_at_once_and_says_so() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let state = SandboxState::new(SandboxConfig::default());
    let front = tls_front::start(state.clone(), dir.path()).await;
    let sandbox = state.config().clone();

    let client = Client::new(config(&front.url, &sandbox)).expect("valid configuration");
    let error = client
        .list(None)
        .await
        .expect_err("the private CA is not trusted");
    assert!(error.is_tls_untrusted(), "{error:?}");
    let text = error.to_string();
    assert!(
        text.contains("could not reach Prisma Cloud")
            && text.contains("the server's certificate is not trusted"),
        "{text}"
    );
    assert_eq!(
        front.connections.load(Ordering::SeqCst),
        1,
        "one handshake, no retry"
    );
    assert_eq!(state.stats().total_requests, 0, "nothing reached the API");

    // The same server, its CA trusted: the call goes through.
    let mut trusted = config(&front.url, &sandbox);
    trusted.ca_pem = Some(std::fs::read(&front.ca_file).expect("CA file"));
    let client = Client::new(trusted).expect("valid configuration");
    client.list(None).await.expect("trusted through ca_pem");
}
