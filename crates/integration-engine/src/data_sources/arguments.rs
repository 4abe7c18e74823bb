//! Arguments the data sources share: `integration_type` (one of the catalog's types, checked
//! with the whole list in the message) and "did you mean" suggestions for misspelt names.

use crate::catalog::{Catalog, IntegrationType};
use tfplugin::diag::{AttributePath, Diagnostics};
use tfplugin::value::Value;

/// The catalog type an `integration_type` argument names. `None` when it is null or unknown
/// (nothing to check yet) or names no type (then an error is pushed, listing the valid names).
pub fn integration_type(
    catalog: &Catalog,
    value: &Value,
    path: AttributePath,
    diags: &mut Diagnostics,
) -> Option<&'static IntegrationType> {
    let name = value.as_str()?;
    if let Some(ty) = catalog.find(name) {
        return Some(ty);
    }
    let mut names: Vec<&str> = catalog.types.iter().map(|t| t.name).collect();
    names.sort_unstable();
    diags.attribute_error(
        path,
        "Unknown integration type",
        format!(
            "{name:?} is not an integration type this provider knows.{} integration_type must \
             be one of: {}.",
            did_you_mean(name, names.iter().copied()),
            names.join(", ")
        ),
    );
    None
}

/// Checks the `integration_type` argument of a data source's `config`, as
/// [`integration_type`] does.
pub fn integration_type_argument(
    catalog: &Catalog,
    config: &Value,
    diags: &mut Diagnostics,
) -> Option<&'static IntegrationType> {
    integration_type(
        catalog,
        config.get("integration_type"),
        AttributePath::root("integration_type"),
        diags,
    )
}

/// " Did you mean "x"?" when a candidate is close to `word`, else "".
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    nearest(word, candidates)
        .map(|n| format!(" Did you mean {n:?}?"))
        .unwrap_or_default()
}

/// The candidate closest to `word`, if it is close enough to be a likely misspelling: an exact
/// match ignoring case, or at most a third of the word's letters (at least two) apart.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    let limit = (word.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (edit_distance(&lower, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance (insertions, deletions, substitutions), by characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}
