//! Masking a request's secrets in what is kept of its answer: an API may echo what it was sent
//! (a subject may be a webhook URL with its token).

use secrecy::{ExposeSecret, SecretString};

use super::ApiMessage;

/// What replaces a secret value found in a message.
pub const MASK: &str = "***";

/// The request's secret values, masked wherever they appear in text kept from an answer.
#[derive(Clone, Copy, Default)]
pub struct Redactions<'a>(pub &'a [SecretString]);

impl Redactions<'_> {
    /// `text` with every non-empty secret value replaced by [`MASK`].
    pub fn apply(&self, text: &str) -> String {
        let mut text = text.to_owned();
        for secret in self.0 {
            let secret = secret.expose_secret();
            if !secret.is_empty() && text.contains(secret) {
                text = text.replace(secret, MASK);
            }
        }
        text
    }

    /// `message` with every secret value masked in its texts.
    pub fn message(&self, message: ApiMessage) -> ApiMessage {
        ApiMessage {
            code: self.apply(&message.code),
            severity: message.severity,
            subject: message.subject.map(|s| self.apply(&s)),
        }
    }
}
