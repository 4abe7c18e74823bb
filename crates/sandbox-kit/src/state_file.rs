//! `--state FILE`: a sandbox's objects kept across restarts, so a developer can stop and start
//! a sandbox without every resource planning as deleted.
//!
//! The vendor decides what its objects look like on disk (its store's (de)serialization); the
//! kit decides how they get there:
//!
//! - **Atomically**: each save writes a temporary file beside the target, flushes it to disk,
//!   renames it over the target (an atomic replacement on POSIX file systems) and flushes the
//!   directory. A sandbox killed at any moment leaves the old content or the new, never a mix.
//! - **Loudly**: a file that cannot be read or is not a state file of this vendor and version is
//!   a startup error naming the file, never silently replaced by an empty state.
//! - **Tagged**: `{"format", "version", "data"}`, so another vendor's file, or one written by a
//!   newer sandbox, is refused rather than misread.
//!
//! State files hold secrets in clear text (a sandbox must give back what it was sent): they are
//! created readable by their owner only.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A state file: where a vendor's objects are saved after every change.
#[derive(Debug)]
pub struct StateFile {
    path: PathBuf,
    format: &'static str,
    version: u32,
    /// Saves run one at a time: they share the temporary file.
    writing: Mutex<()>,
}

/// Why a state file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum StateFileError {
    #[error("cannot read the state file {}: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error(
        "the state file {} cannot be used: {reason} (fix it, or move it away to start empty)",
        path.display()
    )]
    Invalid { path: PathBuf, reason: String },
    #[error("cannot write the state file {}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
}

#[derive(Serialize)]
struct EnvelopeOut<'a, T> {
    format: &'a str,
    version: u32,
    data: &'a T,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EnvelopeIn {
    format: String,
    version: u32,
    data: Value,
}

impl StateFile {
    /// Opens the state file at `path`, written as `format` (the vendor's name for its data) in
    /// `version`, and reads what it holds: `None` when it does not exist yet.
    pub fn open<T: DeserializeOwned>(
        path: impl Into<PathBuf>,
        format: &'static str,
        version: u32,
    ) -> Result<(StateFile, Option<T>), StateFileError> {
        let file = StateFile {
            path: path.into(),
            format,
            version,
            writing: Mutex::new(()),
        };
        let text = match fs::read(&file.path) {
            Ok(text) => text,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok((file, None)),
            Err(source) => {
                return Err(StateFileError::Read {
                    path: file.path.clone(),
                    source,
                });
            }
        };
        let data = file.decode(&text)?;
        Ok((file, Some(data)))
    }

    fn decode<T: DeserializeOwned>(&self, text: &[u8]) -> Result<T, StateFileError> {
        let envelope: EnvelopeIn = serde_json::from_slice(text)
            .map_err(|e| self.invalid(format!("not a sandbox state file ({e})")))?;
        if envelope.format != self.format {
            return Err(self.invalid(format!(
                "it holds {:?} data, not {:?}",
                envelope.format, self.format
            )));
        }
        if envelope.version != self.version {
            return Err(self.invalid(format!(
                "it is version {}, this sandbox reads version {}",
                envelope.version, self.version
            )));
        }
        serde_json::from_value(envelope.data).map_err(|e| self.invalid(e.to_string()))
    }

    /// The error for a file whose data the vendor finds wrong (say, two objects with one id).
    pub fn invalid(&self, reason: impl Into<String>) -> StateFileError {
        StateFileError::Invalid {
            path: self.path.clone(),
            reason: reason.into(),
        }
    }

    /// Where the file is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Replaces the file's content with `data`, atomically (see the module documentation).
    pub fn save<T: Serialize>(&self, data: &T) -> Result<(), StateFileError> {
        let envelope = EnvelopeOut {
            format: self.format,
            version: self.version,
            data,
        };
        let mut text = serde_json::to_vec_pretty(&envelope)
            .map_err(|e| self.write_error(io::Error::other(e)))?;
        text.push(b'\n');
        let _writing = self.writing.lock().unwrap_or_else(PoisonError::into_inner);
        self.replace_with(&text).map_err(|e| self.write_error(e))
    }

    fn replace_with(&self, text: &[u8]) -> io::Result<()> {
        let temporary = self.temporary_path();
        let mut file = create_private(&temporary)?;
        file.write_all(text)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&temporary, &self.path)?;
        sync_directory(self.directory())
    }

    /// `.NAME.tmp` beside the file: the same file system, so the rename is atomic.
    fn temporary_path(&self) -> PathBuf {
        let name = self.path.file_name().unwrap_or_default().to_string_lossy();
        self.directory().join(format!(".{name}.tmp"))
    }

    fn directory(&self) -> &Path {
        match self.path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        }
    }

    fn write_error(&self, source: io::Error) -> StateFileError {
        StateFileError::Write {
            path: self.path.clone(),
            source,
        }
    }
}

/// Creates (or truncates) a file only its owner can read: it holds secrets.
fn create_private(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// Makes a rename in `dir` durable (POSIX keeps directory entries in the directory's own data).
fn sync_directory(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

#[cfg(test)]
mod tests;
