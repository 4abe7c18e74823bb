//! The gRPC services go-plugin expects next to the provider, and the router
//! holding them all.
//!
//! Behaviour follows go-plugin's Go server: `GRPCController.Shutdown` stops the
//! server; `GRPCStdio.StreamStdio` stays open until shutdown (go-plugin streams
//! the process's stdout/stderr there, but our logs go to stderr, which
//! Terraform reads directly, so there is nothing to send); `GRPCBroker` is
//! left UNIMPLEMENTED (Terraform providers never dial back; the host ignores
//! the error); health reports service `plugin` as SERVING, which is what the
//! host's ping checks.

use futures::StreamExt as _;
use tokio_util::sync::CancellationToken;
use tonic::codegen::BoxStream;
use tonic::transport::Server;
use tonic::transport::server::Router;
use tonic::{Request, Response, Status};
use tracing::{debug, info};

use crate::generated::plugin::grpc_broker_server::{GrpcBroker, GrpcBrokerServer};
use crate::generated::plugin::grpc_controller_server::{GrpcController, GrpcControllerServer};
use crate::generated::plugin::grpc_stdio_server::{GrpcStdio, GrpcStdioServer};
use crate::generated::plugin::{Empty, StdioData};
use crate::generated::tfplugin6::provider_server::{Provider, ProviderServer};

/// Largest message accepted or sent, as Go providers allow (schemas and
/// states of big configurations exceed tonic's 4 MiB default).
const MAX_MESSAGE_SIZE: usize = 256 << 20;

/// The service name go-plugin's health check asks about.
const HEALTH_SERVICE: &str = "plugin";

/// What `GRPCController.Shutdown` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ShutdownRpc {
    /// Stop serving (Terraform launched us and is done with us).
    StopsServer,
    /// Acknowledge only: a debug server outlives Terraform runs.
    Ignored,
}

/// All services on one router.
pub(crate) async fn routes<P: Provider>(
    provider: P,
    shutdown: &CancellationToken,
    shutdown_rpc: ShutdownRpc,
) -> Router {
    let (health_reporter, health) = tonic_health::server::health_reporter();
    health_reporter
        .set_service_status(HEALTH_SERVICE, tonic_health::ServingStatus::Serving)
        .await;
    Server::builder()
        .add_service(
            ProviderServer::new(provider)
                .max_decoding_message_size(MAX_MESSAGE_SIZE)
                .max_encoding_message_size(MAX_MESSAGE_SIZE),
        )
        .add_service(GrpcControllerServer::new(Controller {
            shutdown: shutdown.clone(),
            shutdown_rpc,
        }))
        .add_service(GrpcStdioServer::new(Stdio {
            shutdown: shutdown.clone(),
        }))
        .add_service(GrpcBrokerServer::new(Broker))
        .add_service(health)
}

struct Controller {
    shutdown: CancellationToken,
    shutdown_rpc: ShutdownRpc,
}

#[tonic::async_trait]
impl GrpcController for Controller {
    async fn shutdown(&self, _request: Request<Empty>) -> Result<Response<Empty>, Status> {
        match self.shutdown_rpc {
            ShutdownRpc::StopsServer => {
                info!("Terraform asked the plugin to shut down");
                self.shutdown.cancel();
            }
            ShutdownRpc::Ignored => debug!("shutdown request ignored in debug mode"),
        }
        Ok(Response::new(Empty {}))
    }
}

struct Stdio {
    shutdown: CancellationToken,
}

#[tonic::async_trait]
impl GrpcStdio for Stdio {
    async fn stream_stdio(
        &self,
        _request: Request<()>,
    ) -> Result<Response<BoxStream<StdioData>>, Status> {
        // Ends (empty) when shutdown starts, so it never holds up the drain.
        let shutdown = self.shutdown.clone().cancelled_owned();
        let silent = futures::stream::once(shutdown).filter_map(|()| async { None });
        Ok(Response::new(Box::pin(silent)))
    }
}

struct Broker;

impl GrpcBroker for Broker {}
