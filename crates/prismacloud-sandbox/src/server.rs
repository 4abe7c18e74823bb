//! A sandbox bound to a TCP port, serving until shut down.

use std::io;
use std::net::SocketAddr;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use super::app;
use super::config::SandboxConfig;
use super::state::SandboxState;

/// A running sandbox. Dropping it stops it too (gracefully, in the background).
#[derive(Debug)]
pub struct Sandbox {
    addr: SocketAddr,
    state: SandboxState,
    stop: oneshot::Sender<()>,
    task: JoinHandle<io::Result<()>>,
}

impl Sandbox {
    /// Binds `addr` (port 0 picks a free port) and starts serving in the background.
    pub async fn start(config: SandboxConfig, addr: SocketAddr) -> io::Result<Sandbox> {
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let state = SandboxState::new(config);
        let router = app(state.clone());
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            axum::serve(listener, router)
                .with_graceful_shutdown(async {
                    // A dropped sender means the `Sandbox` was dropped: stop as well.
                    let _ = stopped.await;
                })
                .await
        });
        Ok(Sandbox {
            addr,
            state,
            stop,
            task,
        })
    }

    /// The base URL, e.g. `http://127.0.0.1:41234`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The address actually bound.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The live state, for in-process inspection.
    pub fn state(&self) -> &SandboxState {
        &self.state
    }

    /// Stops accepting connections, lets requests in flight finish, and waits for the server.
    pub async fn shutdown(self) {
        let _ = self.stop.send(());
        match self.task.await {
            Ok(Ok(())) => {}
            Ok(Err(error)) => tracing::warn!(%error, "sandbox server ended with an error"),
            Err(error) => tracing::warn!(%error, "sandbox server task failed"),
        }
    }
}
