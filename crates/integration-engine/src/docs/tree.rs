//! The generated part of `docs/`: the pages themselves plus every file in the directories that
//! hold them (`resources/`, `data-sources/`, `list-resources/`), which are wholly generated. Writing brings them in
//! line with the pages, removing pages of types that no longer exist; comparing lists every
//! difference. Everything else under `docs/` (guides, `sandbox.md`) is written by hand and never
//! touched.

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};

use super::{DocsError, Page};

/// Directories under `docs/` that only generated pages live in.
pub const GENERATED_DIRS: &[&str] = &["resources", "data-sources", "list-resources"];

/// One way `docs/` differs from the generated pages. Paths are relative to `docs/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Drift {
    /// A page that is not there.
    Missing(PathBuf),
    /// A page whose text differs.
    Changed(PathBuf),
    /// A file in a generated directory that no page produces.
    Stale(PathBuf),
}

impl fmt::Display for Drift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Drift::Missing(p) => write!(f, "docs/{} is missing", p.display()),
            Drift::Changed(p) => write!(f, "docs/{} differs from the generated page", p.display()),
            Drift::Stale(p) => write!(f, "docs/{} is not generated any more", p.display()),
        }
    }
}

/// How `docs` differs from `pages`, in path order.
pub fn check(docs: &Path, pages: &[Page]) -> Result<Vec<Drift>, DocsError> {
    let mut drift = Vec::new();
    for page in pages {
        let path = docs.join(&page.path);
        match std::fs::read_to_string(&path) {
            Ok(text) if text == page.text => {}
            Ok(_) => drift.push(Drift::Changed(page.path.clone())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                drift.push(Drift::Missing(page.path.clone()));
            }
            Err(source) => return Err(DocsError::Io { path, source }),
        }
    }
    let produced: BTreeSet<&Path> = pages.iter().map(|p| p.path.as_path()).collect();
    let dirs: BTreeSet<PathBuf> = GENERATED_DIRS
        .iter()
        .map(PathBuf::from)
        .chain(pages.iter().filter_map(|p| {
            p.path
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .map(Path::to_path_buf)
        }))
        .collect();
    for dir in dirs {
        let entries = match std::fs::read_dir(docs.join(&dir)) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(source) => {
                return Err(DocsError::Io {
                    path: docs.join(&dir),
                    source,
                });
            }
        };
        for entry in entries {
            let entry = entry.map_err(|source| DocsError::Io {
                path: docs.join(&dir),
                source,
            })?;
            let relative = dir.join(entry.file_name());
            if !produced.contains(relative.as_path()) {
                drift.push(Drift::Stale(relative));
            }
        }
    }
    drift.sort_by(|a, b| a.path().cmp(b.path()));
    Ok(drift)
}

/// Brings `docs` in line with `pages`; returns what it changed.
pub fn write(docs: &Path, pages: &[Page]) -> Result<Vec<Drift>, DocsError> {
    let drift = check(docs, pages)?;
    for d in &drift {
        let relative = d.path();
        let path = docs.join(relative);
        let io = |source| DocsError::Io {
            path: path.clone(),
            source,
        };
        match d {
            Drift::Missing(_) | Drift::Changed(_) => {
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).map_err(io)?;
                }
                let page = pages.iter().find(|p| p.path == relative);
                let text = page.map(|p| p.text.as_str()).unwrap_or_default();
                std::fs::write(&path, text).map_err(io)?;
            }
            Drift::Stale(_) if path.is_dir() => std::fs::remove_dir_all(&path).map_err(io)?,
            Drift::Stale(_) => std::fs::remove_file(&path).map_err(io)?,
        }
    }
    Ok(drift)
}

/// What `make docs` does: writes `pages` under `docs` and says what changed, or with `check`
/// writes nothing and lists the drift. Prints to stdout and stderr (a tool's output); `Ok(false)`
/// when `check` found drift.
pub fn sync(docs: &Path, pages: &[Page], check: bool) -> Result<bool, DocsError> {
    if check {
        let drift = self::check(docs, pages)?;
        for d in &drift {
            eprintln!("{d}");
        }
        if drift.is_empty() {
            println!("docs/ is up to date ({} pages)", pages.len());
        } else {
            eprintln!("Run `make docs` and commit the result.");
        }
        return Ok(drift.is_empty());
    }
    let changed = write(docs, pages)?;
    for d in &changed {
        let verb = if matches!(d, Drift::Stale(_)) {
            "removed"
        } else {
            "wrote"
        };
        println!("{verb} docs/{}", d.path().display());
    }
    println!("{} pages, {} changed", pages.len(), changed.len());
    Ok(true)
}

impl Drift {
    /// The file, relative to `docs/`.
    pub fn path(&self) -> &Path {
        match self {
            Drift::Missing(p) | Drift::Changed(p) | Drift::Stale(p) => p,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, text: &str) -> Page {
        Page {
            path: PathBuf::from(path),
            text: text.into(),
        }
    }

    #[test]
    fn write_then_check_is_clean_and_hand_written_files_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let docs = dir.path();
        std::fs::create_dir_all(docs.join("guides")).unwrap();
        std::fs::write(docs.join("guides/own.md"), "mine").unwrap();
        std::fs::write(docs.join("sandbox.md"), "mine too").unwrap();
        let pages = vec![
            page("index.md", "index"),
            page("resources/a.md", "a"),
            page("data-sources/b.md", "b"),
        ];
        let changed = write(docs, &pages).unwrap();
        assert_eq!(changed.len(), 3);
        assert_eq!(check(docs, &pages).unwrap(), []);
        assert_eq!(
            std::fs::read_to_string(docs.join("guides/own.md")).unwrap(),
            "mine"
        );
        assert_eq!(
            std::fs::read_to_string(docs.join("sandbox.md")).unwrap(),
            "mine too"
        );
    }

    #[test]
    fn every_kind_of_drift_is_found_and_written_away() {
        let dir = tempfile::tempdir().unwrap();
        let docs = dir.path();
        let old = vec![
            page("index.md", "index"),
            page("resources/a.md", "a"),
            page("resources/gone.md", "gone"),
        ];
        write(docs, &old).unwrap();
        let new = vec![
            page("index.md", "index, edited"),
            page("resources/a.md", "a"),
            page("data-sources/b.md", "b"),
        ];
        assert_eq!(
            check(docs, &new).unwrap(),
            [
                Drift::Missing("data-sources/b.md".into()),
                Drift::Changed("index.md".into()),
                Drift::Stale("resources/gone.md".into()),
            ]
        );
        assert_eq!(
            Drift::Stale("resources/gone.md".into()).to_string(),
            "docs/resources/gone.md is not generated any more"
        );
        write(docs, &new).unwrap();
        assert_eq!(check(docs, &new).unwrap(), []);
        assert!(!docs.join("resources/gone.md").exists());
    }

    #[test]
    fn sync_checks_or_writes() {
        let dir = tempfile::tempdir().unwrap();
        let pages = vec![page("index.md", "index")];
        assert!(!sync(dir.path(), &pages, true).unwrap());
        assert!(sync(dir.path(), &pages, false).unwrap());
        assert!(sync(dir.path(), &pages, true).unwrap());
    }
}
