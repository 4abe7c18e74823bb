//! Driving the real provider binary the way Terraform's go-plugin client does:
//! environment, handshake line, AutoMTLS with a P-521 client certificate, and
//! gRPC clients over TCP+TLS, plain TCP or a unix socket.

// Shared by several test crates; each uses a different subset.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{ExitStatus, Stdio};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD_NO_PAD;
use hyper_util::rt::TokioIo;
use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, KeyPair,
    KeyUsagePurpose, PKCS_ECDSA_P521_SHA512,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer, ServerName};
use tfplugin::tls::{PinnedCertVerifier, crypto_provider};
use tokio::io::{AsyncBufReadExt as _, AsyncReadExt as _, AsyncWriteExt as _, BufReader, Lines};
use tokio::net::{TcpStream, UnixStream};
use tokio::process::{Child, ChildStdout, Command};
use tokio::task::JoinHandle;
use tokio_rustls::TlsConnector;
use tonic::transport::{Channel, Endpoint, Uri};

pub const MAGIC_COOKIE: (&str, &str) = (
    "TF_PLUGIN_MAGIC_COOKIE",
    "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2",
);

/// Safety net only: no assertion depends on timing.
pub const PATIENCE: Duration = Duration::from_secs(60);

/// A client certificate made the way go-plugin makes Terraform's: a
/// self-signed CA certificate with an ECDSA P-521 key.
pub struct ClientIdentity {
    pub pem: String,
    pub der: CertificateDer<'static>,
    key: PrivatePkcs8KeyDer<'static>,
}

impl ClientIdentity {
    pub fn terraform_like() -> Self {
        let key = KeyPair::generate_for(&PKCS_ECDSA_P521_SHA512).expect("P-521 key");
        let mut params = CertificateParams::new(vec!["localhost".to_owned()]).expect("params");
        params
            .distinguished_name
            .push(DnType::CommonName, "localhost");
        params
            .distinguished_name
            .push(DnType::OrganizationName, "HashiCorp");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::KeyEncipherment,
            KeyUsagePurpose::KeyAgreement,
            KeyUsagePurpose::KeyCertSign,
        ];
        params.extended_key_usages = vec![
            ExtendedKeyUsagePurpose::ClientAuth,
            ExtendedKeyUsagePurpose::ServerAuth,
        ];
        let cert = params.self_signed(&key).expect("self-signed certificate");
        Self {
            pem: cert.pem(),
            der: cert.der().clone(),
            key: PrivatePkcs8KeyDer::from(key.serialize_der()),
        }
    }

    fn key(&self) -> PrivateKeyDer<'static> {
        PrivateKeyDer::Pkcs8(self.key.clone_key())
    }
}

/// The environment Terraform gives a provider it launches.
pub fn terraform_env(client: Option<&ClientIdentity>) -> Vec<(String, String)> {
    let mut env = vec![
        (MAGIC_COOKIE.0.to_owned(), MAGIC_COOKIE.1.to_owned()),
        ("PLUGIN_PROTOCOL_VERSIONS".to_owned(), "5,6".to_owned()),
        ("PLUGIN_MIN_PORT".to_owned(), "10000".to_owned()),
        ("PLUGIN_MAX_PORT".to_owned(), "25000".to_owned()),
        ("TF_LOG".to_owned(), "trace".to_owned()),
    ];
    if let Some(client) = client {
        env.push(("PLUGIN_CLIENT_CERT".to_owned(), client.pem.clone()));
    }
    env
}

/// A running provider process, its stdout read line by line and its stderr
/// collected in the background.
pub struct Plugin {
    child: Child,
    stdout: Lines<BufReader<ChildStdout>>,
    stderr: Arc<Mutex<String>>,
    /// The task copying stderr; it ends when the process has closed stderr.
    stderr_reader: Option<JoinHandle<()>>,
}

