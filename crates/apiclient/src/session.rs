//! A session token, shared by every clone of a client, for vendors that log in.
//!
//! One token serves all concurrent calls. Getting a new one (a login, or a renewal once half of
//! its lifetime has passed) is single-flight: an async mutex admits one refresher, and callers
//! that queued behind it re-check the token when they get in, so a burst of calls — including
//! after expiry or after a 401 — logs in once. While a still-valid token is being renewed,
//! other callers keep using it instead of waiting. Callers that queued behind a *failed* login
//! get that login's error rather than trying again each in turn, so wrong credentials are sent
//! once, not once per caller.
//!
//! How to log in and how to renew are the vendor's ([`Login`]); how the token travels is a
//! [`TokenHeader`]. The re-login on 401 lives in [`Authorize`](crate::Authorize).

use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use secrecy::SecretString;
use serde_json::Value;

use crate::{AuthHeaders, Error, RequestSpec, TokenHeader, Transport};

/// What a login or a renewal grants.
#[derive(Clone)]
pub struct Grant {
    /// The access token.
    pub token: SecretString,
    /// A token that renews the access token without the credentials (Infracast's
    /// `refresh_token`), if the vendor hands one out.
    pub refresh_token: Option<SecretString>,
    /// How long the token lives, when the answer says (`expires_at`); otherwise the
    /// session's assumed lifetime applies.
    pub lifetime: Option<Duration>,
}

impl Grant {
    /// A grant of just a token.
    pub fn token(token: SecretString) -> Grant {
        Grant {
            token,
            refresh_token: None,
            lifetime: None,
        }
    }
}

/// How a vendor logs in and renews a session.
///
/// The futures must be `Send`: operations run in spawned tasks.
pub trait Login: Send + Sync + 'static {
    /// Logs in with the credentials. [`login_call`] does the retrying and the error mapping;
    /// the vendor builds the request and reads the grant from the answer.
    fn login(&self, transport: &Transport) -> impl Future<Output = Result<Grant, Error>> + Send;

    /// Renews a token that is past half its lifetime but still valid (Prisma Cloud: `GET
    /// /auth_token/extend` with it; Infracast: `POST /api/v1/auth/refresh` with the refresh
    /// token). `None` on any failure: the session logs in instead. The default never renews.
    fn renew(
        &self,
        transport: &Transport,
        current: &SessionToken,
    ) -> impl Future<Output = Option<Grant>> + Send {
        let _ = (transport, current);
        std::future::ready(None)
    }
}

/// A session token, when it was obtained, and the headers that carry it.
pub struct SessionToken {
    grant: Grant,
    headers: AuthHeaders,
    generation: u64,
    obtained: Instant,
    ttl: Duration,
}

impl SessionToken {
    /// What the login or renewal granted.
    pub fn grant(&self) -> &Grant {
        &self.grant
    }

    /// The headers that authenticate a request with this token.
    pub fn headers(&self) -> &AuthHeaders {
        &self.headers
    }

    fn freshness(&self) -> Freshness {
        freshness(self.obtained.elapsed(), self.ttl)
    }
}

/// What to do with a token of a given age.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Freshness {
    /// Young enough: use it.
    Fresh,
    /// Past half its lifetime: use it, and renew it.
    Renewable,
    /// Past its lifetime: log in again.
    Expired,
}

/// How fresh a token of `age` is, for a lifetime `ttl`.
pub(crate) fn freshness(age: Duration, ttl: Duration) -> Freshness {
    if age >= ttl {
        Freshness::Expired
    } else if age >= ttl / 2 {
        Freshness::Renewable
    } else {
        Freshness::Fresh
    }
}

/// A vendor's login plus the current token.
pub struct Session<L> {
    login: L,
    header: TokenHeader,
    ttl: Duration,
    current: Mutex<Option<Arc<SessionToken>>>,
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

impl<L: Login> Session<L> {
    /// A session that logs in with `login`, sends its token in `header`, and assumes a token
    /// lives `ttl` unless the grant says otherwise. `ttl` must not be zero.
    pub fn new(login: L, header: TokenHeader, ttl: Duration) -> Self {
        Session {
            login,
            header,
            ttl,
            current: Mutex::new(None),
            refresh: tokio::sync::Mutex::new(()),
            state: Mutex::new(RefreshState::default()),
        }
    }

    /// The vendor's login (to read what it learned from the answers).
    pub fn login(&self) -> &L {
        &self.login
    }

