//! What the engine asks of a platform's API client: [`IntegrationApi`], over the vendor-neutral
//! shapes [`Integration`] (what the API reports) and [`IntegrationRequest`] (what to send).
//!
//! A platform implements the trait by calling its own client, which speaks the vendor's paths,
//! envelopes and auth. The engine relies on these rules, which every implementation keeps:
//!
//! - `create` never duplicates and never loses: after an ambiguous failure it looks the
//!   integration up by name and type and adopts it; once the integration exists, a later
//!   failure is `Error::CreatedIncomplete` with its id; when nobody can tell whether it was
//!   stored, `Error::CreateOutcomeUnknown`.
//! - `read` may answer from a list shared by concurrent reads (refresh in O(1) calls);
//!   `get` always asks the API. Both answer `Error::NotFound` when the integration is gone.
//! - `delete` of an integration that is already gone succeeds.
//! - Secret values are never logged, and are masked in whatever an error keeps of an answer.

use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;

use apiclient::Error;
use secrecy::{ExposeSecret, SecretString};
use serde_json::{Map, Value as Json};

/// An integration as the API reported it, in wire terms.
#[derive(Clone, PartialEq)]
pub struct Integration {
    /// The id the API assigned.
    pub id: String,
    /// The API's name of its type (as the catalog's `wire_type`, case aside).
    pub integration_type: String,
    /// Top-level keys: the catalog's frame and computed keys (`name`, `enabled`, `createdBy`).
    pub attributes: Map<String, Json>,
    /// The type's configuration keys. Secrets are absent or masked.
    pub config: Map<String, Json>,
}

impl Integration {
    /// The `name` attribute, or "" when the API reported none.
    pub fn name(&self) -> &str {
        self.attributes
            .get("name")
            .and_then(Json::as_str)
            .unwrap_or_default()
    }
}

impl fmt::Debug for Integration {
    /// Keys, never configuration values: the client cannot tell which are secret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Integration")
            .field("id", &self.id)
            .field("integration_type", &self.integration_type)
            .field("attributes", &self.attributes.keys().collect::<Vec<_>>())
            .field("config", &self.config.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// A secret value to send, held as a secret until the body is serialized.
#[derive(Clone)]
pub struct SecretValue {
    pub text: SecretString,
    /// The text is JSON to embed as a value (e.g. a key file), not a string.
    pub json: bool,
}

impl SecretValue {
    /// The wire value: the string, or the JSON it holds. Only for building a request body.
    pub fn expose(&self) -> Json {
        let text = self.text.expose_secret();
        if self.json {
            serde_json::from_str(text).unwrap_or_else(|_| Json::String(text.to_owned()))
        } else {
            Json::String(text.to_owned())
        }
    }
}

/// An integration to create, update or test, in wire terms.
///
/// Secret configuration keys live apart from the others so that they stay secret until the
/// body is serialized. A key must not appear in both maps.
///
/// The value of a secret entry of a list ([`crate::catalog::Entries`]) is keyed by the JSON
/// pointer (RFC 6901) of its place in `config`: `/headers/1/value` goes into the second entry of
/// `config["headers"]`, which holds the entry without its value. A secret entry with no such
/// key is sent without its value, which keeps the stored one. Top-level keys never start with
/// `/`, so a client of a catalog without such lists sees top-level keys only.
#[derive(Clone)]
pub struct IntegrationRequest {
    /// The API's name of the type (the catalog's `wire_type`).
    pub integration_type: String,
    /// Top-level keys (the catalog's frame: `name`, `description`, `enabled`, ...).
    pub attributes: Map<String, Json>,
    /// Non-secret configuration keys.
    pub config: Map<String, Json>,
    /// Secret configuration keys to send (top-level keys, or JSON pointers into `config`).
    pub secrets: BTreeMap<String, SecretValue>,
}

impl IntegrationRequest {
    /// The `name` attribute, or "".
    pub fn name(&self) -> &str {
        self.attributes
            .get("name")
            .and_then(Json::as_str)
            .unwrap_or_default()
    }

    /// Every secret value, to mask in whatever is kept of an answer.
    pub fn secret_values(&self) -> Vec<SecretString> {
        self.secrets.values().map(|s| s.text.clone()).collect()
    }
}

impl fmt::Debug for IntegrationRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IntegrationRequest")
            .field("integration_type", &self.integration_type)
            .field("attributes", &self.attributes)
            .field("config", &self.config)
            .field("secrets", &self.secrets.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// The verdict of a test call (a configuration that does not work is a verdict, not an error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestOutcome {
    /// Whether the configuration works.
    pub success: bool,
    /// The API's explanation (secrets masked); empty when it gave none.
    pub message: String,
}

/// A platform's API client, as the engine uses it. Cheap to clone; clones share one session.
pub trait IntegrationApi: Clone + Send + Sync + 'static {
    /// Creates an integration (see the module's rules) and returns it as the API reports it.
    fn create(
        &self,
        request: &IntegrationRequest,
    ) -> impl Future<Output = Result<Integration, Error>> + Send;

    /// One integration, possibly from a list shared by concurrent reads of the same run.
    fn read(
        &self,
        id: &str,
        wire_type: &str,
    ) -> impl Future<Output = Result<Integration, Error>> + Send;

    /// One integration, asked of the API now (import, lookups). `wire_type` narrows where to
    /// look when the API needs it.
    fn get(
        &self,
        id: &str,
        wire_type: Option<&str>,
    ) -> impl Future<Output = Result<Integration, Error>> + Send;

    /// Updates an integration; returns it as the API then reports it.
    fn update(
        &self,
        id: &str,
        request: &IntegrationRequest,
    ) -> impl Future<Output = Result<Integration, Error>> + Send;

    /// Deletes an integration; one already gone counts as deleted.
    fn delete(&self, id: &str, wire_type: &str) -> impl Future<Output = Result<(), Error>> + Send;

    /// Every integration, or those of one type.
    fn list(
        &self,
        wire_type: Option<&str>,
    ) -> impl Future<Output = Result<Vec<Integration>, Error>> + Send;

    /// The integration of this type with exactly this name, if any: how a create whose outcome
    /// was unknown is found again.
    fn find_by_name(
        &self,
        name: &str,
        wire_type: &str,
    ) -> impl Future<Output = Result<Option<Integration>, Error>> + Send {
        async move {
            let found = self.list(Some(wire_type)).await?;
            Ok(found.into_iter().find(|i| i.name() == name))
        }
    }

    /// Proves the client's settings work — the URL answers, the certificate is trusted, the
    /// credentials are accepted — at the cost of a call the run makes anyway (a login whose
    /// session later calls reuse), for a provider's `validate` setting
    /// ([`crate::provider::verified`]). The default proves nothing.
    fn verify(&self) -> impl Future<Output = Result<(), Error>> + Send {
        async { Ok(()) }
    }

    /// Stops this client and its clones: waiting calls return `Error::Stopped` promptly.
    fn stop(&self);
}
