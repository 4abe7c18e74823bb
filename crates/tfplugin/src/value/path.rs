//! Where in a value decoding went wrong, for error messages.

use super::{DecodeError, Type};

/// A path inside a value, for error messages.
#[derive(Default)]
pub(super) struct PathBuf(Vec<String>);

impl PathBuf {
    pub(super) fn with<T>(&mut self, step: String, f: impl FnOnce(&mut Self) -> T) -> T {
        self.0.push(step);
        let out = f(self);
        self.0.pop();
        out
    }

    fn render(&self) -> String {
        if self.0.is_empty() {
            "the root".to_string()
        } else {
            self.0.concat()
        }
    }

    pub(super) fn mismatch(&self, expected: &Type, found: &str) -> DecodeError {
        DecodeError::Mismatch {
            path: self.render(),
            expected: expected.describe(),
            found: found.to_string(),
        }
    }
}
