//! A sandbox binary run as a user runs it: a child process whose banner prints the
//! `export NAME=VALUE` lines that configure a provider for it (values quoted for a POSIX shell).

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// How long a sandbox may take to print its banner.
const BANNER_TIMEOUT: Duration = Duration::from_secs(60);

/// A running sandbox process; killed when dropped.
pub struct SandboxProcess {
    child: Child,
    exports: BTreeMap<String, String>,
    /// Where its stderr (the request log) goes.
    pub log: PathBuf,
    _log_dir: tempfile::TempDir,
}

impl SandboxProcess {
    /// Starts `binary` with `args` and waits until its banner has exported every name of
    /// `wanted`; fails the test if it exits first or takes longer than a minute.
    pub fn start(binary: &Path, args: &[&str], wanted: &[&str]) -> SandboxProcess {
        let log_dir = tempfile::tempdir().expect("a directory for the sandbox log");
        let log = log_dir.path().join("sandbox.log");
        let stderr = std::fs::File::create(&log).expect("the sandbox log");
        let mut child = Command::new(binary)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .unwrap_or_else(|e| panic!("{} does not start: {e}", binary.display()));
        let stdout = child.stdout.take().expect("piped stdout");
        let (lines, received) = mpsc::channel();
        // Reads the banner, then drains stdout so the sandbox never blocks on a full pipe.
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                // Once the banner is read nobody listens: the line is dropped.
                let _ = lines.send(line);
            }
        });
        let mut exports = BTreeMap::new();
        while !wanted.iter().all(|name| exports.contains_key(*name)) {
            let line = match received.recv_timeout(BANNER_TIMEOUT) {
                Ok(line) => line,
                Err(e) => {
                    let _ = child.kill();
                    let status = child.wait();
                    let log = std::fs::read_to_string(&log).unwrap_or_default();
                    panic!(
                        "{} printed no export of all of {wanted:?} ({e}; exit {status:?}); \
                         exports seen: {exports:?}; its stderr:\n{log}",
                        binary.display()
                    );
                }
            };
            if let Some((name, value)) =
                line.strip_prefix("export ").and_then(|l| l.split_once('='))
            {
                exports.insert(name.to_owned(), shell_unquote(value));
            }
        }
        SandboxProcess {
            child,
            exports,
            log,
            _log_dir: log_dir,
        }
    }

    /// Every `export` of its banner, unquoted.
    pub fn exports(&self) -> &BTreeMap<String, String> {
        &self.exports
    }

    /// The value its banner exported as `name`.
    pub fn export(&self, name: &str) -> &str {
        self.exports
            .get(name)
            .unwrap_or_else(|| panic!("the sandbox exported no {name}: {:?}", self.exports))
    }

    /// What it logged on stderr so far.
    pub fn read_log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for SandboxProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The value a POSIX shell reads from `word`: single-quoted runs taken literally, `\'` as a
/// quote (what sandboxes print for values that need quoting).
fn shell_unquote(word: &str) -> String {
    let mut out = String::new();
    let mut chars = word.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => out.extend(chars.by_ref().take_while(|c| *c != '\'')),
            '\\' => out.extend(chars.next()),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::shell_unquote;

    #[test]
    fn shell_unquote_reads_what_a_shell_would() {
        assert_eq!(
            shell_unquote("http://127.0.0.1:8080"),
            "http://127.0.0.1:8080"
        );
        assert_eq!(shell_unquote("'a b'"), "a b");
        assert_eq!(shell_unquote(r"'it'\''s'"), "it's");
        assert_eq!(shell_unquote("''"), "");
        assert_eq!(shell_unquote("'$HOME'"), "$HOME");
    }
}
