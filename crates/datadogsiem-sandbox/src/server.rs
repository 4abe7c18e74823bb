//! A sandbox bound to a TCP port, serving until shut down.

use std::io;
use std::net::SocketAddr;

use sandbox_kit::Server;

use crate::app;
use crate::config::SandboxConfig;
use crate::state::SandboxState;

/// A running sandbox. Dropping it stops it too (gracefully, in the background).
#[derive(Debug)]
pub struct Sandbox {
    server: Server,
    state: SandboxState,
}

impl Sandbox {
    /// Binds `addr` (port 0 picks a free port) and serves a fresh, in-memory sandbox.
    pub async fn start(config: SandboxConfig, addr: SocketAddr) -> io::Result<Sandbox> {
        Sandbox::serve(SandboxState::new(config), addr).await
    }

    /// Binds `addr` and serves `state` (e.g. one opened from a state file).
    pub async fn serve(state: SandboxState, addr: SocketAddr) -> io::Result<Sandbox> {
        let server = Server::start(app(state.clone()), addr).await?;
        Ok(Sandbox { server, state })
    }

    /// The base URL, e.g. `http://127.0.0.1:41234`: what `DD_HOST` takes.
    pub fn url(&self) -> String {
        self.server.url()
    }

    /// The address actually bound.
    pub fn addr(&self) -> SocketAddr {
        self.server.addr()
    }

    /// The live state, for in-process inspection.
    pub fn state(&self) -> &SandboxState {
        &self.state
    }

    /// Stops accepting connections, lets requests in flight finish, and waits for the server.
    pub async fn shutdown(self) {
        self.server.shutdown().await;
    }
}
