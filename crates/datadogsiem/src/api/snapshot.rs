//! One list shared by concurrent reads, over the kit's [`Snapshots`](apiclient::Snapshots): a
//! refresh of N configurations costs one list call. A configuration missing from a fresh list
//! is read by id (it may be newer than the list): only that read may conclude it is gone.

use std::sync::Arc;

use apiclient::{Error, Listing, Method, Redactions, RequestSpec, check_id};

use super::client::Client;
use super::model::{SyncConfig, decode_item};
use super::operations::list_items;

impl Client {
    /// One configuration, for a refresh: from a shared list when one is fresh (sent after
    /// this client's last write, and at most the list lifetime old), otherwise by id.
    pub async fn get_coalesced(&self, id: &str) -> Result<SyncConfig, Error> {
        check_id(id)?;
        let fresh = self
            .inner
            .snapshots
            .fresh((), &self.api().transport, || self.fetch_list())
            .await?;
        let listed = fresh
            .as_deref()
            .and_then(|listing| listing.item(id))
            .and_then(|item| decode_item(item).ok());
        match listed {
            Some(found) => Ok(found),
            None => self.get(id).await,
        }
    }

    /// Proves the base URL, the certificate and both keys work with the list a refresh then
    /// reads from (so the check costs no call a plan would not make anyway).
    pub async fn verify(&self) -> Result<(), Error> {
        self.listing(0).await.map(drop)
    }

    /// A list sent after tick `after`, fetched once for all who wait for one.
    pub(crate) async fn listing(&self, after: u64) -> Result<Arc<Listing>, Error> {
        self.inner
            .snapshots
            .listing((), after, None, &self.api().transport, || self.fetch_list())
            .await
    }

    /// The unfiltered list, as JSON items.
    async fn fetch_list(&self) -> Result<Vec<serde_json::Value>, Error> {
        let spec = RequestSpec::new(Method::GET, self.collection(None));
        let response = self.api().call_ok(&spec, Redactions::default()).await?;
        list_items(&spec, &response)
    }
}

/// The configuration of `integration_type` named exactly `name` among listed `items`.
pub(crate) fn find(
    items: &[serde_json::Value],
    name: &str,
    integration_type: &str,
) -> Option<SyncConfig> {
    items
        .iter()
        .filter_map(|item| decode_item(item).ok())
        .find(|c| c.name() == name && c.integration_type == integration_type)
}
