//! The operations that are safe to repeat: list, get, find by name, update, delete, test.
//!
//! Each builds its request for the family that serves the type, sends it through
//! [`Client::call`] (retries, re-login) and reads the answer: not-found answers become
//! [`Error::NotFound`] for get and update and success for delete; answers that are not the
//! expected JSON become [`Error::Decode`] without quoting the body.

use apiclient::{Error, RequestSpec, Response, check_id, decode, parse_json};
use reqwest::{Method, StatusCode};
use serde_json::Value;

use super::body::{self, Purpose};
use super::client::{Client, secret_values};
use super::messages::{self, Redactions};
use super::model::{Integration, IntegrationRequest, TestOutcome, kind};
use super::outcome::test_outcome;
use super::route::{Endpoints, Family, normalize_type};
use super::{SERVICE, VENDOR};

/// API messages meaning "no such integration".
const NOT_FOUND_KEYS: &[&str] = &["not_found", "invalid_id"];

/// What the body of a list answer must be.
const LIST_EXPECTED: &str = "a JSON array of integrations";

impl Client {
    /// Every integration, or those of one type.
    pub async fn list(&self, integration_type: Option<&str>) -> Result<Vec<Integration>, Error> {
        let spec = list_spec(self.endpoints().await?, integration_type);
        let response = self.api().call_ok(&spec, Redactions::default()).await?;
        self.parse_list(&spec, &response, integration_type)
    }

    /// The integrations of `integration_type` in a list answer.
    pub(crate) fn parse_list(
        &self,
        spec: &RequestSpec,
        response: &Response,
        integration_type: Option<&str>,
    ) -> Result<Vec<Integration>, Error> {
        let items = list_items(spec, response)?;
        let wanted = integration_type.map(normalize_type);
        let mut found = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            let integration = Integration::from_json(item)
                .map_err(|detail| decode(spec, LIST_EXPECTED, format!("item {index}: {detail}")))?;
            if wanted
                .as_ref()
                .is_none_or(|t| *t == integration.integration_type)
            {
                found.push(integration);
            }
        }
        Ok(found)
    }

    /// One integration; [`Error::NotFound`] when it does not exist.
    pub async fn get(
        &self,
        id: &str,
        integration_type: Option<&str>,
    ) -> Result<Integration, Error> {
        check_id(id)?;
        let endpoints = self.endpoints().await?;
        let family = endpoints.family(integration_type);
        let spec = RequestSpec::new(Method::GET, endpoints.item(family, id));
        let (response, attempts) = self.api().call(&spec, Redactions::default()).await?;
        if is_not_found(&response) {
            return Err(not_found(id, &response));
        }
        if !response.status.is_success() {
            return Err(self
                .api()
                .error(&spec, &response, attempts, Redactions::default()));
        }
        let value = parse_json(&spec, &response.body, "an integration object")?;
        Integration::from_json(&value)
            .map_err(|detail| decode(&spec, "an integration object", detail))
    }

    /// The integration of this type with exactly this name, if any.
    pub async fn find_by_name(
        &self,
        name: &str,
        integration_type: &str,
    ) -> Result<Option<Integration>, Error> {
        let found = self.list(Some(integration_type)).await?;
        Ok(found.into_iter().find(|i| i.name == name))
    }

    /// Replaces an integration's settings; returns it as the API then reports it.
    pub async fn update(
        &self,
        id: &str,
        request: &IntegrationRequest,
    ) -> Result<Integration, Error> {
        check_id(id)?;
        let _writing = self.inner.snapshots.writing();
        let endpoints = self.endpoints().await?;
        let family = endpoints.family(Some(&request.integration_type));
        let body = body::integration(request, family, Purpose::Update(id))?;
        let spec = RequestSpec::new(Method::PUT, endpoints.item(family, id)).with_body(body);
        let secrets = secret_values(request);
        let (response, attempts) = self.api().call(&spec, Redactions(&secrets)).await?;
        if is_not_found(&response) {
            return Err(not_found(id, &response));
        }
        if !response.status.is_success() {
            return Err(self
                .api()
                .error(&spec, &response, attempts, Redactions(&secrets)));
        }
        // The answer may be empty or not the object: then read it back.
        match serde_json::from_slice::<Value>(&response.body).map(|v| Integration::from_json(&v)) {
            Ok(Ok(updated)) if updated.id == id => Ok(updated),
            _ => self.get(id, Some(&request.integration_type)).await,
        }
    }

    /// Deletes an integration; one that is already gone counts as deleted.
    pub async fn delete(&self, id: &str, integration_type: &str) -> Result<(), Error> {
        check_id(id)?;
        let _writing = self.inner.snapshots.writing();
        let endpoints = self.endpoints().await?;
        let family = endpoints.family(Some(integration_type));
        let spec = RequestSpec::new(Method::DELETE, endpoints.item(family, id));
        let (response, attempts) = self.api().call(&spec, Redactions::default()).await?;
        if response.status.is_success() || is_not_found(&response) {
            return Ok(());
        }
        Err(self
            .api()
            .error(&spec, &response, attempts, Redactions::default()))
    }

    /// Asks the API to try a configuration without saving it.
    ///
    /// A configuration that does not work is an `Ok` outcome with `success: false`; errors are
    /// reserved for calls the API did not answer with a verdict (401, 403, 429, 5xx, ...).
    pub async fn test(&self, request: &IntegrationRequest) -> Result<TestOutcome, Error> {
        let endpoints = self.endpoints().await?;
        let family = endpoints.family(Some(&request.integration_type));
        let body = body::integration(request, family, Purpose::Create)?;
        let spec = RequestSpec::new(Method::POST, endpoints.test(family)).with_body(body);
        let secrets = secret_values(request);
        let (response, attempts) = self.api().call(&spec, Redactions(&secrets)).await?;
        let status = response.status.as_u16();
        if response.status.is_success() || response.status == StatusCode::BAD_REQUEST {
            return Ok(test_outcome(
                status,
                &response.headers,
                &response.body,
                Redactions(&secrets),
            ));
        }
        Err(self
            .api()
            .error(&spec, &response, attempts, Redactions(&secrets)))
    }
}

