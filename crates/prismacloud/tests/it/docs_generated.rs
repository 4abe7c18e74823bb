//! The committed Registry pages under `docs/` are exactly what the generator (`make docs`)
//! produces from the provider's schemas, the catalog and `examples/`: CI fails on any drift,
//! a page left behind by a removed type, or a type without its example.
//!
//! The other tests check the pages against the schemas themselves, so that a generator that
//! drops an attribute or a marker cannot pass by being consistent with its own output.

use std::path::Path;

use prismacloud::catalog::CATALOG;
use prismacloud::catalog::{self, Mutability};
use prismacloud::docs::{self, Page};
use tfplugin::provider::Provider;
use tfplugin::schema::{Attribute, AttributeType};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn pages() -> Vec<Page> {
    docs::generate(&root().join("examples")).unwrap_or_else(|e| panic!("{e}"))
}

fn page<'a>(pages: &'a [Page], path: &str) -> &'a str {
    &pages
        .iter()
        .find(|p| p.path == Path::new(path))
        .unwrap_or_else(|| panic!("no page {path}"))
        .text
}

/// The page's list item for an attribute (top level or nested).
fn item<'a>(text: &'a str, name: &str) -> &'a str {
    let start = format!("- `{name}` (");
    text.lines()
        .find(|l| l.starts_with(&start))
        .unwrap_or_else(|| panic!("no item for {name} in:\n{text}"))
}

#[test]
fn committed_docs_are_what_the_generator_writes() {
    let drift = docs::tree::check(&root().join("docs"), &pages()).unwrap();
    assert!(
        drift.is_empty(),
        "docs/ is out of date:\n{}\nRun `make docs` and commit the result.",
        drift
            .iter()
            .map(|d| format!("  {d}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn a_page_per_type_with_every_attribute_and_its_markers() {
    let provider = prismacloud::provider::provider(Box::new(|_| None));
    let schemas = provider.schemas();
    let pages = pages();
    assert_eq!(
        pages.len(),
        1 + schemas.resources.len() + schemas.data_sources.len() + schemas.list_resources.len()
    );
    let kinds = [
        ("resources", &schemas.resources, "Resource"),
        ("data-sources", &schemas.data_sources, "Data Source"),
        ("list-resources", &schemas.list_resources, "List Resource"),
    ];
    for (dir, types, kind) in kinds {
        for (name, schema) in types {
            let short = name.strip_prefix("prismacloud_").unwrap();
            let text = page(&pages, &format!("{dir}/{short}.md"));
            assert!(text.starts_with("---\n"), "{name}: front matter");
            assert!(
                text.contains(&format!("page_title: \"{name} {kind} - prismacloud\"")),
                "{name}"
            );
            assert!(text.contains(&format!("\n# {name} ({kind})\n")), "{name}");
            assert!(
                text.contains("## Example Usage\n\n```terraform\n"),
                "{name}"
            );
            assert_eq!(text.contains("\n## Import\n"), kind == "Resource", "{name}");
            check_attributes(text, &schema.block.attributes);
            let identity = schemas.identities.get(name).filter(|_| kind == "Resource");
            assert_eq!(
                text.contains("### Identity Schema"),
                identity.is_some(),
                "{name}"
            );
            for a in identity.map(|i| &i.attributes[..]).unwrap_or_default() {
                let line = item(&text[text.find("### Identity Schema").unwrap()..], &a.name);
                assert!(line.contains(a.description.trim()), "{line}");
            }
        }
    }
    let index = page(&pages, "index.md");
    check_attributes(index, &schemas.provider.block.attributes);
    for name in schemas.resources.keys().chain(schemas.data_sources.keys()) {
        assert!(
            index.contains(&format!("[`{name}`](")),
            "index lists {name}"
        );
    }
}

/// Checks every attribute's item: in the schema's own groups at the top level, in its
/// `Nested Schema for` section below.
fn check_attributes(text: &str, attributes: &[Attribute]) {
    let top = &text[..text.find("<a id=").unwrap_or(text.len())];
    check_section(text, top, "", attributes);
}

fn check_section(text: &str, section: &str, path: &str, attributes: &[Attribute]) {
    for a in attributes {
        let line = item(section, &a.name);
        assert_eq!(line.contains("Sensitive"), a.sensitive, "{line}");
        assert_eq!(line.contains("[Write-only]"), a.write_only, "{line}");
        assert!(line.contains(a.description.trim()), "{line}");
        if let AttributeType::Nested { attributes, .. } = &a.ty {
            let here = format!("{path}{}", a.name);
            let anchor = format!("nestedatt--{}", here.replace('.', "--"));
            assert!(line.ends_with(&format!("(see [below for nested schema](#{anchor}))")));
            let heading = format!("<a id=\"{anchor}\"></a>\n### Nested Schema for `{here}`\n");
            let start = text
                .find(&heading)
                .unwrap_or_else(|| panic!("no {heading}"));
            let rest = &text[start + heading.len()..];
            let nested = &rest[..rest.find("<a id=").unwrap_or(rest.len())];
            check_section(text, nested, &format!("{here}."), attributes);
        }
    }
}

#[test]
fn forces_replacement_is_marked_exactly_where_the_catalog_says() {
    let pages = pages();
    for ty in catalog::ALL {
        let text = page(&pages, &format!("resources/integration_{}.md", ty.name));
        for field in ty.fields {
            let immutable = field.mutability == Mutability::ForcesReplacement;
            let line = item(text, &field.attribute());
            assert_eq!(
                line.contains("Forces replacement)"),
                immutable,
                "{}: {line}",
                CATALOG.resource_name(ty)
            );
        }
        for always in ["name", "description", "enabled", "id"] {
            assert!(!item(text, always).contains("Forces replacement"));
        }
    }
    let snow = page(&pages, "resources/integration_service_now.md");
    assert!(item(snow, "host_url").starts_with("- `host_url` (String, Forces replacement) "));
    let sqs = page(&pages, "resources/integration_amazon_sqs.md");
    assert!(item(sqs, "access_key_wo_version").contains("(Number, Forces replacement)"));
    assert!(!item(sqs, "queue_url").contains("Forces replacement"));
}

#[test]
fn import_sections_come_from_import_sh() {
    let pages = pages();
    let slack = page(&pages, "resources/integration_slack.md");
    let script = std::fs::read_to_string(
        root().join("examples/resources/prismacloud_integration_slack/import.sh"),
    )
    .unwrap();
    let command = script
        .lines()
        .find(|l| l.starts_with("terraform import "))
        .unwrap();
    let words: Vec<&str> = command.split_whitespace().collect();
    assert!(slack.contains(&format!(
        "import {{\n  to = {}\n  id = \"{}\"\n}}",
        words[2], words[3]
    )));
    assert!(slack.contains(&format!("```shell\n{}\n```", script.trim())));
}
