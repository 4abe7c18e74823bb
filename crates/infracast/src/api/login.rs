//! How the client signs in: `POST /api/v1/auth/token` with the credentials, and `POST
//! /api/v1/auth/refresh` with the refresh token of the last grant.
//!
//! The shared session (apiclient's `Session`) decides *when*: one login per run, a renewal once
//! half of the token's lifetime (from `expires_at`) has passed, a new token when the API
//! refuses the current one (401); concurrent calls share each of them. This module decides
//! *how*: a new token comes from the refresh token whenever one is held (also after a 401 or
//! an expiry, when the refresh token may still be good), and from the credentials when there
//! is none or the API refuses it. The API spends a refresh token on use, so the one kept is
//! always the latest grant's.

use std::sync::{Mutex, PoisonError};
use std::time::SystemTime;

use apiclient::{
    Attempt, AuthHeaders, Endpoint, Error, Grant, JsonBody, Login, Method, RequestSpec,
    SessionToken, Transport, login_call,
};
use secrecy::{ExposeSecret, SecretString};
use serde_json::{Value, json};
use url::Url;

use super::wire;

/// What to check when the credentials are refused.
const CHECK: &str = "check the provider's username and password (INFRACAST_USERNAME, \
                     INFRACAST_PASSWORD): they are an Infracast user's";

/// The credentials and the refresh token of the last grant.
pub struct InfracastLogin {
    base: Url,
    username: String,
    password: SecretString,
    refresh_token: Mutex<Option<SecretString>>,
}

impl InfracastLogin {
    pub fn new(base: Url, username: String, password: SecretString) -> InfracastLogin {
        InfracastLogin {
            base,
            username,
            password,
            refresh_token: Mutex::new(None),
        }
    }

    fn post(&self, path: &'static str, body: &Value) -> RequestSpec {
        let url = self
            .base
            .join(path.trim_start_matches('/'))
            .expect("a fixed path joins any base URL");
        RequestSpec::new(
            Method::POST,
            Endpoint {
                url,
                template: path,
            },
        )
        .with_body(JsonBody::new(body))
    }

    /// The grant of a login or refresh answer; keeps its refresh token.
    fn grant(&self, spec: &RequestSpec, body: &[u8]) -> Result<Grant, Error> {
        let decode = |detail: String| Error::Decode {
            operation: spec.operation(),
            expected: "a token, its expiry and a refresh token",
            detail,
        };
        let value: Value = serde_json::from_slice(body)
            .map_err(|e| decode(format!("the body is not JSON ({:?} error)", e.classify())))?;
        let grant = wire::grant(&value, SystemTime::now()).map_err(decode)?;
        let refresh = grant.refresh_token.map(SecretString::from);
        *self
            .refresh_token
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = refresh.clone();
        Ok(Grant {
            token: SecretString::from(grant.token),
            refresh_token: refresh,
            lifetime: grant.lifetime,
        })
    }

    /// A new token from the refresh token, if one is held and the API takes it. One attempt:
    /// on any failure the credentials are next.
    async fn refresh(&self, transport: &Transport) -> Option<Grant> {
        let token = self
            .refresh_token
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()?;
        let spec = self.post(
            "/api/v1/auth/refresh",
            &json!({"refresh_token": token.expose_secret()}),
        );
        match transport.send(&spec, &AuthHeaders::none(), 1).await {
            Ok(Attempt::Done(answer)) if answer.status.is_success() => {
                match self.grant(&spec, &answer.body) {
                    Ok(grant) => {
                        tracing::debug!("access token refreshed");
                        Some(grant)
                    }
                    Err(error) => {
                        tracing::debug!(%error, "refresh answer unusable; signing in again");
                        None
                    }
                }
            }
            _ => {
                tracing::debug!("refresh token refused; signing in again");
                None
            }
        }
    }
}

impl Login for InfracastLogin {
    async fn login(&self, transport: &Transport) -> Result<Grant, Error> {
        if let Some(grant) = self.refresh(transport).await {
            return Ok(grant);
        }
        let spec = self.post(
            "/api/v1/auth/token",
            &json!({"username": self.username, "password": self.password.expose_secret()}),
        );
        let secrets = [self.password.clone()];
        let answer = login_call(transport, &spec, &secrets, CHECK).await?;
        tracing::debug!("signed in");
        self.grant(&spec, &answer.body)
    }

    async fn renew(&self, transport: &Transport, _current: &SessionToken) -> Option<Grant> {
        self.refresh(transport).await
    }
}
