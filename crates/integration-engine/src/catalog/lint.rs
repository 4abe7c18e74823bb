//! Walks a whole catalog and reports anything a derivation could get wrong silently: names that
//! are not snake_case or clash (with each other, the frame, the computed attributes or a
//! secret's `_wo`/`_wo_version` companions), missing descriptions, checks and defaults that do
//! not fit their kind, lists of entries whose keys do not fit their roles, rules naming unknown
//! keys. Every platform's tests assert that its catalog has no problem.

use std::collections::BTreeSet;

use super::{Catalog, Check, DefaultValue, Entries, Field, IntegrationType, Kind, Rule};

/// Every problem of `catalog`, one sentence each; empty when it is sound.
pub fn lint(catalog: &Catalog) -> Vec<String> {
    let mut problems = Vec::new();
    let mut p = |text: String| problems.push(text);
    if !is_snake_case(catalog.provider) || !is_snake_case(catalog.resource_infix) {
        p(format!(
            "provider {:?} and infix {:?} must be snake_case",
            catalog.provider, catalog.resource_infix
        ));
    }
    let mut names = BTreeSet::new();
    for t in catalog.types {
        if !names.insert(t.name) {
            p(format!("type {} appears twice", t.name));
        }
        lint_type(catalog, t, &mut p);
    }
    let mut wires = BTreeSet::new();
    for t in catalog.types {
        if !wires.insert(t.wire_type.to_ascii_lowercase()) {
            p(format!("wire type {} appears twice", t.wire_type));
        }
    }
    let mut frame = Vec::new();
    walk(catalog.frame, &mut frame);
    for f in frame {
        lint_field(catalog.provider, f, &mut p);
    }
    problems
}

fn lint_type(catalog: &Catalog, t: &IntegrationType, p: &mut impl FnMut(String)) {
    if !is_snake_case(t.name) {
        p(format!("type {} is not snake_case", t.name));
    }
    if t.title.is_empty() || t.summary.is_empty() {
        p(format!("{}: title or summary is empty", t.name));
    }
    let mut seen: BTreeSet<String> = ["id".to_string()].into();
    let top = catalog.frame.iter().chain(t.fields.iter());
    for f in top {
        let attr = f.attribute();
        if !is_snake_case(&attr) {
            p(format!("{}.{} -> {attr} is not snake_case", t.name, f.key));
        }
        if !seen.insert(attr.clone()) {
            p(format!("{}: attribute {attr} clashes", t.name));
        }
        if f.secret {
            for extra in [format!("{attr}_wo"), format!("{attr}_wo_version")] {
                if !seen.insert(extra.clone()) {
                    p(format!("{}: {extra} clashes", t.name));
                }
            }
        }
        if let Some(e) = f.entries() {
            if !is_snake_case(e.secrets) {
                p(format!(
                    "{}.{}: {} is not snake_case",
                    t.name, f.key, e.secrets
                ));
            }
            let s = e.secrets;
            for extra in [s.to_string(), format!("{s}_wo"), format!("{s}_wo_version")] {
                if !seen.insert(extra.clone()) {
                    p(format!("{}: {extra} clashes", t.name));
                }
            }
        }
    }
    for c in catalog.computed {
        if !seen.insert(c.attribute()) {
            p(format!("{}: computed {} clashes", t.name, c.attribute()));
        }
        if c.description.trim().is_empty() {
            p(format!("computed {} has no description", c.key));
        }
    }
    let mut all = Vec::new();
    walk(t.fields, &mut all);
    for f in all {
        lint_field(t.name, f, p);
    }
    lint_rules(t, p);
}

