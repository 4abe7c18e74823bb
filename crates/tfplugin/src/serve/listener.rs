//! Listening sockets, and the streams of accepted connections handed to tonic.
//!
//! With AutoMTLS, each TLS handshake runs in its own task, so a client that
//! stalls mid-handshake (or a port scanner) cannot hold up the others; only
//! finished handshakes reach the server. A failed handshake is logged at
//! debug level and the connection dropped.

use std::convert::Infallible;
use std::io;
use std::net::Ipv4Addr;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use futures::{Stream, StreamExt as _};
use tokio::net::{TcpListener, TcpStream, UnixListener};
use tokio::sync::mpsc;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::server::TlsStream;
use tokio_stream::wrappers::{ReceiverStream, TcpListenerStream};
use tracing::debug;

use super::ServeError;

/// Safety net for a TLS handshake that never finishes.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// Pause after a failed `accept` (e.g. out of file descriptors), so the loop
/// does not spin.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(50);

/// Listens on 127.0.0.1 on the first free port of `ports` (`0..=0`: any port),
/// trying them in order as go-plugin does.
pub(crate) async fn bind_loopback(ports: RangeInclusive<u16>) -> Result<TcpListener, ServeError> {
    let mut last_error = None;
    for port in ports.clone() {
        match TcpListener::bind((Ipv4Addr::LOCALHOST, port)).await {
            Ok(listener) => return Ok(listener),
            Err(error) => last_error = Some(error),
        }
    }
    Err(ServeError::Bind {
        ports: format!("{}..={}", ports.start(), ports.end()),
        source: last_error.unwrap_or_else(|| io::Error::other("empty port range")),
    })
}

/// Accepted plaintext connections.
pub(crate) fn plain_incoming(
    listener: TcpListener,
) -> impl Stream<Item = io::Result<TcpStream>> + Send + 'static {
    TcpListenerStream::new(listener).map(|accepted| accepted.inspect(tune))
}

/// Every accepted plugin connection goes through here. gRPC exchanges small messages: with
/// Nagle's algorithm each would wait for the previous one's acknowledgement (a plan of 500
/// resources took 3 s instead of 0.8 s in a provider that forgot this).
fn tune(tcp: &TcpStream) {
    let _ = tcp.set_nodelay(true);
}

/// Connections that completed a TLS handshake with `config`.
pub(crate) fn tls_incoming(
    listener: TcpListener,
    config: Arc<rustls::ServerConfig>,
) -> impl Stream<Item = Result<TlsStream<TcpStream>, Infallible>> + Send + 'static {
    let (ready, incoming) = mpsc::channel(16);
    tokio::spawn(accept_loop(listener, TlsAcceptor::from(config), ready));
    ReceiverStream::new(incoming).map(Ok)
}

/// Accepts until the server drops its end of `ready` (it stopped accepting).
async fn accept_loop(
    listener: TcpListener,
    acceptor: TlsAcceptor,
    ready: mpsc::Sender<TlsStream<TcpStream>>,
) {
    loop {
        let (tcp, peer) = tokio::select! {
            () = ready.closed() => return,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    debug!(%error, "accepting a connection failed");
                    tokio::time::sleep(ACCEPT_BACKOFF).await;
                    continue;
                }
            },
        };
        tune(&tcp);
        let acceptor = acceptor.clone();
        let ready = ready.clone();
        tokio::spawn(async move {
            match tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(tcp)).await {
                Ok(Ok(tls)) => {
                    // An error only means the server has stopped accepting.
                    let _ = ready.send(tls).await;
                }
                Ok(Err(error)) => {
                    debug!(%peer, %error, "TLS handshake failed; connection dropped");
                }
                Err(_) => debug!(%peer, "TLS handshake timed out; connection dropped"),
            }
        });
    }
}

/// A unix socket in a fresh directory only we can enter; both are removed on
/// drop.
pub(crate) struct PrivateSocket {
    dir: PathBuf,
    path: PathBuf,
}

impl PrivateSocket {
    /// Creates the directory under the system's temporary directory and
    /// binds the socket in it.
    pub(crate) fn bind() -> Result<(Self, UnixListener), ServeError> {
        use std::os::unix::fs::DirBuilderExt as _;

        let dir = std::env::temp_dir().join(format!("tfplugin-{}", uuid::Uuid::new_v4().simple()));
        std::fs::DirBuilder::new()
            .mode(0o700)
            .create(&dir)
            .map_err(|source| ServeError::Io {
                what: "creating the debug socket directory",
                source,
            })?;
        let path = dir.join("provider.sock");
        let socket = Self { dir, path };
        let listener = UnixListener::bind(&socket.path).map_err(|source| ServeError::Io {
            what: "binding the debug socket",
            source,
        })?;
        Ok((socket, listener))
    }

    /// Where the socket is.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for PrivateSocket {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[cfg(test)]
mod tests {
    use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName};
    use tokio::io::AsyncWriteExt as _;

    use super::*;
    use crate::tls::{PinnedCertVerifier, ServerIdentity, crypto_provider};

    // If either test fails, plugin calls wait on Nagle's algorithm again: see `tune`.

    #[tokio::test]
    async fn plain_connections_run_without_nagle() {
        let listener = bind_loopback(0..=0).await.expect("a port");
        let addr = listener.local_addr().expect("bound");
        let mut incoming = Box::pin(plain_incoming(listener));
        let _client = TcpStream::connect(addr).await.expect("connected");
        let accepted = incoming.next().await.expect("one").expect("accepted");
        assert!(accepted.nodelay().expect("readable option"));
    }

    #[tokio::test]
    async fn tls_connections_run_without_nagle() {
        // Both ends are made as Terraform and the provider make theirs.
        let server = ServerIdentity::generate().expect("server identity");
        let client = ServerIdentity::generate().expect("client identity");
        let config = server
            .server_config(PinnedCertVerifier::new(client.certificate().clone()))
            .expect("server config");
        let listener = bind_loopback(0..=0).await.expect("a port");
        let addr = listener.local_addr().expect("bound");
        let mut incoming = Box::pin(tls_incoming(listener, Arc::new(config)));

        let mut client_config = rustls::ClientConfig::builder_with_provider(crypto_provider())
            .with_safe_default_protocol_versions()
            .expect("versions")
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(PinnedCertVerifier::new(
                server.certificate().clone(),
            )))
            .with_client_auth_cert(
                vec![CertificateDer::clone(client.certificate())],
                PrivateKeyDer::Pkcs8(client.private_key()),
            )
            .expect("client auth");
        client_config.alpn_protocols = vec![b"h2".to_vec()];
        let connector = tokio_rustls::TlsConnector::from(Arc::new(client_config));
        let tcp = TcpStream::connect(addr).await.expect("connected");
        let name = ServerName::try_from("localhost").expect("name");
        let mut tls = connector.connect(name, tcp).await.expect("handshake");
        tls.write_all(b"x").await.expect("written");
        let accepted = incoming.next().await.expect("one").expect("accepted");
        assert!(accepted.get_ref().0.nodelay().expect("readable option"));
    }
}
