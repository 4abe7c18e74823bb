//! List snapshots of the two families: refreshes in O(1) calls, and creates finding what they
//! posted, over the kit's [`Snapshots`](apiclient::Snapshots).
//!
//! A snapshot is one family's unfiltered list (classic `GET /integration?onlyEnabled=false`, or
//! tenant `GET .../integration?onlyEnabled=false`: disabled integrations included). A refresh ([`Client::get_coalesced`]) takes one
//! sent after this client's last write and at most `list_snapshot_ttl` old; a create that must
//! find what it just posted takes one sent after its POST answered. An integration that is not
//! in a fresh list is read by id: it may be newer than the list or served by the other family,
//! and only that `GET` may conclude it is gone.

use std::sync::Arc;

use apiclient::{Error, Listing, Redactions, check_id};
use serde_json::Value;

use super::client::Client;
use super::model::Integration;
use super::operations::{family_list_spec, list_items};
use super::route::{Family, normalize_type};

/// The integration with this id, if it is listed and readable.
pub(crate) fn listed(listing: &Listing, id: &str) -> Option<Integration> {
    listing.item(id).and_then(read)
}

/// The integration of `integration_type` named exactly `name`.
pub(crate) fn find(listing: &Listing, name: &str, integration_type: &str) -> Option<Integration> {
    let wanted = normalize_type(integration_type);
    listing
        .items()
        .iter()
        .filter(|item| {
            text(item, "name") == Some(name)
                && text(item, "integrationType").is_some_and(|t| normalize_type(t) == wanted)
        })
        .find_map(read)
}

fn text<'a>(item: &'a Value, key: &str) -> Option<&'a str> {
    item.get(key).and_then(Value::as_str)
}

/// A listed item as an integration. One that cannot be read counts as not listed: a caller
/// looking for it reads it by id and gets the precise error.
fn read(item: &Value) -> Option<Integration> {
    Integration::from_json(item)
        .map_err(|detail| tracing::debug!(%detail, "unreadable item in a list"))
        .ok()
}

impl Client {
    /// One integration, for a refresh: from a shared snapshot of the list when one is fresh,
    /// otherwise by id.
    ///
    /// Concurrent calls share one list call per family. A list is fresh when it was sent after
    /// this client's last create, update or delete, and less than the configured
    /// `list_snapshot_ttl` ago. An integration missing from the list is read by id (it may be
    /// newer than the list); [`Error::NotFound`] comes only from that read. When the list
    /// fails, every caller falls back to reading by id.
    pub async fn get_coalesced(
        &self,
        id: &str,
        integration_type: &str,
    ) -> Result<Integration, Error> {
        check_id(id)?;
        let family = self.endpoints().await?.family(Some(integration_type));
        let snapshots = &self.inner.snapshots;
        let fresh = snapshots
            .fresh(family, &self.api().transport, || self.fetch_list(family))
            .await?;
        if let Some(found) = fresh.as_deref().and_then(|listing| listed(listing, id)) {
            return Ok(found);
        }
        self.get(id, Some(integration_type)).await
    }

    /// A list of `family` sent after tick `after`: the one kept if it qualifies, else a new
    /// one, fetched once for all who are waiting.
    pub(crate) async fn listing(&self, family: Family, after: u64) -> Result<Arc<Listing>, Error> {
        let transport = &self.api().transport;
        self.inner
            .snapshots
            .listing(family, after, None, transport, || self.fetch_list(family))
            .await
    }

    /// One family's unfiltered list.
    async fn fetch_list(&self, family: Family) -> Result<Vec<Value>, Error> {
        let spec = family_list_spec(self.endpoints().await?, family, None);
        let response = self.api().call_ok(&spec, Redactions::default()).await?;
        list_items(&spec, &response)
    }
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use super::*;
    use crate::api::model::id_of;

    #[test]
    fn find_matches_name_exactly_and_type_by_its_normal_name() {
        let items = vec![
            serde_json::json!({
                "id": "1", "name": "Corp IdP", "enabled": true, "integrationType": "OKTA_IDP"
            }),
            serde_json::json!({"id": 2, "name": "unreadable: no enabled", "integrationType": "x"}),
        ];
        let l = Listing::new(1, Instant::now(), items, id_of);
        assert_eq!(find(&l, "Corp IdP", "okta").map(|i| i.id), Some("1".into()));
        assert!(find(&l, "corp idp", "okta").is_none());
        assert!(find(&l, "Corp IdP", "slack").is_none());
        assert_eq!(
            listed(&l, "1").map(|i| i.integration_type),
            Some("okta".into())
        );
        assert!(
            listed(&l, "2").is_none(),
            "listed but unreadable counts as not listed"
        );
        assert!(listed(&l, "3").is_none());
    }
}
