//! The committed Registry pages under `docs/` are exactly what the generator writes (`make
//! docs`), and the pages of the inferred types say so.

use std::path::Path;

use infracast::docs;

#[test]
fn committed_docs_match_the_generator() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let pages = docs::generate(&root.join("examples")).expect("the docs generate");
    let drift = docs::tree::check(&root.join("docs"), &pages).expect("docs/ is readable");
    let drift: Vec<String> = drift.iter().map(ToString::to_string).collect();
    assert!(
        drift.is_empty(),
        "run `make docs` and commit the result:\n{}",
        drift.join("\n")
    );
}

#[test]
fn inferred_types_are_preview_and_the_docs_say_why_there_is_no_test_data_source() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let pages = docs::generate(&root.join("examples")).expect("the docs generate");
    let page = |path: &str| {
        let found = pages.iter().find(|p| p.path == Path::new(path));
        found
            .unwrap_or_else(|| panic!("no page {path}"))
            .text
            .clone()
    };
    let preview = "wire format inferred from the product's documentation; report a mismatch";
    for ty in infracast::catalog::ALL {
        let text = page(&format!("resources/integration_{}.md", ty.name));
        assert_eq!(text.contains(preview), ty.name != "webhook", "{}", ty.name);
    }
    let splunk = page("resources/integration_splunk.md");
    assert!(splunk.contains("Preview: the wire key `hec_token` is inferred from the Splunk page"));
    let webhook = page("resources/integration_webhook.md");
    assert!(webhook.contains("`asset.created` (Asset Created) and `poam.updated`"));
    let index = page("index.md");
    assert!(index.contains("There is no test data source"), "{index}");
    assert!(
        !pages
            .iter()
            .any(|p| p.path.to_string_lossy().contains("test"))
    );
}
