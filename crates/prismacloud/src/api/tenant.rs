//! Which endpoints this run uses: the tenant (v1) family for outbound types whenever the prisma
//! id is known, because it is the family the API documents for them and its create answers
//! the new integration (one call, where the classic create needs a list to find it).
//!
//! The prisma id is learned once per run, at no extra call when possible:
//!
//! 1. a configured `prisma_id` wins;
//! 2. else the login answer's `customerNames[].prismaId`: the only tenant listed, or the one
//!    whose `customerName` is the configured `customer_name` when several are;
//! 3. else one `GET /license` (`prismaId`);
//! 4. else the classic endpoints, said at debug level.
//!
//! The outcome holds for the whole run (every clone of the client), so one run never mixes
//! families for a type.

use apiclient::{Error, Redactions, RequestSpec};
use reqwest::Method;
use serde_json::Value;

use super::client::Client;
use super::route::Endpoints;

impl Client {
    /// The endpoints of this run, learning the prisma id on first use.
    pub(crate) async fn endpoints(&self) -> Result<&Endpoints, Error> {
        if let Some(endpoints) = self.inner.endpoints.get() {
            return Ok(endpoints);
        }
        // Log in before queueing for the cell: concurrent first calls then wait in the
        // session, which shares one login and its failure among them.
        let api = self.api();
        api.auth.token(&api.transport).await?;
        self.inner
            .endpoints
            .get_or_try_init(|| async {
                let prisma_id = self.learn_prisma_id().await?;
                Ok(self.inner.base.with_prisma_id(prisma_id))
            })
            .await
    }

    /// The prisma id from the login answer or `GET /license`; `None` (classic) when neither
    /// says. Errors only when the run cannot go on anyway (a stop, refused credentials).
    async fn learn_prisma_id(&self) -> Result<Option<String>, Error> {
        let api = self.api();
        api.auth.token(&api.transport).await?;
        if let Some(id) = api.auth.login().prisma_id() {
            tracing::debug!("using the tenant endpoints of the prisma id named at login");
            return Ok(Some(id.to_owned()));
        }
        let spec = RequestSpec::new(Method::GET, self.inner.base.license());
        let learned = match api.call_ok(&spec, Redactions::default()).await {
            Ok(response) => prisma_id_in_license(&response.body),
            Err(error @ (Error::Stopped { .. } | Error::Unauthorized { .. })) => return Err(error),
            Err(error) => {
                tracing::debug!(%error, "GET /license failed");
                None
            }
        };
        match &learned {
            Some(_) => tracing::debug!("using the tenant endpoints of the licensed prisma id"),
            None => tracing::debug!(
                "the prisma id is neither configured, nor in the login answer, nor in \
                 GET /license: using the classic /integration endpoints"
            ),
        }
        Ok(learned)
    }
}

/// The prisma id a login answer names for this tenant: the only one listed, or the one whose
/// `customerName` is `customer_name` when several are.
pub(crate) fn prisma_id_in_login(body: &[u8], customer_name: Option<&str>) -> Option<String> {
    let answer: Value = serde_json::from_slice(body).ok()?;
    let tenants = answer.get("customerNames")?.as_array()?;
    let tenant = match (tenants.as_slice(), customer_name) {
        ([only], _) => only,
        (several, Some(name)) => several
            .iter()
            .find(|t| t.get("customerName").and_then(Value::as_str) == Some(name))?,
        (_, None) => return None,
    };
    id_text(tenant.get("prismaId")?)
}

/// The `prismaId` of a `GET /license` answer.
pub(crate) fn prisma_id_in_license(body: &[u8]) -> Option<String> {
    let answer: Value = serde_json::from_slice(body).ok()?;
    id_text(answer.get("prismaId")?)
}

/// A prisma id as text: a non-empty string of path-safe characters, or a number.
fn id_text(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(s) => s.trim().to_owned(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    let plausible = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    plausible.then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_login_answer_names_the_tenant_when_it_is_alone_or_named() {
        let one = br#"{"token":"t","message":"login_successful","customerNames":[
            {"customerName":"acme","prismaId":"806775361068","tosAccepted":true}],"roles":[]}"#;
        assert_eq!(
            prisma_id_in_login(one, None).as_deref(),
            Some("806775361068")
        );
        assert_eq!(
            prisma_id_in_login(one, Some("other")).as_deref(),
            Some("806775361068")
        );
        let several = br#"{"token":"t","customerNames":[
            {"customerName":"acme","prismaId":"111"},{"customerName":"beta","prismaId":222}]}"#;
        assert_eq!(
            prisma_id_in_login(several, Some("beta")).as_deref(),
            Some("222")
        );
        assert_eq!(prisma_id_in_login(several, Some("gamma")), None);
        assert_eq!(prisma_id_in_login(several, None), None);
        assert_eq!(prisma_id_in_login(br#"{"token":"t"}"#, None), None);
        assert_eq!(prisma_id_in_login(b"<html>", None), None);
        let unusable = br#"{"customerNames":[{"customerName":"a","prismaId":"../x"}]}"#;
        assert_eq!(prisma_id_in_login(unusable, None), None);
        let empty = br#"{"customerNames":[{"customerName":"a","prismaId":""}]}"#;
        assert_eq!(prisma_id_in_login(empty, None), None);
    }

    #[test]
    fn the_license_answer_names_the_tenant() {
        assert_eq!(
            prisma_id_in_license(br#"{"prismaId":"806775361068","customerName":"x"}"#).as_deref(),
            Some("806775361068")
        );
        assert_eq!(prisma_id_in_license(br#"{"prismaId":null}"#), None);
        assert_eq!(prisma_id_in_license(b"{}"), None);
    }
}