fn lint_field(owner: &str, f: &Field, p: &mut impl FnMut(String)) {
    let at = format!("{owner}.{}", f.key);
    if f.description.trim().len() <= 3 {
        p(format!("{at}: no description"));
    }
    if !f.key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        p(format!(
            "{at}: the key has characters other than letters, digits and _"
        ));
    }
    if f.secret {
        if !matches!(f.kind, Kind::String | Kind::Json) {
            p(format!("{at}: a secret must be a string or JSON text"));
        }
        if f.default().is_some() {
            p(format!("{at}: a secret cannot have a default"));
        }
    }
    if let Some(inner) = f.kind.nested_fields() {
        let names: BTreeSet<String> = inner.iter().map(Field::attribute).collect();
        if names.len() != inner.len() {
            p(format!("{at}: nested names clash"));
        }
        for n in inner {
            if n.secret {
                p(format!("{at}.{}: nested secrets are not supported", n.key));
            }
        }
    }
    if let Kind::Entries(e) = f.kind {
        lint_entries(&at, f, e, p);
    }
    if let Kind::Flags(names) = f.kind
        && names.is_empty()
    {
        p(format!("{at}: no flag names"));
    }
    for c in f.checks {
        let fits = match c {
            Check::OneOfInteger(v) => matches!(f.kind, Kind::Integer) && !v.is_empty(),
            Check::IntegerRange(lo, hi) => matches!(f.kind, Kind::Integer) && lo <= hi,
            Check::OneOf(v) => matches!(f.kind, Kind::String | Kind::StringSet) && !v.is_empty(),
            Check::JsonKeys(_) | Check::JsonKeyIs(..) => matches!(f.kind, Kind::Json),
            _ => matches!(f.kind, Kind::String),
        };
        if !fits {
            p(format!("{at}: {c:?} does not fit {:?}", f.kind));
        }
    }
    if let Some(d) = f.default() {
        let fits = matches!(
            (&f.kind, d),
            (Kind::Bool, DefaultValue::Bool(_))
                | (Kind::Integer, DefaultValue::Integer(_))
                | (Kind::String, DefaultValue::String(_))
        );
        if !fits {
            p(format!("{at}: default {d:?} does not fit {:?}", f.kind));
        }
        for c in f.checks {
            let inside = match (c, d) {
                (Check::OneOfInteger(allowed), DefaultValue::Integer(i)) => allowed.contains(&i),
                (Check::IntegerRange(lo, hi), DefaultValue::Integer(i)) => (*lo..=*hi).contains(&i),
                (Check::OneOf(allowed), DefaultValue::String(s)) => allowed.contains(&s),
                _ => true,
            };
            if !inside {
                p(format!("{at}: the default is outside its checks"));
            }
        }
    }
}

/// The keys an [`Entries`] list names are among its fields, of the kinds they need.
fn lint_entries(at: &str, f: &Field, e: &Entries, p: &mut impl FnMut(String)) {
    if f.default().is_some() {
        p(format!("{at}: a list of entries cannot have a default"));
    }
    if e.secrets_description.trim().len() <= 3 {
        p(format!("{at}: {} has no description", e.secrets));
    }
    type Fits = fn(&Field) -> bool;
    let roles: [(&str, &str, &str, Fits); 3] = [
        ("name", e.name, "a required string", |n| {
            matches!(n.kind, Kind::String) && n.is_required()
        }),
        (
            "value",
            e.value,
            "an optional string without a default",
            |n| matches!(n.kind, Kind::String) && !n.is_required() && n.default().is_none(),
        ),
        ("secret flag", e.secret_flag, "an optional boolean", |n| {
            matches!(n.kind, Kind::Bool) && !n.is_required()
        }),
    ];
    for (role, key, wanted, fits) in roles {
        if !e.fields.iter().any(|n| n.key == key && fits(n)) {
            p(format!(
                "{at}: the {role} key {key:?} must be an entry key, {wanted}"
            ));
        }
    }
}

fn lint_rules(t: &IntegrationType, p: &mut impl FnMut(String)) {
    let exists = |k: &str, p: &mut dyn FnMut(String)| {
        if t.field(k).is_none() {
            p(format!("{}: a rule names unknown key {k}", t.name));
        }
    };
    let optional = |k: &str| t.field(k).is_none_or(|f| !f.is_required());
    for r in t.rules {
        match r {
            Rule::RequiredWhenEquals { field, other, .. } => {
                exists(field, p);
                exists(other, p);
                if !optional(field) {
                    p(format!("{}: {field} is always required", t.name));
                }
            }
            Rule::RequiredWhenTrue { field, flag } => {
                exists(field, p);
                if !matches!(t.field(flag).map(|f| &f.kind), Some(Kind::Bool)) {
                    p(format!("{}: {flag} is not a boolean", t.name));
                }
            }
            Rule::Together(keys) | Rule::ExactlyOne(keys) => {
                if keys.len() < 2 {
                    p(format!("{}: {r:?} names fewer than two keys", t.name));
                }
                for k in *keys {
                    exists(k, p);
                    if !optional(k) {
                        p(format!("{}: {k} in {r:?} is always required", t.name));
                    }
                }
            }
            Rule::Exclusive(a, b) => a.iter().chain(b.iter()).for_each(|k| exists(k, p)),
        }
    }
}

fn walk(fields: &'static [Field], out: &mut Vec<&'static Field>) {
    for f in fields {
        out.push(f);
        if let Some(inner) = f.kind.nested_fields() {
            walk(inner, out);
        }
    }
}

/// Lowercase letters, digits and single underscores, starting with a letter.
pub(crate) fn is_snake_case(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !s.contains("__")
        && !s.ends_with('_')
}
