//! The example files the pages show, in the layout `tfplugindocs` reads:
//!
//! - `provider/provider.tf` — the index page's example;
//! - `resources/<resource type>/resource.tf` and `import.sh` — every resource's;
//! - `data-sources/<data source type>/data-source.tf` — every data source's;
//! - `list-resources/<list resource type>/list-resource.tfquery.hcl` — every list resource's.
//!
//! The import section is built from the one `terraform import <address> <id>` line of
//! `import.sh`, so the `import` block and the command always name the same object.

use std::path::{Path, PathBuf};

use super::DocsError;

/// The `examples/` directory.
#[derive(Clone, Debug)]
pub struct Examples {
    root: PathBuf,
}

/// What `import.sh` imports: a resource address and the ID, as the command line gives them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportExample {
    /// Where the script is.
    pub path: PathBuf,
    /// The script as written (comments included), for the shell block.
    pub script: String,
    /// e.g. `prismacloud_integration_slack.secops`.
    pub address: String,
    pub id: String,
}

impl Examples {
    pub fn new(root: impl Into<PathBuf>) -> Examples {
        Examples { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `provider/provider.tf`.
    pub fn provider(&self) -> Result<String, DocsError> {
        self.read(&["provider", "provider.tf"], "provider")
    }

    /// `resources/<type_name>/resource.tf`, which must declare a `type_name` resource.
    pub fn resource(&self, type_name: &str) -> Result<String, DocsError> {
        let parts = ["resources", type_name, "resource.tf"];
        let hcl = self.read(&parts, "resource")?;
        self.declares(&parts, hcl, &format!("resource \"{type_name}\""))
    }

    /// `data-sources/<type_name>/data-source.tf`, which must declare a `type_name` data source.
    pub fn data_source(&self, type_name: &str) -> Result<String, DocsError> {
        let parts = ["data-sources", type_name, "data-source.tf"];
        let hcl = self.read(&parts, "data source")?;
        self.declares(&parts, hcl, &format!("data \"{type_name}\""))
    }

    /// `list-resources/<type_name>/list-resource.tfquery.hcl`, which must declare a `type_name`
    /// list block.
    pub fn list_resource(&self, type_name: &str) -> Result<String, DocsError> {
        let parts = ["list-resources", type_name, "list-resource.tfquery.hcl"];
        let hcl = self.read(&parts, "list resource")?;
        self.declares(&parts, hcl, &format!("list \"{type_name}\""))
    }

    /// `hcl` if it contains the block header `header` (an example of another type is a mistake).
    fn declares(&self, parts: &[&str], hcl: String, header: &str) -> Result<String, DocsError> {
        if hcl.contains(header) {
            return Ok(hcl);
        }
        Err(DocsError::BadExample {
            path: self.path(parts),
            reason: format!("it has no `{header}` block"),
        })
    }

    /// `resources/<type_name>/import.sh`, whose command must import a `type_name` resource.
    pub fn import(&self, type_name: &str) -> Result<ImportExample, DocsError> {
        let parts = ["resources", type_name, "import.sh"];
        let script = self.read(&parts, "resource")?;
        let path = self.path(&parts);
        match parse_import(&script, type_name) {
            Ok((address, id)) => Ok(ImportExample {
                path,
                script,
                address,
                id,
            }),
            Err(reason) => Err(DocsError::BadExample { path, reason }),
        }
    }

    fn path(&self, parts: &[&str]) -> PathBuf {
        parts.iter().fold(self.root.clone(), |p, part| p.join(part))
    }

    fn read(&self, parts: &[&str], what: &str) -> Result<String, DocsError> {
        let path = self.path(parts);
        match std::fs::read_to_string(&path) {
            Ok(text) => Ok(text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(DocsError::MissingExample {
                path,
                what: what.to_string(),
            }),
            Err(source) => Err(DocsError::Io { path, source }),
        }
    }
}

/// The address and ID of the single `terraform import ADDRESS ID` line of a script (comments
/// and blank lines aside).
fn parse_import(script: &str, type_name: &str) -> Result<(String, String), String> {
    let commands: Vec<&str> = script
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let [command] = commands[..] else {
        return Err(format!(
            "expected exactly one command, `terraform import {type_name}.<name> <id>`; found {}",
            commands.len()
        ));
    };
    let words: Vec<&str> = command.split_whitespace().collect();
    let ["terraform", "import", address, id] = words[..] else {
        return Err(format!(
            "expected `terraform import {type_name}.<name> <id>`, found `{command}`"
        ));
    };
    let name = address
        .strip_prefix(type_name)
        .and_then(|rest| rest.strip_prefix('.'))
        .unwrap_or_default();
    if name.is_empty() {
        return Err(format!("`{address}` is not an address of a {type_name}"));
    }
    Ok((address.to_string(), unquote(id).to_string()))
}

fn unquote(word: &str) -> &str {
    ['"', '\'']
        .iter()
        .find_map(|q| word.strip_prefix(*q).and_then(|w| w.strip_suffix(*q)))
        .unwrap_or(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TYPE: &str = "prismacloud_integration_slack";

    #[test]
    fn import_line_gives_address_and_id() {
        let script = "# By ID\n\nterraform import prismacloud_integration_slack.secops \"a-1\"\n";
        let (address, id) = parse_import(script, TYPE).unwrap();
        assert_eq!(address, "prismacloud_integration_slack.secops");
        assert_eq!(id, "a-1");
        let bare = parse_import("terraform import prismacloud_integration_slack.x b-2", TYPE);
        assert_eq!(bare.unwrap().1, "b-2");
    }

    #[test]
    fn import_scripts_that_do_not_fit_are_refused() {
        for (script, why) in [
            ("# nothing\n", "found 0"),
            (
                "terraform import prismacloud_integration_slack.a 1\nterraform import prismacloud_integration_slack.b 2",
                "found 2",
            ),
            ("terraform state rm x", "found `terraform state rm x`"),
            (
                "terraform import prismacloud_integration_slack_x.a 1",
                "not an address of a prismacloud_integration_slack",
            ),
            (
                "terraform import prismacloud_integration_webhook.a 1",
                "not an address",
            ),
        ] {
            let err = parse_import(script, TYPE).unwrap_err();
            assert!(err.contains(why), "{script:?}: {err}");
        }
    }

    #[test]
    fn missing_files_name_the_path_and_what_needs_them() {
        let dir = tempfile::tempdir().unwrap();
        let examples = Examples::new(dir.path());
        let err = examples.resource(TYPE).unwrap_err();
        let text = err.to_string();
        assert!(matches!(err, DocsError::MissingExample { .. }));
        assert!(
            text.contains("resources/prismacloud_integration_slack/resource.tf is missing")
                && text.contains("every resource needs it"),
            "{text}"
        );
        std::fs::create_dir_all(dir.path().join("resources").join(TYPE)).unwrap();
        std::fs::write(
            dir.path().join("resources").join(TYPE).join("import.sh"),
            "terraform import aws_instance.x i-1\n",
        )
        .unwrap();
        let text = examples.import(TYPE).unwrap_err().to_string();
        assert!(
            text.contains("import.sh: `aws_instance.x` is not"),
            "{text}"
        );
        std::fs::write(
            dir.path().join("resources").join(TYPE).join("resource.tf"),
            "resource \"prismacloud_integration_webhook\" \"x\" {}\n",
        )
        .unwrap();
        let text = examples.resource(TYPE).unwrap_err().to_string();
        assert!(
            text.contains(
                "resource.tf: it has no `resource \"prismacloud_integration_slack\"` block"
            ),
            "{text}"
        );
    }
}
