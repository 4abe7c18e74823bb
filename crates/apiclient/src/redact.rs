//! Masking a request's secrets in what is kept of its answer: an API may echo what it was sent
//! (a subject may be a webhook URL with its token).
//!
//! Only whole secret values are replaced, longest first (so that a secret containing another
//! is masked whole, not partly revealed). A value shorter than [`MIN_SECRET_LEN`] characters is
//! left alone: masking every `e` of a message because a test's token is `"e"` would make the
//! message unreadable and show which letters the secret is made of, while hiding nothing.

use secrecy::{ExposeSecret, SecretString};

use super::ApiMessage;

/// What replaces a secret value found in a message.
pub const MASK: &str = "***";

/// Secret values shorter than this (in characters) are not masked.
pub const MIN_SECRET_LEN: usize = 4;

/// `text` with every occurrence of each secret value of [`MIN_SECRET_LEN`] characters or more
/// replaced by `mask`, longest values first.
pub fn mask_secrets(text: &str, secrets: &[SecretString], mask: &str) -> String {
    let mut values: Vec<&str> = secrets
        .iter()
        .map(ExposeSecret::expose_secret)
        .filter(|s| s.chars().count() >= MIN_SECRET_LEN)
        .collect();
    values.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let mut text = text.to_owned();
    for secret in values {
        if text.contains(secret) {
            text = text.replace(secret, mask);
        }
    }
    text
}

/// The request's secret values, masked wherever they appear in text kept from an answer.
#[derive(Clone, Copy, Default)]
pub struct Redactions<'a>(pub &'a [SecretString]);

impl Redactions<'_> {
    /// `text` with every secret value (of [`MIN_SECRET_LEN`] characters or more) replaced by
    /// [`MASK`].
    pub fn apply(&self, text: &str) -> String {
        mask_secrets(text, self.0, MASK)
    }

    /// `message` with every secret value masked in its texts.
    pub fn message(&self, message: ApiMessage) -> ApiMessage {
        ApiMessage {
            code: self.apply(&message.code),
            severity: message.severity,
            subject: message.subject.map(|s| self.apply(&s)),
            text: message.text.map(|t| self.apply(&t)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secrets(values: &[&str]) -> Vec<SecretString> {
        values.iter().map(|v| SecretString::from(*v)).collect()
    }

    #[test]
    fn short_values_leave_the_text_readable() {
        let s = secrets(&["e", "abc"]);
        let text = "the webhook receiver answered: bad request";
        assert_eq!(Redactions(&s).apply(text), text);
    }

    #[test]
    fn whole_values_are_masked_and_none_of_four_or_more_characters_survives() {
        let s = secrets(&["tok-SECRET", "tok-SECRET-longer", "pass"]);
        let text = "rejected tok-SECRET-longer and tok-SECRET (password pass)";
        let masked = Redactions(&s).apply(text);
        assert_eq!(masked, "rejected *** and *** (***word ***)");
        for secret in ["tok-SECRET", "tok-SECRET-longer", "pass", "longer"] {
            assert!(!masked.contains(secret), "{secret} survives in {masked}");
        }
    }

    #[test]
    fn every_text_of_a_message_is_masked() {
        let s = secrets(&["hooks-secret-123"]);
        let m = Redactions(&s).message(
            ApiMessage::new("invalid_url")
                .with_subject("https://x/hooks-secret-123")
                .with_text("https://x/hooks-secret-123 is not reachable"),
        );
        assert_eq!(m.subject.as_deref(), Some("https://x/***"));
        assert_eq!(m.text.as_deref(), Some("https://x/*** is not reachable"));
    }
}
