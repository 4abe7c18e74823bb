//! The verifier against real TLS handshakes in memory, with a client
//! certificate made the way Terraform makes it (self-signed CA, ECDSA P-521).

use std::sync::Arc;

use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair, PKCS_ECDSA_P521_SHA512};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer, ServerName};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio_rustls::{TlsAcceptor, TlsConnector};

use super::*;

/// A self-signed CA certificate with a P-521 key, like go-plugin's client one.
fn terraform_like_identity() -> (CertificateDer<'static>, PrivateKeyDer<'static>, String) {
    let key = KeyPair::generate_for(&PKCS_ECDSA_P521_SHA512).expect("P-521 key generation");
    let mut params = CertificateParams::new(vec!["localhost".to_owned()]).expect("params");
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let cert = params.self_signed(&key).expect("self-signed certificate");
    let pem = cert.pem();
    (
        cert.der().clone(),
        PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
        pem,
    )
}

fn client_config(
    server: &ServerIdentity,
    identity: Option<(CertificateDer<'static>, PrivateKeyDer<'static>)>,
) -> rustls::ClientConfig {
    let builder = rustls::ClientConfig::builder_with_provider(crypto_provider())
        .with_safe_default_protocol_versions()
        .expect("protocol versions")
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(PinnedCertVerifier::new(
            server.certificate().clone(),
        )));
    let mut config = match identity {
        Some((cert, key)) => builder
            .with_client_auth_cert(vec![cert], key)
            .expect("client certificate"),
        None => builder.with_no_client_auth(),
    };
    config.alpn_protocols = vec![b"h2".to_vec()];
    config
}

/// Runs one handshake plus a one-byte echo; returns the server's verdict and
/// the ALPN protocol the client saw.
async fn handshake(
    server_config: rustls::ServerConfig,
    client_config: rustls::ClientConfig,
) -> (Result<(), std::io::Error>, Option<Vec<u8>>) {
    let (client_io, server_io) = tokio::io::duplex(64 * 1024);
    let acceptor = TlsAcceptor::from(Arc::new(server_config));
    let server = tokio::spawn(async move {
        let mut tls = acceptor.accept(server_io).await?;
        let mut byte = [0u8; 1];
        tls.read_exact(&mut byte).await?;
        tls.write_all(&byte).await?;
        tls.flush().await?;
        Ok::<(), std::io::Error>(())
    });
    let connector = TlsConnector::from(Arc::new(client_config));
    let name = ServerName::try_from("localhost").expect("server name");
    let mut alpn = None;
    if let Ok(mut tls) = connector.connect(name, client_io).await {
        alpn = tls.get_ref().1.alpn_protocol().map(<[u8]>::to_vec);
        // With TLS 1.3 the client learns of a rejected certificate only when
        // it next reads, so the exchange (not just `connect`) must complete.
        let _ = tls.write_all(b"x").await;
        let _ = tls.flush().await;
        let mut byte = [0u8; 1];
        let _ = tls.read_exact(&mut byte).await;
    }
    let verdict = server.await.expect("server task");
    (verdict, alpn)
}

#[tokio::test]
async fn accepts_the_pinned_p521_ca_certificate_and_negotiates_h2() {
    let server = ServerIdentity::generate().expect("server identity");
    let (cert, key, pem) = terraform_like_identity();
    let verifier = PinnedCertVerifier::from_pem(&pem).expect("PEM");
    let server_config = server.server_config(verifier).expect("server config");

    let (verdict, alpn) = handshake(server_config, client_config(&server, Some((cert, key)))).await;

    verdict.expect("handshake with the pinned certificate succeeds");
    assert_eq!(alpn.as_deref(), Some(&b"h2"[..]));
}

#[tokio::test]
async fn refuses_a_client_without_certificate() {
    let server = ServerIdentity::generate().expect("server identity");
    let (_, _, pem) = terraform_like_identity();
    let server_config = server
        .server_config(PinnedCertVerifier::from_pem(&pem).expect("PEM"))
        .expect("server config");

    let (verdict, _) = handshake(server_config, client_config(&server, None)).await;

    let error = verdict.expect_err("a client without certificate is refused");
    assert!(error.to_string().contains("certificate"), "{error}");
}

