//! The session token, shared by every clone of a client.
//!
//! One token serves all concurrent calls. Getting a new one (login, or `GET
//! /auth_token/extend` once half of the assumed lifetime has passed) is single-flight: an
//! async mutex admits one refresher, and callers that queued behind it re-check the token when
//! they get in, so a burst of calls — including after expiry or after a 401 — logs in once.
//! While a still-valid token is being extended, other callers keep using it instead of
//! waiting. Callers that queued behind a *failed* login get that login's error rather than
//! trying again each in turn, so wrong credentials are sent once, not once per caller.

use super::SERVICE;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use reqwest::header::HeaderValue;
use reqwest::{Method, StatusCode};
use secrecy::SecretString;
use serde_json::Value;

use super::body;
use super::messages::Redactions;
use super::route::Endpoints;
use super::transport::{Attempt, RequestSpec, Retrier, Transport, api_error};
use apiclient::Error;

/// A session token and when it was obtained.
pub(crate) struct Token {
    pub(crate) value: SecretString,
    generation: u64,
    obtained: Instant,
}

/// What to do with a token of a given age.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Freshness {
    /// Young enough: use it.
    Fresh,
    /// Past half its assumed lifetime: use it, and extend it.
    Renewable,
    /// Past its assumed lifetime: log in again.
    Expired,
}

/// How fresh a token of `age` is, for an assumed lifetime `ttl`.
pub(crate) fn freshness(age: Duration, ttl: Duration) -> Freshness {
    if age >= ttl {
        Freshness::Expired
    } else if age >= ttl / 2 {
        Freshness::Renewable
    } else {
        Freshness::Fresh
    }
}

/// Credentials plus the current token.
pub(crate) struct Session {
    username: String,
    password: SecretString,
    customer_name: Option<String>,
    ttl: Duration,
    current: Mutex<Option<Arc<Token>>>,
    refresh: tokio::sync::Mutex<()>,
    state: Mutex<RefreshState>,
}

#[derive(Default)]
struct RefreshState {
    next_generation: u64,
    /// Number of refreshes that ended (successfully or not).
    refreshes: u64,
    /// The error of the last refresh, if it failed.
    last_failure: Option<Error>,
}

impl Session {
    pub(crate) fn new(
        username: String,
        password: SecretString,
        customer_name: Option<String>,
        ttl: Duration,
    ) -> Self {
        Session {
            username,
            password,
            customer_name,
            ttl,
            current: Mutex::new(None),
            refresh: tokio::sync::Mutex::new(()),
            state: Mutex::new(RefreshState::default()),
        }
    }

    /// A token to call with: the current one, or a new one.
    pub(crate) async fn token(
        &self,
        transport: &Transport,
        endpoints: &Endpoints,
    ) -> Result<Arc<Token>, Error> {
        if let Some(token) = self.current_token() {
            match freshness(token.obtained.elapsed(), self.ttl) {
                Freshness::Fresh => return Ok(token),
                Freshness::Renewable => {
                    let Ok(_guard) = self.refresh.try_lock() else {
                        // Someone is already renewing; this token is still good meanwhile.
                        return Ok(token);
                    };
                    // Someone may have renewed it between the read above and the lock.
                    if let Some(token) = self.current_token()
                        && freshness(token.obtained.elapsed(), self.ttl) == Freshness::Fresh
                    {
                        return Ok(token);
                    }
                    return match self.renew(transport, endpoints).await {
                        Err(error) if !matches!(error, Error::Stopped { .. }) => {
                            tracing::debug!("token renewal failed; keeping the current token");
                            Ok(token)
                        }
                        result => result,
                    };
                }
                Freshness::Expired => {}
            }
        }
        let seen_refreshes = lock(&self.state).refreshes;
        let _guard = tokio::select! {
            guard = self.refresh.lock() => guard,
            () = transport.cancel.cancelled() => return Err(Error::Stopped { service: SERVICE }),
        };
        if let Some(token) = self.current_token()
            && freshness(token.obtained.elapsed(), self.ttl) != Freshness::Expired
        {
            return Ok(token);
        }
        {
            let state = lock(&self.state);
            if state.refreshes != seen_refreshes
                && let Some(error) = &state.last_failure
            {
                return Err(error.clone());
            }
        }
        self.renew(transport, endpoints).await
    }

    /// Forgets `token` if it is still the current one (after a 401 with it).
    pub(crate) fn invalidate(&self, token: &Token) {
        let mut current = lock(&self.current);
        if current
            .as_ref()
            .is_some_and(|t| t.generation == token.generation)
        {
            *current = None;
        }
    }

