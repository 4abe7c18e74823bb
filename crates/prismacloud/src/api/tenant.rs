//! Which endpoints this run uses: the tenant (v1) family for outbound types when a prisma id
//! is configured, the classic family otherwise.

use apiclient::Error;

use super::client::Client;
use super::route::Endpoints;

impl Client {
    /// The endpoints of this run.
    pub(crate) async fn endpoints(&self) -> Result<&Endpoints, Error> {
        Ok(self
            .inner
            .endpoints
            .get_or_init(|| async { self.inner.base.with_prisma_id(None) })
            .await)
    }
}
