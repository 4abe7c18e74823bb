//! The certificates and verifier behind go-plugin's AutoMTLS.
//!
//! Terraform starts the provider with its own client certificate in
//! `PLUGIN_CLIENT_CERT` (PEM), reads ours from the handshake line, and each side
//! then trusts exactly that one certificate. Both certificates are self-signed
//! *CA* certificates, and Terraform's key is ECDSA P-521. That rules out the
//! usual tools:
//!
//! - webpki (behind tonic's `ServerTlsConfig`) refuses a CA certificate as an
//!   end entity, so it cannot accept Terraform's certificate;
//! - the `ring` backend cannot verify P-521 signatures, and Go's TLS client
//!   then quietly sends *no* certificate, so "optional client auth" would let
//!   anyone in.
//!
//! Hence [`PinnedCertVerifier`]: it requires a certificate, accepts only the
//! exact DER it was built with, and checks handshake signatures with the
//! aws-lc-rs provider's algorithms (which include ECDSA P-521/SHA-512).

use std::fmt;
use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD_NO_PAD;
use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, KeyPair,
    KeyUsagePurpose, PKCS_ECDSA_P256_SHA256, SerialNumber,
};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, WebPkiSupportedAlgorithms};
use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer, ServerName, UnixTime};
use rustls::server::danger::{ClientCertVerified, ClientCertVerifier};
use rustls::{CertificateError, DigitallySignedStruct, DistinguishedName, SignatureScheme};

/// The name go-plugin's client expects in our certificate (it connects with
/// `ServerName: "localhost"`).
const SERVER_NAME: &str = "localhost";

/// Backdating of `NotBefore`, so a peer whose clock is slightly behind ours
/// does not see a certificate from the future.
const NOT_BEFORE_SLACK: time::Duration = time::Duration::minutes(1);

/// Lifetime of our certificate. It only lives as long as the process; the
/// generous bound just keeps clock trouble out of the way.
const VALIDITY: time::Duration = time::Duration::days(365);

/// Errors while preparing TLS.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TlsError {
    /// `PLUGIN_CLIENT_CERT` held no PEM certificate.
    #[error("PLUGIN_CLIENT_CERT does not hold a PEM certificate: {0}")]
    ClientCertPem(#[source] rustls::pki_types::pem::Error),
    /// Generating our own certificate failed.
    #[error("cannot generate the server certificate: {0}")]
    Generate(#[from] rcgen::Error),
    /// rustls refused the configuration.
    #[error("cannot configure TLS: {0}")]
    Config(#[from] rustls::Error),
}

/// The crypto provider used on both sides: aws-lc-rs, for its P-521 support.
pub fn crypto_provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::aws_lc_rs::default_provider())
}

/// Our own short-lived certificate and its private key.
pub struct ServerIdentity {
    certificate: CertificateDer<'static>,
    key: PrivatePkcs8KeyDer<'static>,
}

