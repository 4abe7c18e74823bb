//! What a sandbox binary does around serving: parse its flags (each with its environment
//! variable), log to stderr, print ready-to-paste `export` lines on stdout, stop on Ctrl-C or
//! SIGTERM.

use std::io::{self, IsTerminal as _, Write as _};
use std::path::Path;

use tracing_subscriber::EnvFilter;

use crate::kit::KitSettings;

/// How one vendor's binary names things.
#[derive(Debug, Clone, Copy)]
pub struct Profile {
    /// Prefix of every flag's environment variable and of the log filter variable:
    /// `PRISMACLOUD_SANDBOX` gives `PRISMACLOUD_SANDBOX_LISTEN`, `PRISMACLOUD_SANDBOX_LOG`.
    pub env_prefix: &'static str,
    /// The default of `--listen` (vendors pick different ports, so several run side by side).
    pub default_listen: &'static str,
}

impl Profile {
    /// The environment variable of the flag `--long`.
    pub fn env_var(&self, long: &str) -> String {
        format!(
            "{}_{}",
            self.env_prefix,
            long.to_ascii_uppercase().replace('-', "_")
        )
    }
}

/// Parses the process's arguments as `A` (a vendor's `clap::Parser` that flattens
/// [`super::KitArgs`]) with [`command`]. Exits with clap's message on bad input, as
/// `A::parse()` does.
pub fn parse<A: clap::Parser>(profile: &Profile) -> A {
    let matches = command::<A>(profile).get_matches();
    A::from_arg_matches(&matches).unwrap_or_else(|error| error.exit())
}

/// `A`'s command line, with every long flag reading its environment variable
/// ([`Profile::env_var`]) and `--listen` defaulting to the vendor's address.
pub fn command<A: clap::Parser>(profile: &Profile) -> clap::Command {
    A::command()
        .mut_args(
            |arg| match arg.get_long().map(|long| profile.env_var(long)) {
                Some(var) if arg.get_env().is_none() => arg.env(var),
                _ => arg,
            },
        )
        .mut_arg("listen", |arg| arg.default_value(profile.default_listen))
}

/// One log line per request on stderr; `{PREFIX}_LOG` takes a `tracing` filter such as `warn`
/// or `debug` (default `info`).
pub fn init_logging(profile: &Profile) {
    tracing_subscriber::fmt()
        .with_writer(io::stderr)
        .with_ansi(io::stderr().is_terminal())
        .with_env_filter(
            EnvFilter::try_from_env(format!("{}_LOG", profile.env_prefix))
                .unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
}

/// The lines a sandbox prints on stdout once it listens: a title, `export` lines a user pastes
/// into a shell (values quoted for it), what the kit is doing (faults, state file), and the
/// vendor's closing notes.
#[derive(Debug, Clone, Default)]
pub struct Banner {
    title: String,
    exports: Vec<(String, String)>,
    notes: Vec<String>,
}

impl Banner {
    /// A banner titled `title` (e.g. "Prisma Cloud sandbox").
    pub fn new(title: impl Into<String>) -> Banner {
        Banner {
            title: title.into(),
            ..Banner::default()
        }
    }

    /// Adds `export NAME=VALUE`.
    pub fn export(mut self, name: impl Into<String>, value: impl Into<String>) -> Banner {
        self.exports.push((name.into(), value.into()));
        self
    }

    /// Adds a `# note` line after the kit's own.
    pub fn note(mut self, text: impl Into<String>) -> Banner {
        self.notes.push(text.into());
        self
    }

    /// The text, for a sandbox running with `settings` and keeping its state in `state_file`.
    pub fn render(&self, settings: &KitSettings, state_file: Option<&Path>) -> String {
        let mut lines = vec![format!(
            "# {}; paste these lines into your shell:",
            self.title
        )];
        for (name, value) in &self.exports {
            lines.push(format!("export {name}={}", shell_quote(value)));
        }
        let faults = &settings.faults;
        if let Some(rule) = faults.rules.first().filter(|_| faults.is_active()) {
            let targets = if rule.routes.is_empty() {
                String::new()
            } else {
                format!(" on {}", rule.routes.join(", "))
            };
            lines.push(format!(
                "# fault injection: rate {}{targets}, seed {} (replay with --fault-seed {})",
                rule.rate, faults.seed, faults.seed
            ));
        }
        if let Some(path) = state_file {
            lines.push(format!("# state kept in {}", path.display()));
        }
        lines.extend(self.notes.iter().map(|note| format!("# {note}")));
        lines.join("\n") + "\n"
    }

    /// Prints [`Banner::render`] on stdout, flushed (scripts wait for it).
    pub fn print(&self, settings: &KitSettings, state_file: Option<&Path>) -> io::Result<()> {
        let mut out = io::stdout().lock();
        out.write_all(self.render(settings, state_file).as_bytes())?;
        out.flush()
    }
}

/// Quotes `value` for a POSIX shell when it needs it.
pub fn shell_quote(value: &str) -> String {
    let plain = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-.:/@%+=,".contains(c));
    if plain {
        value.to_owned()
    } else {
        format!("'{}'", value.replace('\'', r"'\''"))
    }
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn stop_requested() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::warn!(target: "sandbox", %error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::warn!(target: "sandbox", %error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}