#[tokio::test]
async fn refuses_a_different_certificate() {
    let server = ServerIdentity::generate().expect("server identity");
    let (_, _, pinned_pem) = terraform_like_identity();
    let (other_cert, other_key, _) = terraform_like_identity();
    let server_config = server
        .server_config(PinnedCertVerifier::from_pem(&pinned_pem).expect("PEM"))
        .expect("server config");

    let (verdict, _) = handshake(
        server_config,
        client_config(&server, Some((other_cert, other_key))),
    )
    .await;

    verdict.expect_err("an unpinned certificate is refused");
}

#[test]
fn requires_a_client_certificate_and_gives_no_issuer_hint() {
    let (_, _, pem) = terraform_like_identity();
    let verifier = PinnedCertVerifier::from_pem(&pem).expect("PEM");
    assert!(verifier.offer_client_auth());
    assert!(verifier.client_auth_mandatory());
    assert!(ClientCertVerifier::root_hint_subjects(&verifier).is_empty());
}

#[test]
fn advertises_p521_signatures() {
    let (_, _, pem) = terraform_like_identity();
    let verifier = PinnedCertVerifier::from_pem(&pem).expect("PEM");
    let schemes = ClientCertVerifier::supported_verify_schemes(&verifier);
    assert!(
        schemes.contains(&SignatureScheme::ECDSA_NISTP521_SHA512),
        "{schemes:?}"
    );
}

#[test]
fn compares_certificates_byte_for_byte() {
    let (pinned, _, _) = terraform_like_identity();
    let (other, _, _) = terraform_like_identity();
    let verifier = PinnedCertVerifier::new(pinned.clone());
    let now = UnixTime::now();
    assert!(verifier.verify_client_cert(&pinned, &[], now).is_ok());
    assert!(verifier.verify_client_cert(&other, &[], now).is_err());
    let mut truncated = pinned.as_ref().to_vec();
    truncated.pop();
    assert!(
        verifier
            .verify_client_cert(&CertificateDer::from(truncated), &[], now)
            .is_err()
    );
}

#[test]
fn rejects_a_pem_without_certificate() {
    let error = PinnedCertVerifier::from_pem("not a certificate").expect_err("no certificate");
    assert!(matches!(error, TlsError::ClientCertPem(_)), "{error:?}");
}

#[test]
fn server_certificate_has_the_shape_go_plugin_expects() {
    let identity = ServerIdentity::generate().expect("server identity");
    let (_, cert) = x509_parser::parse_x509_certificate(identity.certificate().as_ref())
        .expect("our certificate parses");
    assert!(cert.is_ca());
    let san = cert
        .subject_alternative_name()
        .expect("SAN extension parses")
        .expect("SAN present");
    assert_eq!(
        format!("{:?}", san.value.general_names),
        r#"[DNSName("localhost")]"#
    );
    let eku = cert
        .extended_key_usage()
        .expect("EKU parses")
        .expect("EKU present")
        .value;
    assert!(eku.server_auth && eku.client_auth);
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    assert!(cert.validity().not_before.timestamp() < now);
    assert!(cert.validity().not_after.timestamp() > now);
    // The handshake encoding is unpadded standard base64 of the DER.
    let encoded = identity.handshake_encoding();
    assert!(!encoded.ends_with('='));
    assert_eq!(
        STANDARD_NO_PAD.decode(&encoded).expect("decodes"),
        identity.certificate().as_ref()
    );
}

#[test]
fn debug_output_hides_the_private_key() {
    let identity = ServerIdentity::generate().expect("server identity");
    let shown = format!("{identity:?}");
    assert!(shown.contains("<redacted>"), "{shown}");
    assert!(!shown.contains(&format!("{:?}", identity.key.secret_pkcs8_der())));
}
