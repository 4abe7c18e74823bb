//! The client itself: construction, `stop`, and the kit's [`Api`] every operation goes
//! through (retries, re-login on 401). The operations live in `operations.rs` (safe to
//! repeat) and `create.rs` (not safe to repeat); which endpoints they use, in `tenant.rs`.

use std::fmt;
use std::sync::Arc;

use apiclient::{Api, Session, Snapshots, TokenHeader, Transport};
use secrecy::SecretString;
use tokio::sync::OnceCell;

use super::VENDOR;
use super::config::ClientConfig;
use super::login::PrismaLogin;
use super::model::{IntegrationRequest, id_of};
use super::route::{Endpoints, Family};
use apiclient::Error;

/// How the session token travels.
const TOKEN_HEADER: TokenHeader = TokenHeader {
    name: "x-redlock-auth",
    prefix: "",
};

/// A Prisma Cloud integration API client. Cheap to clone; all clones share one session token,
/// one prisma id and one stop switch.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) api: Api<Session<PrismaLogin>>,
    /// Endpoints without a tenant: login, extend, license.
    pub(crate) base: Endpoints,
    /// The endpoints of this run, set once the prisma id is known or known to be unknowable
    /// (see `tenant.rs`).
    pub(crate) endpoints: OnceCell<Endpoints>,
    pub(crate) snapshots: Snapshots<Family>,
    base_url: String,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client for `config`. Does not contact the API (the first call logs in).
    pub fn new(config: ClientConfig) -> Result<Client, Error> {
        config.validate().map_err(|reason| Error::Config {
            service: VENDOR.service,
            reason,
        })?;
        let transport = Transport::new(VENDOR, &config.transport())?;
        let base = Endpoints::new(config.base_url.clone(), None);
        let endpoints = match &config.prisma_id {
            Some(id) => OnceCell::new_with(Some(Endpoints::new(
                config.base_url.clone(),
                Some(id.clone()),
            ))),
            None => OnceCell::new(),
        };
        let login = PrismaLogin::new(
            base.clone(),
            config.username,
            config.password,
            config.customer_name,
        );
        Ok(Client {
            inner: Arc::new(Inner {
                api: Api::new(
                    transport,
                    Session::new(login, TOKEN_HEADER, config.token_ttl),
                ),
                base,
                endpoints,
                snapshots: Snapshots::new(config.list_snapshot_ttl, id_of),
                base_url: config.base_url.to_string(),
            }),
        })
    }

    /// Stops this client and all its clones for good: calls waiting to retry, or waiting for
    /// a login, return [`Error::Stopped`] promptly; HTTP requests already sent may finish.
    pub fn stop(&self) {
        self.inner.api.stop();
    }

    /// Logs in (once: later calls share the session's token), proving that the URL answers,
    /// its certificate is trusted and the credentials are accepted. The prisma id a login
    /// answer names is kept for the endpoints of this run.
    pub async fn log_in(&self) -> Result<(), Error> {
        let api = self.api();
        api.auth.token(&api.transport).await.map(drop)
    }

    /// The kit's API: every call goes through it.
    pub(crate) fn api(&self) -> &Api<Session<PrismaLogin>> {
        &self.inner.api
    }
}

/// The secret values of a request, to mask in anything kept from its answer.
pub(crate) fn secret_values(request: &IntegrationRequest) -> Vec<SecretString> {
    request.secrets.values().cloned().collect()
}

#[cfg(test)]
mod tests {
    use url::Url;

    use super::*;
    use crate::api::IntegrationRequest;

    fn assert_send<T: Send>(_: &T) {}

    #[test]
    fn operations_are_send_so_they_can_run_in_spawned_tasks() {
        let config = ClientConfig::new(
            Url::parse("http://127.0.0.1:9/").expect("URL"),
            "AK",
            SecretString::from("SK"),
        );
        let client = Client::new(config).expect("valid configuration");
        let request = IntegrationRequest {
            name: "n".into(),
            description: String::new(),
            enabled: true,
            integration_type: "slack".into(),
            config: serde_json::Map::new(),
            secrets: Default::default(),
        };
        assert_send(&client.list(None));
        assert_send(&client.get("i", None));
        assert_send(&client.get_coalesced("i", "slack"));
        assert_send(&client.find_by_name("n", "slack"));
        assert_send(&client.create(&request));
        assert_send(&client.update("i", &request));
        assert_send(&client.delete("i", "slack"));
        assert_send(&client.test(&request));
        let _: &(dyn Fn() + Send + Sync) = &|| client.stop();
    }

    #[test]
    fn unusable_configuration_is_refused() {
        let mut config = ClientConfig::new(
            Url::parse("http://127.0.0.1:9/").expect("URL"),
            "AK",
            SecretString::from("SK"),
        );
        config.token_ttl = std::time::Duration::ZERO;
        let error = Client::new(config).expect_err("zero token lifetime");
        assert!(matches!(error, Error::Config { .. }), "{error:?}");
    }
}
