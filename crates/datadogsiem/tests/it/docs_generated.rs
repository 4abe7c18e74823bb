//! The committed Registry pages under `docs/` are exactly what the generator (`make docs`)
//! produces from the provider's schemas, the catalog and `examples/`: CI fails on any drift, a
//! page left behind by a removed type, or a type without its example. And what the pages must
//! say is checked against the schemas themselves.

use std::path::Path;

use datadogsiem::catalog::{ALL, CATALOG, PREVIEW_NOTICE};
use datadogsiem::docs::{self, Page};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn pages() -> Vec<Page> {
    docs::generate(&root().join("examples")).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn committed_docs_are_what_the_generator_writes() {
    let drift = docs::tree::check(&root().join("docs"), &pages()).unwrap();
    let listed: Vec<String> = drift.iter().map(ToString::to_string).collect();
    assert!(
        drift.is_empty(),
        "docs/ is out of date; run `make docs` and commit the result:\n{}",
        listed.join("\n")
    );
}

#[test]
fn every_type_has_its_pages_and_every_resource_page_says_preview() {
    let pages = pages();
    let text = |path: String| {
        pages
            .iter()
            .find(|p| p.path == Path::new(&path))
            .unwrap_or_else(|| panic!("no page {path}"))
            .text
            .clone()
    };
    for ty in ALL {
        let short = format!("{}_{}", CATALOG.resource_infix, ty.name);
        let resource = text(format!("resources/{short}.md"));
        assert!(
            resource.contains(PREVIEW_NOTICE),
            "{short} must say preview"
        );
        assert!(resource.contains("## Import"), "{short}");
        text(format!("list-resources/{short}.md"));
    }
    for data_source in [
        "entity_context_sync",
        "entity_context_syncs",
        "credentials_check",
        "entity_context_sync_check",
        "entra_id_app_registrations",
    ] {
        text(format!("data-sources/{data_source}.md"));
    }
    let index = text("index.md".into());
    for setting in [
        "api_key",
        "app_key",
        "site",
        "api_url",
        "DD_HOST",
        "DATADOG_APP_KEY",
    ] {
        assert!(index.contains(setting), "index.md must document {setting}");
    }
}
