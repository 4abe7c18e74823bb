//! List resources (`terraform query`, protocol 6.10): the request, the events a provider sends
//! back one by one, and the sink it sends them into.
//!
//! `ListResource` is a server stream. The gRPC layer runs the provider's listing as its own task
//! and forwards each [`ListEvent`] as it arrives; when Terraform has as many results as it asked
//! for (or goes away), the sink closes and the provider's next `send` says so.

use tokio::sync::mpsc;

use crate::diag::Diagnostics;
use crate::value::Value;

pub struct ListRequest {
    pub type_name: String,
    /// The list block's `config` block (all attributes null when the block is absent).
    pub config: Value,
    /// Send each result's full resource object too (always on with `-generate-config-out`).
    pub include_resource_object: bool,
    /// Terraform keeps at most this many results.
    pub limit: i64,
}

/// One found object, or diagnostics about the listing.
#[derive(Default)]
pub struct ListEvent {
    /// The object's identity; required unless the event only carries diagnostics.
    pub identity: Value,
    /// A label for humans, shown by `terraform query`.
    pub display_name: String,
    /// The object's state, when the request asked for it.
    pub resource_object: Option<Value>,
    pub diagnostics: Diagnostics,
}

/// Terraform stopped listening: the provider should stop listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListClosed;

/// Where a provider sends the events of one listing.
pub struct ListSink {
    tx: mpsc::Sender<ListEvent>,
}

impl ListSink {
    /// A sink and the receiving end the gRPC layer streams from. `capacity` bounds how far the
    /// provider may run ahead of Terraform.
    pub fn channel(capacity: usize) -> (ListSink, mpsc::Receiver<ListEvent>) {
        let (tx, rx) = mpsc::channel(capacity.max(1));
        (ListSink { tx }, rx)
    }

    pub async fn send(&self, event: ListEvent) -> Result<(), ListClosed> {
        self.tx.send(event).await.map_err(|_| ListClosed)
    }

    /// An event carrying only diagnostics (an error ends the listing on Terraform's side).
    pub async fn diagnostics(&self, diagnostics: Diagnostics) -> Result<(), ListClosed> {
        self.send(ListEvent {
            diagnostics,
            ..ListEvent::default()
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_dropped_receiver_closes_the_sink() {
        let (sink, mut rx) = ListSink::channel(1);
        sink.send(ListEvent::default()).await.unwrap();
        assert!(rx.recv().await.is_some());
        drop(rx);
        assert_eq!(sink.send(ListEvent::default()).await, Err(ListClosed));
    }
}
