//! Serving a tfplugin6 provider the way Terraform expects: the go-plugin
//! handshake, AutoMTLS, the side services, signals and shutdown.
//!
//! Launched by Terraform ([`ServeMode::Plugin`]): check the magic cookie and the
//! offered protocol versions, listen on 127.0.0.1 within the allowed port
//! range, answer with the single handshake line on stdout, and serve until
//! Terraform calls `GRPCController.Shutdown` (or SIGTERM). Nothing else is
//! ever written to stdout.
//!
//! Started by hand with `--debug` ([`ServeMode::Debug`]): listen on a private
//! unix socket, print the `TF_REATTACH_PROVIDERS` value for the user, and
//! serve until Ctrl-C or SIGTERM; Terraform runs come and go meanwhile.
//!
//! # Layout
//! - `handshake`: environment checks and the exact text printed.
//! - `listener`: sockets and accepted-connection streams (TLS per task).
//! - `side_services`: go-plugin's controller, stdio, broker; health; routing.
//! - `signals`: SIGINT/SIGTERM policy.

#[cfg(not(unix))]
compile_error!("the plugin server supports Unix platforms only (signals, debug socket)");

mod handshake;
mod listener;
mod side_services;
mod signals;

use std::io::Write as _;
use std::sync::Arc;
use std::time::Duration;

use futures::Stream;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio_stream::wrappers::UnixListenerStream;
use tokio_util::sync::CancellationToken;
use tonic::transport::server::{Connected, Router};
use tracing::{debug, info};

use self::handshake::{PluginEnv, ReattachAddr};
use self::side_services::ShutdownRpc;
use crate::generated::tfplugin6::provider_server::Provider;
use crate::tls::{PinnedCertVerifier, ServerIdentity, TlsError};

/// How long connections may take to close once shutdown has begun, before
/// [`serve`] returns regardless. Terraform kills a plugin still running two
/// seconds after `Shutdown`.
const DRAIN_GRACE: Duration = Duration::from_secs(1);

/// How [`serve`] presents the provider.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// Registry address used in the `TF_REATTACH_PROVIDERS` value, e.g.
    /// `"registry.terraform.io/prismacloud-community/prismacloud"`.
    pub provider_address: String,
    /// Human text printed when started without Terraform's magic cookie.
    pub not_a_plugin_message: String,
    /// Cancelled when serving ends: Terraform's `GRPCController.Shutdown`,
    /// SIGTERM, Ctrl-C in debug mode, or [`serve`] returning for any reason.
    /// Clone it into the provider before calling [`serve`] to learn of it
    /// (e.g. to abandon in-flight API calls); cancel it to stop serving.
    /// This is not `StopProvider`: that RPC reaches the provider itself.
    pub shutdown: CancellationToken,
}

impl ServeConfig {
    /// A configuration with a fresh [`shutdown`](Self::shutdown) token.
    pub fn new(
        provider_address: impl Into<String>,
        not_a_plugin_message: impl Into<String>,
    ) -> Self {
        Self {
            provider_address: provider_address.into(),
            not_a_plugin_message: not_a_plugin_message.into(),
            shutdown: CancellationToken::new(),
        }
    }
}

/// Who started the process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServeMode {
    /// Terraform launched us (go-plugin handshake, AutoMTLS).
    Plugin,
    /// A human started us with `--debug`, for Terraform to reattach to.
    Debug,
}

