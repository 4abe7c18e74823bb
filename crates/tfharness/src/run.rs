//! The outcome of one CLI run.

use std::process::Output;

/// Text that means the provider process panicked or crashed: Rust's panic message, and what
/// Terraform says when a plugin dies under it.
pub const PANIC_MARKERS: &[&str] = &[
    "panicked at",
    "Stack trace from the terraform-provider",
    "Plugin did not respond",
    "The plugin encountered an error",
];

/// The outcome of one CLI run.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    /// The run's log file (`TF_LOG_PATH`): the provider's logs at trace level at least.
    pub log: String,
}

impl Run {
    pub fn from(o: Output, log: String) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
            log,
        }
    }

    /// Fails the test if the CLI output or the log shows a panic of the provider.
    pub fn assert_no_panic(&self) {
        for (what, text) in [
            ("stdout", &self.stdout),
            ("stderr", &self.stderr),
            ("log", &self.log),
        ] {
            if let Some(marker) = PANIC_MARKERS.iter().find(|m| text.contains(**m)) {
                let at = text.find(marker).unwrap_or(0);
                let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
                let excerpt: String = text[start..].chars().take(2000).collect();
                panic!("the provider panicked ({what} shows {marker:?}):\n{excerpt}");
            }
        }
    }

    pub fn all(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }

    /// [`Run::all`] with every run of whitespace made one space: Terraform wraps diagnostic
    /// text at 78 columns, so a sentence may span lines.
    pub fn flat(&self) -> String {
        self.all().split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// How many diagnostics of error severity Terraform printed.
    pub fn error_count(&self) -> usize {
        self.all().matches("Error: ").count()
    }

    /// Every one of `expected` is in [`Run::flat`] (so a sentence Terraform wrapped matches).
    pub fn assert_mentions(&self, expected: &[&str]) {
        let text = self.flat();
        for e in expected {
            assert!(text.contains(e), "{e:?} not in:\n{}", self.all());
        }
    }
}
