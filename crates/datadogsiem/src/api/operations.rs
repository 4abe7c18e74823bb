//! The operations that are safe to repeat: list, get, update (a PATCH sets values, so a
//! repeat is harmless), delete (a repeat finds it gone), the two validations and Entra ID's
//! prerequisite.

use apiclient::{
    Error, Method, Redactions, RequestSpec, Response, StatusCode, check_id, decode, parse_json,
};
use secrecy::SecretString;

use super::VENDOR;
use super::client::Client;
use super::messages;
use super::model::{self, CredentialsRequest, SyncConfig, SyncRequest, Verdict};
use super::prerequisite::{self, AppRegistrations};

const A_LIST: &str = "a list of entity context sync configurations ({\"data\": [...]})";
const AN_ITEM: &str = "an entity context sync configuration ({\"data\": {...}})";

impl Client {
    /// Every configuration, or those of one `integration_type` (the API does not paginate).
    pub async fn list(&self, integration_type: Option<&str>) -> Result<Vec<SyncConfig>, Error> {
        let spec = RequestSpec::new(Method::GET, self.collection(integration_type));
        let response = self.api().call_ok(&spec, Redactions::default()).await?;
        let items = list_items(&spec, &response)?;
        items
            .iter()
            .map(|item| model::decode_item(item).map_err(|d| decode(&spec, A_LIST, d)))
            .collect()
    }

    /// The configuration of `integration_type` named exactly `name`, if any.
    pub async fn find_by_name(
        &self,
        name: &str,
        integration_type: &str,
    ) -> Result<Option<SyncConfig>, Error> {
        let found = self.list(Some(integration_type)).await?;
        Ok(found.into_iter().find(|c| c.name() == name))
    }

    /// One configuration, asked of the API now; [`Error::NotFound`] when it does not exist.
    pub async fn get(&self, id: &str) -> Result<SyncConfig, Error> {
        check_id(id)?;
        let spec = RequestSpec::new(Method::GET, self.item(id));
        let response = self.answered(&spec, id, Redactions::default()).await?;
        one(&spec, &response)
    }

    /// Updates a configuration (a partial PATCH: see [`SyncRequest::update_body`]) and returns
    /// it as the API then reports it.
    pub async fn update(&self, id: &str, request: &SyncRequest) -> Result<SyncConfig, Error> {
        check_id(id)?;
        let _writing = self.inner.snapshots.writing();
        let secrets = request.secret_values();
        let spec = RequestSpec::new(Method::PATCH, self.item(id))
            .with_body(apiclient::JsonBody::new(&request.update_body()));
        let response = self.answered(&spec, id, Redactions(&secrets)).await?;
        one(&spec, &response)
    }

    /// Deletes a configuration; one already gone counts as deleted.
    pub async fn delete(&self, id: &str) -> Result<(), Error> {
        check_id(id)?;
        let _writing = self.inner.snapshots.writing();
        let spec = RequestSpec::new(Method::DELETE, self.item(id));
        match self.answered(&spec, id, Redactions::default()).await {
            Ok(_) => Ok(()),
            Err(e) if e.is_not_found() => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// Asks Datadog whether credentials work, storing nothing (`POST /validate`).
    pub async fn validate_credentials(
        &self,
        request: &CredentialsRequest,
    ) -> Result<Verdict, Error> {
        let secrets = model::secret_values(&request.secrets);
        let spec = RequestSpec::new(Method::POST, self.validate())
            .with_body(apiclient::JsonBody::new(&request.body()));
        self.verdict(&spec, None, &secrets).await
    }

    /// Asks Datadog whether a stored configuration's credentials still work
    /// (`POST /{id}/validate`); [`Error::NotFound`] when it does not exist.
    pub async fn validate_stored(&self, id: &str) -> Result<Verdict, Error> {
        check_id(id)?;
        let spec = RequestSpec::new(Method::POST, self.item_validate(id));
        self.verdict(&spec, Some(id), &[]).await
    }

    /// Entra ID's prerequisite: the Azure App Registrations and whether one collects resources.
    pub async fn azure_app_registrations(&self) -> Result<AppRegistrations, Error> {
        let spec = RequestSpec::new(Method::GET, self.app_registrations());
        let response = self.api().call_ok(&spec, Redactions::default()).await?;
        let expected = "the Azure App Registration prerequisites";
        let json = parse_json(&spec, &response.body, expected)?;
        prerequisite::decode(&json).map_err(|d| decode(&spec, expected, d))
    }

    /// A 2xx answer to `spec` about `id`: 404 is [`Error::NotFound`], any other refusal
    /// [`Error::Api`].
    async fn answered(
        &self,
        spec: &RequestSpec,
        id: &str,
        redactions: Redactions<'_>,
    ) -> Result<Response, Error> {
        let (response, attempts) = self.api().call(spec, redactions).await?;
        if response.status == StatusCode::NOT_FOUND {
            return Err(Error::NotFound {
                service: VENDOR.service,
                id: id.to_owned(),
                request_id: None,
            });
        }
        if !response.status.is_success() {
            return Err(self.api().error(spec, &response, attempts, redactions));
        }
        Ok(response)
    }

    /// A validation's verdict: 2xx is valid, 400 is invalid with the API's reasons (secrets
    /// masked); anything else is an error.
    async fn verdict(
        &self,
        spec: &RequestSpec,
        id: Option<&str>,
        secrets: &[SecretString],
    ) -> Result<Verdict, Error> {
        let redactions = Redactions(secrets);
        let (response, attempts) = self.api().call(spec, redactions).await?;
        match response.status {
            s if s.is_success() => Ok(Verdict {
                valid: true,
                message: String::new(),
            }),
            StatusCode::BAD_REQUEST => {
                let found = VENDOR.messages(&response.headers, &response.body, redactions);
                let message = match messages::joined(&found) {
                    text if text.is_empty() => {
                        "Datadog refused the credentials (HTTP 400) without saying why".into()
                    }
                    text => text,
                };
                Ok(Verdict {
                    valid: false,
                    message,
                })
            }
            StatusCode::NOT_FOUND if id.is_some() => Err(Error::NotFound {
                service: VENDOR.service,
                id: id.unwrap_or_default().to_owned(),
                request_id: None,
            }),
            _ => Err(self.api().error(spec, &response, attempts, redactions)),
        }
    }
}

/// The items of a list answer, still JSON.
pub(crate) fn list_items(
    spec: &RequestSpec,
    response: &Response,
) -> Result<Vec<serde_json::Value>, Error> {
    let json = parse_json(spec, &response.body, A_LIST)?;
    model::list_items(&json).map_err(|d| decode(spec, A_LIST, d))
}

/// The item of a `{"data": item}` answer.
pub(crate) fn one(spec: &RequestSpec, response: &Response) -> Result<SyncConfig, Error> {
    let json = parse_json(spec, &response.body, AN_ITEM)?;
    model::decode_one(&json).map_err(|d| decode(spec, AN_ITEM, d))
}