/// Why [`serve`] could not serve.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    /// Started without Terraform's magic cookie: a human ran the binary.
    /// The message is [`ServeConfig::not_a_plugin_message`].
    #[error("{message}")]
    NotLaunchedByTerraform {
        /// Text for the human.
        message: String,
    },
    /// Terraform offered no protocol version we speak.
    #[error(
        "Terraform offered plugin protocol versions {offered:?}, but this provider speaks \
         only version 6 (Terraform 1.0 or later)"
    )]
    UnsupportedProtocol {
        /// The `PLUGIN_PROTOCOL_VERSIONS` value.
        offered: String,
    },
    /// An environment variable set by the host is malformed.
    #[error("invalid {name}: {reason}")]
    InvalidEnv {
        /// The variable.
        name: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// No port of the allowed range could be bound.
    #[error("cannot listen on 127.0.0.1, ports {ports}: {source}")]
    Bind {
        /// The range tried.
        ports: String,
        /// The last bind error.
        #[source]
        source: std::io::Error,
    },
    /// Certificates or TLS configuration.
    #[error(transparent)]
    Tls(#[from] TlsError),
    /// Installing signal handlers failed.
    #[error("cannot install signal handlers: {0}")]
    Signals(#[source] std::io::Error),
    /// Another I/O step failed.
    #[error("{what}: {source}")]
    Io {
        /// The step.
        what: &'static str,
        /// The error.
        #[source]
        source: std::io::Error,
    },
    /// The gRPC server failed.
    #[error("gRPC server failed: {0}")]
    Transport(#[source] tonic::transport::Error),
}

/// Serves `provider` the way Terraform expects, and returns once serving has
/// ended (see [`ServeConfig::shutdown`]). Must run inside a multi-threaded
/// Tokio runtime with I/O, time and signals enabled.
pub async fn serve<P: Provider>(
    provider: P,
    config: ServeConfig,
    mode: ServeMode,
) -> Result<(), ServeError> {
    let result = match mode {
        ServeMode::Plugin => serve_plugin(provider, &config).await,
        ServeMode::Debug => serve_debug(provider, &config).await,
    };
    config.shutdown.cancel();
    result
}

async fn serve_plugin<P: Provider>(provider: P, config: &ServeConfig) -> Result<(), ServeError> {
    let env = PluginEnv::read(
        |name| std::env::var(name).ok(),
        &config.not_a_plugin_message,
    )?;
    signals::ignore_interrupts()?;
    signals::cancel_on_signals(&config.shutdown, false)?;

    let listener = listener::bind_loopback(env.ports).await?;
    let addr = listener.local_addr().map_err(|source| ServeError::Io {
        what: "reading the listening address",
        source,
    })?;
    let routes = side_services::routes(provider, &config.shutdown, ShutdownRpc::StopsServer).await;

    match env.client_cert_pem {
        Some(pem) => {
            let identity = ServerIdentity::generate()?;
            let tls = identity.server_config(PinnedCertVerifier::from_pem(&pem)?)?;
            let incoming = listener::tls_incoming(listener, Arc::new(tls));
            announce(&handshake::handshake_line(
                addr,
                Some(&identity.handshake_encoding()),
            ))?;
            info!(%addr, "serving Terraform over mutual TLS");
            run(routes, incoming, &config.shutdown).await
        }
        None => {
            announce(&handshake::handshake_line(addr, None))?;
            info!(%addr, "serving Terraform without TLS (PLUGIN_CLIENT_CERT not set)");
            run(routes, listener::plain_incoming(listener), &config.shutdown).await
        }
    }
}

async fn serve_debug<P: Provider>(provider: P, config: &ServeConfig) -> Result<(), ServeError> {
    signals::cancel_on_signals(&config.shutdown, true)?;
    let (socket, listener) = listener::PrivateSocket::bind()?;
    let addr = ReattachAddr {
        network: "unix",
        address: socket.path().display().to_string(),
    };
    let routes = side_services::routes(provider, &config.shutdown, ShutdownRpc::Ignored).await;
    let reattach = handshake::reattach_json(&config.provider_address, std::process::id(), &addr);
    announce(&handshake::reattach_instructions(&reattach))?;
    info!(socket = %addr.address, "serving in debug mode");
    let result = run(routes, UnixListenerStream::new(listener), &config.shutdown).await;
    drop(socket);
    result
}

/// Writes `text` as one line on stdout and flushes it: the host reads it as
/// soon as it arrives.
fn announce(text: &str) -> Result<(), ServeError> {
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{text}")
        .and_then(|()| stdout.flush())
        .map_err(|source| ServeError::Io {
            what: "writing the handshake to stdout",
            source,
        })
}

/// Serves until `shutdown`, then lets open connections finish for at most
/// [`DRAIN_GRACE`].
async fn run<I, IO, IE>(
    routes: Router,
    incoming: I,
    shutdown: &CancellationToken,
) -> Result<(), ServeError>
where
    I: Stream<Item = Result<IO, IE>>,
    IO: AsyncRead + AsyncWrite + Connected + Unpin + Send + 'static,
    IE: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let server = routes.serve_with_incoming_shutdown(incoming, shutdown.clone().cancelled_owned());
    let deadline = async {
        shutdown.cancelled().await;
        tokio::time::sleep(DRAIN_GRACE).await;
    };
    tokio::select! {
        result = server => result.map_err(ServeError::Transport),
        () = deadline => {
            debug!("connections still open after the grace period; stopping anyway");
            Ok(())
        }
    }
}