impl ServerIdentity {
    /// Generates a fresh self-signed certificate shaped the way go-plugin's
    /// client accepts it: SAN `localhost`, CA flag, serverAuth and clientAuth
    /// usages, an ECDSA P-256 key, `NotBefore` a little in the past.
    pub fn generate() -> Result<Self, TlsError> {
        let key = KeyPair::generate_for(&PKCS_ECDSA_P256_SHA256)?;
        let mut params = CertificateParams::new(vec![SERVER_NAME.to_owned()])?;
        params
            .distinguished_name
            .push(DnType::CommonName, SERVER_NAME);
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::KeyEncipherment,
            KeyUsagePurpose::KeyAgreement,
            KeyUsagePurpose::KeyCertSign,
        ];
        params.extended_key_usages = vec![
            ExtendedKeyUsagePurpose::ServerAuth,
            ExtendedKeyUsagePurpose::ClientAuth,
        ];
        let now = time::OffsetDateTime::now_utc();
        params.not_before = now - NOT_BEFORE_SLACK;
        params.not_after = now + VALIDITY;
        params.serial_number = Some(SerialNumber::from_slice(&rand::random::<[u8; 16]>()));
        let certificate = params.self_signed(&key)?;
        Ok(Self {
            certificate: certificate.der().clone(),
            key: PrivatePkcs8KeyDer::from(key.serialize_der()),
        })
    }

    /// The certificate, DER.
    pub fn certificate(&self) -> &CertificateDer<'static> {
        &self.certificate
    }

    /// The certificate as the handshake line carries it: DER in base64,
    /// standard alphabet, no padding.
    pub fn handshake_encoding(&self) -> String {
        STANDARD_NO_PAD.encode(self.certificate.as_ref())
    }

    /// The private key, for tests that play the other end of a connection.
    #[cfg(test)]
    pub(crate) fn private_key(&self) -> PrivatePkcs8KeyDer<'static> {
        self.key.clone_key()
    }

    /// A rustls server configuration presenting this identity, requiring the
    /// client certificate pinned by `client`, and offering ALPN `h2` (grpc-go
    /// refuses TLS connections that negotiate no ALPN protocol).
    pub fn server_config(
        &self,
        client: PinnedCertVerifier,
    ) -> Result<rustls::ServerConfig, TlsError> {
        let mut config = rustls::ServerConfig::builder_with_provider(crypto_provider())
            .with_safe_default_protocol_versions()?
            .with_client_cert_verifier(Arc::new(client))
            .with_single_cert(
                vec![self.certificate.clone()],
                PrivateKeyDer::Pkcs8(self.key.clone_key()),
            )?;
        config.alpn_protocols = vec![b"h2".to_vec()];
        Ok(config)
    }
}

impl fmt::Debug for ServerIdentity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServerIdentity")
            .field("certificate_len", &self.certificate.len())
            .field("key", &"<redacted>")
            .finish()
    }
}

/// Trusts exactly one certificate, compared byte for byte, and checks that
/// the peer holds its private key (the handshake signature).
///
/// It is a [`ClientCertVerifier`] (the server side of AutoMTLS) and a
/// [`ServerCertVerifier`] (what a client of the plugin, such as our tests,
/// uses to trust the certificate printed in the handshake line). No chain,
/// name, or validity-period check applies: the pin is the whole trust.
#[derive(Debug)]
pub struct PinnedCertVerifier {
    pinned: CertificateDer<'static>,
    algorithms: WebPkiSupportedAlgorithms,
}

impl PinnedCertVerifier {
    /// Pins `certificate`.
    pub fn new(certificate: CertificateDer<'static>) -> Self {
        Self {
            pinned: certificate,
            algorithms: crypto_provider().signature_verification_algorithms,
        }
    }

    /// Pins the first certificate of a PEM document, as found in
    /// `PLUGIN_CLIENT_CERT`.
    pub fn from_pem(pem: &str) -> Result<Self, TlsError> {
        let certificate =
            CertificateDer::from_pem_slice(pem.as_bytes()).map_err(TlsError::ClientCertPem)?;
        Ok(Self::new(certificate))
    }

    fn check(&self, presented: &CertificateDer<'_>) -> Result<(), rustls::Error> {
        if presented.as_ref() == self.pinned.as_ref() {
            Ok(())
        } else {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::ApplicationVerificationFailure,
            ))
        }
    }
}

impl ClientCertVerifier for PinnedCertVerifier {
    fn offer_client_auth(&self) -> bool {
        true
    }

    fn client_auth_mandatory(&self) -> bool {
        true
    }

    /// No hint: a Go client with a non-empty list would only send a
    /// certificate whose issuer is in it.
    fn root_hint_subjects(&self) -> &[DistinguishedName] {
        &[]
    }

    fn verify_client_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _now: UnixTime,
    ) -> Result<ClientCertVerified, rustls::Error> {
        self.check(end_entity)?;
        Ok(ClientCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

impl ServerCertVerifier for PinnedCertVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        self.check(end_entity)?;
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

#[cfg(test)]
mod tests;
