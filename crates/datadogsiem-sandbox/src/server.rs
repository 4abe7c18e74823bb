//! The sandbox on a TCP port: the kit's [`Server`] and the state it serves, kept together so a
//! test can both call the sandbox and look inside it.

use std::io;
use std::net::SocketAddr;

use sandbox_kit::Server;

use crate::app;
use crate::config::SandboxConfig;
use crate::state::SandboxState;

/// A sandbox serving in the background; dropping it stops it as well.
#[derive(Debug)]
pub struct Sandbox {
    state: SandboxState,
    server: Server,
}

impl Sandbox {
    /// A fresh, in-memory sandbox with `config` on `addr` (`127.0.0.1:0`: any free port).
    pub async fn start(config: SandboxConfig, addr: SocketAddr) -> io::Result<Sandbox> {
        Sandbox::serve(SandboxState::new(config), addr).await
    }

    /// `state` (say, a persistent one) served on `addr`.
    pub async fn serve(state: SandboxState, addr: SocketAddr) -> io::Result<Sandbox> {
        let server = Server::start(app(state.clone()), addr).await?;
        Ok(Sandbox { state, server })
    }

    /// What `DD_HOST` takes: `http://127.0.0.1:PORT`, the port actually bound.
    pub fn url(&self) -> String {
        self.server.url()
    }

    /// What the sandbox serves: to look inside (`configs`) or to change behind the API's back
    /// (`revoke`, `delete_out_of_band`).
    pub fn state(&self) -> &SandboxState {
        &self.state
    }

    /// Stops taking connections and waits for the requests in flight.
    pub async fn shutdown(self) {
        self.server.shutdown().await;
    }
}
