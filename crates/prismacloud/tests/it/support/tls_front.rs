//! A TLS front for the sandbox, as a gateway with a private certificate authority would be:
//! a CA made with rcgen ([`PrivateCa`], also for other local HTTPS servers of the tests), a
//! server certificate it signed for 127.0.0.1, and a rustls acceptor serving the sandbox's own
//! app over the same state.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use hyper_util::service::TowerToHyperService;
use prismacloud_sandbox::{self as sandbox, SandboxState};
use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, IsCa, KeyPair};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;

/// A running TLS front.
pub struct TlsFront {
    /// `https://127.0.0.1:PORT`.
    pub url: String,
    /// A PEM file with the private CA's certificate.
    pub ca_file: PathBuf,
    /// TCP connections accepted so far (each one a TLS handshake attempt).
    pub connections: Arc<AtomicUsize>,
}

/// A throwaway certificate authority and a server certificate it signed for 127.0.0.1 and
/// localhost, all written as PEM files.
pub struct PrivateCa {
    /// The CA's certificate: what a client must trust.
    pub ca_file: PathBuf,
    /// The server's certificate and its private key.
    pub cert_file: PathBuf,
    pub key_file: PathBuf,
    cert_der: Vec<u8>,
    key_der: Vec<u8>,
}

impl PrivateCa {
    /// Makes a CA and a server certificate; their PEM files go to `dir`.
    pub fn new(dir: &std::path::Path) -> PrivateCa {
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("CA parameters");
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate().expect("CA key"))
            .expect("CA certificate");
        let server_key = KeyPair::generate().expect("server key");
        let server = CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])
            .expect("server parameters")
            .signed_by(&server_key, &ca)
            .expect("server certificate");
        let write = |name: &str, pem: String| {
            let path = dir.join(name);
            std::fs::write(&path, pem).expect("PEM file written");
            path
        };
        PrivateCa {
            ca_file: write("private-ca.pem", ca.as_ref().pem()),
            cert_file: write("server.pem", server.pem()),
            key_file: write("server-key.pem", server_key.serialize_pem()),
            cert_der: server.der().to_vec(),
            key_der: server_key.serialize_der(),
        }
    }
}

/// Starts a TLS front for `state` on the current runtime; the CA certificate goes to `dir`.
pub async fn start(state: SandboxState, dir: &std::path::Path) -> TlsFront {
    let ca = PrivateCa::new(dir);
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("TLS versions")
        .with_no_client_auth()
        .with_single_cert(
            vec![CertificateDer::from(ca.cert_der)],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(ca.key_der)),
        )
        .expect("server TLS configuration");
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    let acceptor = TlsAcceptor::from(Arc::new(config));

    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a free port");
    let url = format!("https://{}", listener.local_addr().expect("bound"));
    let app = sandbox::app(state);
    let connections = Arc::new(AtomicUsize::new(0));
    let accepted = Arc::clone(&connections);
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            accepted.fetch_add(1, Ordering::SeqCst);
            let acceptor = acceptor.clone();
            let service = TowerToHyperService::new(app.clone());
            tokio::spawn(async move {
                // A client that refuses our certificate ends here; that is the point.
                let Ok(tls) = acceptor.accept(stream).await else {
                    return;
                };
                let _ = auto::Builder::new(TokioExecutor::new())
                    .serve_connection(TokioIo::new(tls), service)
                    .await;
            });
        }
    });
    TlsFront {
        url,
        ca_file: ca.ca_file,
        connections,
    }
}