    /// A token to call with: the current one, or a new one.
    pub async fn token(&self, transport: &Transport) -> Result<Arc<SessionToken>, Error> {
        if let Some(token) = self.current_token() {
            match token.freshness() {
                Freshness::Fresh => return Ok(token),
                Freshness::Renewable => {
                    let Ok(_guard) = self.refresh.try_lock() else {
                        // Someone is already renewing; this token is still good meanwhile.
                        return Ok(token);
                    };
                    // Someone may have renewed it between the read above and the lock.
                    if let Some(token) = self.current_token()
                        && token.freshness() == Freshness::Fresh
                    {
                        return Ok(token);
                    }
                    return match self.renew(transport).await {
                        Err(error) if !error.is_stopped() => {
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
            () = transport.stopped() => return Err(transport.stopped_error()),
        };
        if let Some(token) = self.current_token()
            && token.freshness() != Freshness::Expired
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
        self.renew(transport).await
    }

    /// Forgets `token` if it is still the current one (after a 401 with it).
    pub fn invalidate(&self, token: &SessionToken) {
        let mut current = lock(&self.current);
        if current
            .as_ref()
            .is_some_and(|t| t.generation == token.generation)
        {
            *current = None;
        }
    }

    /// The current token, if there is one not yet past its lifetime; never logs in.
    pub fn current(&self) -> Option<Arc<SessionToken>> {
        self.current_token()
            .filter(|t| t.freshness() != Freshness::Expired)
    }

    /// Renews a renewable token or logs in; caller holds the refresh lock.
    async fn renew(&self, transport: &Transport) -> Result<Arc<SessionToken>, Error> {
        let renewed = match self.current() {
            Some(token) => self.login.renew(transport, &token).await,
            None => None,
        };
        let result = match renewed {
            Some(grant) => Ok(grant),
            None => self.login.login(transport).await,
        }
        .and_then(|grant| {
            let headers = self
                .header
                .headers(&grant.token)
                .map_err(|detail| Error::Decode {
                    operation: "login".into(),
                    expected: "a session token usable as a header value",
                    detail,
                })?;
            Ok((grant, headers))
        });
        let mut state = lock(&self.state);
        state.refreshes += 1;
        match result {
            Ok((grant, headers)) => {
                state.last_failure = None;
                state.next_generation += 1;
                let token = Arc::new(SessionToken {
                    ttl: grant.lifetime.unwrap_or(self.ttl),
                    grant,
                    headers,
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

    fn current_token(&self) -> Option<Arc<SessionToken>> {
        lock(&self.current).clone()
    }
}

/// Sends a login request: retried on 429/5xx/network failures; a 401 is final and becomes
/// [`Error::Unauthorized`] telling the user what to `check`; any other non-2xx is
/// [`Error::Api`]. Returns the successful answer for the vendor to read its grant from.
/// `secrets` (the password) are masked in whatever is kept of the answers.
pub async fn login_call(
    transport: &Transport,
    spec: &RequestSpec,
    secrets: &[SecretString],
    check: &'static str,
) -> Result<crate::Response, Error> {
    use crate::{Attempt, Redactions, Retrier, api_error};
    let redactions = Redactions(secrets);
    let mut retrier = Retrier::new(transport, spec, redactions);
    loop {
        let attempt = retrier.next_attempt();
        match transport.send(spec, &AuthHeaders::none(), attempt).await? {
            Attempt::Retryable(failure) => retrier.pause(failure).await?,
            Attempt::Done(response) if response.status == reqwest::StatusCode::UNAUTHORIZED => {
                let vendor = transport.vendor();
                return Err(Error::Unauthorized {
                    service: vendor.service,
                    check,
                    status: response.status.as_u16(),
                    request_id: vendor.request_id(&response.headers),
                });
            }
            Attempt::Done(response) if response.status.is_success() => return Ok(response),
            Attempt::Done(response) => {
                return Err(api_error(
                    transport.vendor(),
                    spec.operation(),
                    &response,
                    attempt,
                    redactions,
                ));
            }
        }
    }
}

/// The string field `key` of a JSON answer (a token), if present, non-empty and usable as a
/// header value. `Err` says what is wrong without quoting the body.
pub fn token_field(body: &[u8], key: &str) -> Result<SecretString, String> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| format!("the body is not JSON ({:?} error)", e.classify()))?;
    let token = value
        .get(key)
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
        .ok_or("no token in the answer")?;
    reqwest::header::HeaderValue::from_str(token)
        .map_err(|_| "the token is not a valid header value")?;
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
        let token_from = |body: &[u8]| token_field(body, "token");
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