/// The list request for `integration_type` (all types when `None`).
pub(crate) fn list_spec(endpoints: &Endpoints, integration_type: Option<&str>) -> RequestSpec {
    family_list_spec(
        endpoints,
        endpoints.family(integration_type),
        integration_type,
    )
}

/// The list request of `family`, filtered by type when one is given.
pub(crate) fn family_list_spec(
    endpoints: &Endpoints,
    family: Family,
    integration_type: Option<&str>,
) -> RequestSpec {
    let mut endpoint = endpoints.collection(family);
    // The v1 list defaults it to true and the classic list's default is undocumented: ask for
    // every integration on both, or a disabled one would look deleted (or, just created, lost).
    let mut query = vec![("onlyEnabled", "false")];
    // Classic okta is stored as okta_idp: filter it here rather than trust either name.
    if let Some(t) = integration_type.filter(|t| normalize_type(t) != "okta") {
        query.push(("type", t));
    }
    endpoint.url.query_pairs_mut().extend_pairs(query);
    RequestSpec::new(Method::GET, endpoint)
}

/// The items of the JSON array a list answers.
pub(crate) fn list_items(spec: &RequestSpec, response: &Response) -> Result<Vec<Value>, Error> {
    match parse_json(spec, &response.body, LIST_EXPECTED)? {
        Value::Array(items) => Ok(items),
        other => Err(decode(
            spec,
            LIST_EXPECTED,
            format!("a JSON {}", kind(&other)),
        )),
    }
}

pub(crate) fn is_not_found(response: &Response) -> bool {
    response.status == StatusCode::NOT_FOUND
        || (!response.status.is_success()
            && messages::parse(&response.headers, &response.body, Redactions::default())
                .iter()
                .any(|m| NOT_FOUND_KEYS.contains(&m.code.as_str())))
}

fn not_found(id: &str, response: &Response) -> Error {
    Error::NotFound {
        service: SERVICE,
        id: id.to_owned(),
        request_id: VENDOR.request_id(&response.headers),
    }
}

#[cfg(test)]
mod tests {
    use reqwest::header::{HeaderMap, HeaderValue};

    use super::*;

    fn answer(status: u16, header: Option<&'static str>, body: &str) -> Response {
        let mut headers = HeaderMap::new();
        if let Some(value) = header {
            headers.insert("x-redlock-status", HeaderValue::from_static(value));
        }
        Response {
            status: StatusCode::from_u16(status).expect("valid status"),
            headers,
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn not_found_classification() {
        assert!(is_not_found(&answer(404, None, "")));
        assert!(is_not_found(&answer(
            400,
            Some(r#"[{"i18nKey":"invalid_id"}]"#),
            ""
        )));
        assert!(is_not_found(&answer(
            400,
            None,
            r#"[{"i18nKey":"not_found","severity":"error"}]"#
        )));
        assert!(!is_not_found(&answer(
            400,
            Some(r#"[{"i18nKey":"invalid_name"}]"#),
            ""
        )));
        assert!(!is_not_found(&answer(400, None, "<html>not found</html>")));
        assert!(!is_not_found(&answer(
            200,
            Some(r#"[{"i18nKey":"not_found"}]"#),
            ""
        )));
    }
}
