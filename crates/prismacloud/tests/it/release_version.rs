//! The version users see is Cargo's, everywhere: `terraform-provider-prismacloud --version`,
//! the CHANGELOG's newest release, and the User-Agent of every API request, which also names
//! the Terraform version that runs the provider (checked through the real Terraform CLI against
//! the scripted API, which records request headers).

#[allow(dead_code)] // shared by several test crates; each uses a part
use crate::api_fake;
use crate::support;

use std::path::Path;
use std::process::Command;

use api_fake::Fake;
use support::{Acceptance, provider_binary};

const VERSION: &str = env!("CARGO_PKG_VERSION");

#[test]
fn the_binary_reports_cargos_version() {
    let out = Command::new(provider_binary())
        .arg("--version")
        .output()
        .expect("the provider runs");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("terraform-provider-prismacloud {VERSION}\n")
    );
}

#[test]
fn the_changelog_has_an_unreleased_section_and_this_version() {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("CHANGELOG.md"))
        .unwrap();
    let headings: Vec<&str> = text.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(headings.first(), Some(&"## [Unreleased]"), "{headings:?}");
    let release = headings
        .iter()
        .find(|h| h.starts_with(&format!("## [{VERSION}] - ")))
        .unwrap_or_else(|| panic!("no \"## [{VERSION}] - <date>\" in {headings:?}"));
    let date = release.rsplit(' ').next().unwrap();
    let parts: Vec<&str> = date.split('-').collect();
    assert!(
        parts.len() == 3 && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())),
        "{release}: the date is YYYY-MM-DD"
    );
}

#[test]
fn every_request_names_the_provider_and_terraform_versions() {
    let mut t = Acceptance::new();
    let fake = t.block_on(Fake::start());
    t.env("PRISMACLOUD_URL", fake.url.as_str());
    t.env("PRISMACLOUD_USERNAME", api_fake::USERNAME);
    t.env("PRISMACLOUD_PASSWORD", api_fake::PASSWORD);
    fake.insert("Seeded Slack", "slack", true);
    t.config(r#"data "prismacloud_integrations" "all" {}"#);
    let r = t.terraform(&["plan", "-input=false", "-no-color"]);
    assert_eq!(r.code, 0, "{}", r.all());

    let v = t.terraform(&["version", "-json"]);
    let terraform: serde_json::Value = serde_json::from_str(&v.stdout).unwrap();
    let terraform = terraform["terraform_version"].as_str().unwrap().to_owned();
    let expected = format!("terraform-provider-prismacloud/{VERSION} (+Terraform {terraform})");

    let seen = fake.state.lock().seen.clone();
    assert!(seen.len() >= 2, "a login and a list at least: {seen:?}");
    for s in &seen {
        assert_eq!(s.user_agent.as_deref(), Some(expected.as_str()), "{s:?}");
    }
}
