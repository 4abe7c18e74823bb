//! Login sessions: opaque random tokens with a time to live, for vendors whose API logs in
//! (Prisma Cloud's `POST /login`, Infracast's access and refresh tokens: one [`Sessions`] per
//! lifetime).
//!
//! Time comes from `tokio::time::Instant`, so tests running on a paused clock can move past a
//! token's expiry without sleeping.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use tokio::time::Instant;

use crate::Caller;

/// A session token. `Debug` never shows it.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Token(String);

impl Token {
    /// 256 random bits, URL-safe base64.
    fn random() -> Token {
        let bytes: [u8; 32] = rand::random();
        Token(URL_SAFE_NO_PAD.encode(bytes))
    }

    /// The token text, to hand to the client that logged in.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Token {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token([REDACTED])")
    }
}

#[derive(Debug)]
struct Session {
    username: Arc<str>,
    expires: Instant,
}

/// What a presented token turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenStatus {
    /// Valid, for this user.
    Valid(Arc<str>),
    /// Issued by this sandbox but past its time to live.
    Expired,
    /// Never issued by this sandbox (or pruned long after expiry).
    Unknown,
}

/// Every token issued, with its owner and expiry.
#[derive(Debug)]
pub struct Sessions {
    ttl: Duration,
    tokens: RwLock<HashMap<Token, Session>>,
}

impl Sessions {
    /// No sessions yet; each token issued lives `ttl`.
    pub fn new(ttl: Duration) -> Sessions {
        Sessions {
            ttl,
            tokens: RwLock::new(HashMap::new()),
        }
    }

    /// Issues a new token for `username`, valid for the configured time to live. Earlier tokens
    /// stay valid until their own expiry (an extension does not revoke the token it extends).
    pub fn issue(&self, username: &str) -> Token {
        let now = Instant::now();
        let token = Token::random();
        let mut tokens = self.tokens.write().unwrap_or_else(PoisonError::into_inner);
        // Keep expired tokens around for one extra lifetime so clients get "expired" rather
        // than "unknown", then forget them so the map stays bounded.
        let ttl = self.ttl;
        tokens.retain(|_, s| s.expires + ttl > now);
        tokens.insert(
            token.clone(),
            Session {
                username: Arc::from(username),
                expires: now + self.ttl,
            },
        );
        token
    }

    /// Ends `token`'s lifetime now (fault injection: a token that expires early).
    pub fn expire(&self, token: &str) {
        let mut tokens = self.tokens.write().unwrap_or_else(PoisonError::into_inner);
        if let Some(session) = tokens.get_mut(token) {
            session.expires = Instant::now();
        }
    }

    /// Checks a token a request presented.
    pub fn check(&self, token: &str) -> TokenStatus {
        let tokens = self.tokens.read().unwrap_or_else(PoisonError::into_inner);
        match tokens.get(token) {
            None => TokenStatus::Unknown,
            Some(session) if session.expires <= Instant::now() => TokenStatus::Expired,
            Some(session) => TokenStatus::Valid(Arc::clone(&session.username)),
        }
    }

    /// Who presents `token`, as [`crate::Vendor::identify`] answers: its user (with the token,
    /// which the `token_expiry` fault may end early), an expired token, or credentials this
    /// sandbox never issued.
    pub fn caller(&self, token: &str) -> Caller {
        match self.check(token) {
            TokenStatus::Valid(user) => Caller::User {
                user,
                token: Some(token.to_owned()),
            },
            TokenStatus::Expired => Caller::ExpiredToken,
            TokenStatus::Unknown => Caller::InvalidCredentials,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_token_is_valid_until_its_ttl_then_expired() {
        let sessions = Sessions::new(Duration::from_secs(60));
        let token = sessions.issue("alice");
        assert_eq!(
            sessions.check(token.expose()),
            TokenStatus::Valid(Arc::from("alice"))
        );
        tokio::time::advance(Duration::from_secs(61)).await;
        assert_eq!(sessions.check(token.expose()), TokenStatus::Expired);
        assert_eq!(sessions.check("never-issued"), TokenStatus::Unknown);
    }

    #[tokio::test(start_paused = true)]
    async fn a_token_names_its_caller() {
        let sessions = Sessions::new(Duration::from_secs(60));
        let token = sessions.issue("alice");
        let caller = sessions.caller(token.expose());
        assert_eq!(caller.user().map(|u| &**u), Some("alice"));
        assert_eq!(caller.token(), Some(token.expose()));
        sessions.expire(token.expose());
        assert_eq!(sessions.caller(token.expose()), Caller::ExpiredToken);
        assert_eq!(sessions.caller("never-issued"), Caller::InvalidCredentials);
    }

    #[test]
    fn tokens_are_distinct_and_debug_hides_them() {
        let sessions = Sessions::new(Duration::from_secs(60));
        let a = sessions.issue("alice");
        let b = sessions.issue("alice");
        assert_ne!(a, b);
        assert!(a.expose().len() >= 40);
        assert!(!format!("{a:?}").contains(a.expose()));
    }
}