impl Plugin {
    /// Starts the binary with exactly `env` (nothing inherited) and `args`.
    pub fn spawn(args: &[&str], env: &[(String, String)]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_terraform-provider-prismacloud"))
            .args(args)
            .env_clear()
            .envs(env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("start the provider binary");
        let stdout = BufReader::new(child.stdout.take().expect("piped stdout")).lines();
        let mut stderr_pipe = child.stderr.take().expect("piped stderr");
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&stderr);
        let stderr_reader = tokio::spawn(async move {
            let mut chunk = [0u8; 4096];
            while let Ok(n) = stderr_pipe.read(&mut chunk).await {
                if n == 0 {
                    break;
                }
                lock(&sink).push_str(&String::from_utf8_lossy(&chunk[..n]));
            }
        });
        Self {
            child,
            stdout,
            stderr,
            stderr_reader: Some(stderr_reader),
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id().expect("process still running")
    }

    /// The next stdout line, `None` at end of output.
    pub async fn next_stdout_line(&mut self) -> Option<String> {
        tokio::time::timeout(PATIENCE, self.stdout.next_line())
            .await
            .unwrap_or_else(|_| panic!("no stdout line in time; stderr:\n{}", self.stderr()))
            .expect("read stdout")
    }

    /// Everything written to stderr so far.
    pub fn stderr(&self) -> String {
        lock(&self.stderr).clone()
    }

    /// Waits until stderr contains `needle`; fails if the process exits first.
    pub async fn wait_for_stderr(&mut self, needle: &str) {
        let found = tokio::time::timeout(PATIENCE, async {
            while !self.stderr().contains(needle) {
                if let Some(status) = self.child.try_wait().expect("query the provider") {
                    panic!(
                        "the provider exited ({status}) before writing {needle:?}:\n{}",
                        self.stderr()
                    );
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        })
        .await;
        assert!(
            found.is_ok(),
            "stderr never showed {needle:?}:\n{}",
            self.stderr()
        );
    }

    /// Waits for the process to exit; afterwards [`Self::stderr`] holds all
    /// it wrote.
    pub async fn wait_exit(&mut self) -> ExitStatus {
        let status = match tokio::time::timeout(PATIENCE, self.child.wait()).await {
            Ok(status) => status.expect("wait for the provider"),
            Err(_) => panic!("the provider did not exit; stderr:\n{}", self.stderr()),
        };
        if let Some(reader) = self.stderr_reader.take() {
            tokio::time::timeout(PATIENCE, reader)
                .await
                .expect("stderr closes after exit")
                .expect("stderr reader task");
        }
        status
    }

    /// Whether the process is still running.
    pub fn is_running(&mut self) -> bool {
        self.child.try_wait().expect("query the provider").is_none()
    }

    /// Sends a signal by name (`INT`, `TERM`) with the `kill` command.
    pub fn signal(&self, name: &str) {
        let status = std::process::Command::new("kill")
            .arg(format!("-{name}"))
            .arg(self.pid().to_string())
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{name} failed");
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The parsed handshake line.
#[derive(Debug)]
pub struct Handshake {
    pub addr: SocketAddr,
    pub server_cert: Option<CertificateDer<'static>>,
}

/// Parses `1|6|tcp|ADDR|grpc|CERT`, asserting every fixed field.
pub fn parse_handshake(line: &str) -> Handshake {
    let fields: Vec<&str> = line.split('|').collect();
    assert_eq!(fields.len(), 6, "handshake line {line:?}");
    assert_eq!(fields[0], "1", "core protocol in {line:?}");
    assert_eq!(fields[1], "6", "plugin protocol in {line:?}");
    assert_eq!(fields[2], "tcp", "network in {line:?}");
    assert_eq!(fields[4], "grpc", "protocol in {line:?}");
    let addr: SocketAddr = fields[3].parse().expect("address in handshake line");
    assert!(addr.ip().is_loopback(), "{addr}");
    let server_cert = (!fields[5].is_empty()).then(|| {
        let der = STANDARD_NO_PAD
            .decode(fields[5])
            .expect("certificate is unpadded standard base64");
        CertificateDer::from(der)
    });
    Handshake { addr, server_cert }
}

/// A TLS client trusting exactly `server_cert`, presenting `client` if given.
pub fn tls_client(
    server_cert: &CertificateDer<'static>,
    client: Option<&ClientIdentity>,
) -> TlsConnector {
    let builder = rustls::ClientConfig::builder_with_provider(crypto_provider())
        .with_safe_default_protocol_versions()
        .expect("protocol versions")
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(PinnedCertVerifier::new(server_cert.clone())));
    let mut config = match client {
        Some(client) => builder
            .with_client_auth_cert(vec![client.der.clone()], client.key())
            .expect("client certificate"),
        None => builder.with_no_client_auth(),
    };
    config.alpn_protocols = vec![b"h2".to_vec()];
    TlsConnector::from(Arc::new(config))
}

fn endpoint() -> Endpoint {
    Endpoint::from_static("http://localhost").connect_timeout(PATIENCE)
}

/// A gRPC channel over TLS to `addr`.
pub async fn tls_channel(
    addr: SocketAddr,
    connector: TlsConnector,
) -> Result<Channel, tonic::transport::Error> {
    endpoint()
        .connect_with_connector(tower::service_fn(move |_: Uri| {
            let connector = connector.clone();
            async move {
                let tcp = TcpStream::connect(addr).await?;
                let name = ServerName::try_from("localhost").expect("server name");
                let tls = connector.connect(name, tcp).await?;
                Ok::<_, std::io::Error>(TokioIo::new(tls))
            }
        }))
        .await
}

/// A plaintext gRPC channel to `addr`.
pub async fn plain_channel(addr: SocketAddr) -> Channel {
    endpoint()
        .connect_with_connector(tower::service_fn(move |_: Uri| async move {
            Ok::<_, std::io::Error>(TokioIo::new(TcpStream::connect(addr).await?))
        }))
        .await
        .expect("plaintext connection")
}

/// A gRPC channel over the unix socket at `path`.
pub async fn unix_channel(path: PathBuf) -> Channel {
    endpoint()
        .connect_with_connector(tower::service_fn(move |_: Uri| {
            let path = path.clone();
            async move { Ok::<_, std::io::Error>(TokioIo::new(UnixStream::connect(path).await?)) }
        }))
        .await
        .expect("unix socket connection")
}

/// A TLS handshake followed by the HTTP/2 preface and a read: the server's
/// verdict on our certificate shows up here (with TLS 1.3, only once we
/// read).
pub async fn raw_tls_exchange(addr: SocketAddr, connector: TlsConnector) -> std::io::Result<()> {
    let tcp = TcpStream::connect(addr).await?;
    let name = ServerName::try_from("localhost").expect("server name");
    let mut tls = connector.connect(name, tcp).await?;
    tls.write_all(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n").await?;
    tls.flush().await?;
    let mut byte = [0u8; 1];
    match tokio::time::timeout(PATIENCE, tls.read(&mut byte)).await {
        Ok(Ok(0)) => Err(std::io::ErrorKind::UnexpectedEof.into()),
        Ok(Ok(_)) => Ok(()),
        Ok(Err(error)) => Err(error),
        Err(_) => panic!("the server neither answered nor closed"),
    }
}