    /// Extends a renewable token or logs in; caller holds the refresh lock.
    async fn renew(
        &self,
        transport: &Transport,
        endpoints: &Endpoints,
    ) -> Result<Arc<Token>, Error> {
        let renewable = self
            .current_token()
            .filter(|t| freshness(t.obtained.elapsed(), self.ttl) != Freshness::Expired);
        let extended = match renewable {
            Some(token) => self.extend(transport, endpoints, &token).await,
            None => None,
        };
        let result = match extended {
            Some(value) => Ok(value),
            None => self.login(transport, endpoints).await,
        };
        let mut state = lock(&self.state);
        state.refreshes += 1;
        match result {
            Ok(value) => {
                state.last_failure = None;
                state.next_generation += 1;
                let token = Arc::new(Token {
                    value,
                    generation: state.next_generation,
                    obtained: Instant::now(),
                });
                *lock(&self.current) = Some(Arc::clone(&token));
                Ok(token)
            }
            Err(error) => {
                state.last_failure = Some(error.clone());
                Err(error)
            }
        }
    }

    /// `GET /auth_token/extend`, once; `None` on any failure (the caller logs in instead).
    async fn extend(
        &self,
        transport: &Transport,
        endpoints: &Endpoints,
        token: &Token,
    ) -> Option<SecretString> {
        let spec = RequestSpec::new(Method::GET, endpoints.extend());
        match transport.send(&spec, Some(&token.value), 1).await {
            Ok(Attempt::Done(response)) if response.status.is_success() => {
                token_from(&response.body).ok()
            }
            _ => {
                tracing::debug!("token extension failed; logging in again");
                None
            }
        }
    }

    /// `POST /login`, retried on 429/5xx/transport failures; 401 is final.
    async fn login(
        &self,
        transport: &Transport,
        endpoints: &Endpoints,
    ) -> Result<SecretString, Error> {
        let spec = RequestSpec::new(Method::POST, endpoints.login()).with_body(body::login(
            &self.username,
            &self.password,
            self.customer_name.as_deref(),
        ));
        let secrets = [self.password.clone()];
        let mut retrier = Retrier::new(transport, &spec, Redactions(&secrets));
        loop {
            let attempt = retrier.next_attempt();
            match transport.send(&spec, None, attempt).await? {
                Attempt::Retryable(failure) => retrier.pause(failure).await?,
                Attempt::Done(response) if response.status == StatusCode::UNAUTHORIZED => {
                    return Err(Error::Unauthorized {
                        service: SERVICE,
                        check: "check the access key ID and secret key",
                        status: response.status.as_u16(),
                        request_id: response.request_id(),
                    });
                }
                Attempt::Done(response) if response.status.is_success() => {
                    return token_from(&response.body).map_err(|detail| Error::Decode {
                        operation: spec.operation(),
                        expected: "a JSON object with a token",
                        detail,
                    });
                }
                Attempt::Done(response) => {
                    return Err(api_error(
                        spec.operation(),
                        &response,
                        attempt,
                        Redactions(&secrets),
                    ));
                }
            }
        }
    }

    /// The current token, if there is one not yet past its assumed lifetime; never logs in.
    pub(crate) fn current(&self) -> Option<Arc<Token>> {
        self.current_token()
            .filter(|t| freshness(t.obtained.elapsed(), self.ttl) != Freshness::Expired)
    }

    fn current_token(&self) -> Option<Arc<Token>> {
        lock(&self.current).clone()
    }
}

/// The `token` field of a login or extend answer, if usable as a header value.
pub(crate) fn token_from(body: &[u8]) -> Result<SecretString, String> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| format!("the body is not JSON ({:?} error)", e.classify()))?;
    let token = value
        .get("token")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
        .ok_or("no token in the answer")?;
    HeaderValue::from_str(token).map_err(|_| "the token is not a valid header value")?;
    Ok(SecretString::from(token))
}

/// Locks a std mutex; a poisoned one is still consistent here (every critical section only
/// assigns whole values).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn freshness_thresholds() {
        let ttl = Duration::from_secs(600);
        assert_eq!(freshness(Duration::ZERO, ttl), Freshness::Fresh);
        assert_eq!(freshness(Duration::from_secs(299), ttl), Freshness::Fresh);
        assert_eq!(
            freshness(Duration::from_secs(300), ttl),
            Freshness::Renewable
        );
        assert_eq!(
            freshness(Duration::from_secs(599), ttl),
            Freshness::Renewable
        );
        assert_eq!(freshness(Duration::from_secs(600), ttl), Freshness::Expired);
        assert_eq!(
            freshness(Duration::from_secs(6000), ttl),
            Freshness::Expired
        );
    }

    #[test]
    fn token_parsing() {
        assert!(token_from(br#"{"token":"abc","message":"login_successful"}"#).is_ok());
        assert_eq!(
            token_from(br#"{"message":"x"}"#).err().as_deref(),
            Some("no token in the answer")
        );
        assert_eq!(
            token_from(br#"{"token":""}"#).err().as_deref(),
            Some("no token in the answer")
        );
        assert!(token_from(b"<html>").is_err());
        assert!(token_from(b"{\"token\":\"a\\nb\"}").is_err());
    }
}
