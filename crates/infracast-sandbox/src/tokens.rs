//! Opaque tokens with a lifetime (access and refresh tokens).
//!
//! Stand-in until the shared sandbox kit's sessions land: same operations (issue, check,
//! expire), so that switching is a change of `use`.

use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Duration;

use tokio::time::Instant;

/// A token text. `Debug` hides it.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Token(String);

impl Token {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(..)")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenStatus {
    Valid(Arc<str>),
    Expired,
    Unknown,
}

#[derive(Debug)]
pub struct Sessions {
    ttl: Duration,
    tokens: RwLock<HashMap<String, (Arc<str>, Instant)>>,
}

impl Sessions {
    pub fn new(ttl: Duration) -> Sessions {
        Sessions {
            ttl,
            tokens: RwLock::new(HashMap::new()),
        }
    }

    pub fn issue(&self, username: &str) -> Token {
        let text: String = (0..4)
            .map(|_| format!("{:016x}", rand::random::<u64>()))
            .collect();
        let mut tokens = self.tokens.write().unwrap_or_else(PoisonError::into_inner);
        tokens.insert(
            text.clone(),
            (Arc::from(username), Instant::now() + self.ttl),
        );
        Token(text)
    }

    pub fn expire(&self, token: &str) {
        let mut tokens = self.tokens.write().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, expires)) = tokens.get_mut(token) {
            *expires = Instant::now();
        }
    }

    pub fn check(&self, token: &str) -> TokenStatus {
        let tokens = self.tokens.read().unwrap_or_else(PoisonError::into_inner);
        match tokens.get(token) {
            None => TokenStatus::Unknown,
            Some((_, expires)) if *expires <= Instant::now() => TokenStatus::Expired,
            Some((user, _)) => TokenStatus::Valid(Arc::clone(user)),
        }
    }
}
