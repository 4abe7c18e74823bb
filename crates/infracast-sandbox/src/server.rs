//! [`Sandbox`]: a sandbox's app served on an address (the kit's [`Server`]) until shut down.

use std::io;
use std::net::SocketAddr;

use sandbox_kit::Server;

use crate::{SandboxConfig, SandboxState, app};

/// A running sandbox; dropping it stops it too.
pub struct Sandbox {
    state: SandboxState,
    server: Server,
}

impl Sandbox {
    /// A fresh, in-memory sandbox of `config` on `addr` (port 0: a free one).
    pub async fn start(config: SandboxConfig, addr: SocketAddr) -> io::Result<Sandbox> {
        Sandbox::serve(SandboxState::new(config), addr).await
    }

    /// `state` (e.g. opened from a state file) served on `addr`.
    pub async fn serve(state: SandboxState, addr: SocketAddr) -> io::Result<Sandbox> {
        let server = Server::start(app(state.clone()), addr).await?;
        Ok(Sandbox { state, server })
    }

    /// The base URL, e.g. `http://127.0.0.1:41234`.
    pub fn url(&self) -> String {
        self.server.url()
    }

    /// The live state, for in-process inspection and control.
    pub fn state(&self) -> &SandboxState {
        &self.state
    }

    /// Stops accepting connections and lets requests in flight finish.
    pub async fn shutdown(self) {
        self.server.shutdown().await;
    }
}
