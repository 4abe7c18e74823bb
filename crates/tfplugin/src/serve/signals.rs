//! What Unix signals do to a serving provider.
//!
//! Launched by Terraform, a provider ignores SIGINT, as Go providers do: on
//! Ctrl-C the whole process group gets SIGINT, and Terraform itself forwards
//! the request to the provider as StopProvider; dying on the signal instead
//! would lose an object created mid-apply. SIGTERM still stops it gracefully.
//! In debug mode a human owns the process, so Ctrl-C stops it too.

use tokio::signal::unix::{SignalKind, signal};
use tokio_util::sync::CancellationToken;
use tracing::{info, trace};

use super::ServeError;

/// From now on SIGINT is logged and otherwise ignored, for the rest of the
/// process's life.
pub(crate) fn ignore_interrupts() -> Result<(), ServeError> {
    let mut interrupts = signal(SignalKind::interrupt()).map_err(ServeError::Signals)?;
    tokio::spawn(async move {
        let mut count = 0u64;
        while interrupts.recv().await.is_some() {
            count += 1;
            trace!(
                count,
                "SIGINT ignored: Terraform sends StopProvider instead"
            );
        }
    });
    Ok(())
}

/// `shutdown` is cancelled on SIGTERM, and (when `interrupt_too`) on SIGINT.
pub(crate) fn cancel_on_signals(
    shutdown: &CancellationToken,
    interrupt_too: bool,
) -> Result<(), ServeError> {
    let mut terminate = signal(SignalKind::terminate()).map_err(ServeError::Signals)?;
    let mut interrupt = if interrupt_too {
        Some(signal(SignalKind::interrupt()).map_err(ServeError::Signals)?)
    } else {
        None
    };
    let shutdown = shutdown.clone();
    tokio::spawn(async move {
        let interrupted = async {
            match interrupt.as_mut() {
                Some(interrupt) => interrupt.recv().await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            _ = terminate.recv() => info!("SIGTERM received; shutting down"),
            _ = interrupted => info!("SIGINT received; shutting down"),
            () = shutdown.cancelled() => return,
        }
        shutdown.cancel();
    });
    Ok(())
}
