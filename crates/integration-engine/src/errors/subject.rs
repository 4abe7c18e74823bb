//! What an API message is about, in the user's terms.
//!
//! APIs name what they refuse by its wire path — `integrationConfig.queueUrl`, `queueUrl`,
//! `name`, `integrationConfig.headers[1].key` — and explain it in the same terms. The catalog
//! knows which Terraform attribute each key is (`queue_url`, `headers[1].key`), so a
//! diagnostic can point at that attribute (Terraform then shows the line of the configuration)
//! and its text can name it as the user wrote it. A platform only says how its API prefixes
//! the configuration keys ([`Hints::config_path_prefixes`](super::Hints::config_path_prefixes));
//! everything else is the catalog's.

use apiclient::ApiMessage;
use tfplugin::diag::AttributePath;
use tfplugin::value::Value;

use crate::catalog::{Catalog, Field, IntegrationType, Kind};
use crate::schema::secret_names;

/// The attributes of one resource type, where a user wrote them: what wire paths map to.
#[derive(Clone)]
pub struct Attributes<'a> {
    pub catalog: &'a Catalog,
    pub ty: &'a IntegrationType,
    /// How the API prefixes the type's configuration keys, e.g. `integrationConfig.`.
    pub prefixes: &'a [&'a str],
    /// Where the attributes sit: the root for a resource, `config` for a data source that
    /// takes a configuration as an object.
    pub base: AttributePath,
    /// Whether the catalog's frame (`name`, `enabled`, ...) is the user's here too (a resource:
    /// yes; a data source that tests a configuration: no).
    pub frame: bool,
    /// The configuration as written, to name the form of a secret the user set (`token_wo`
    /// rather than `token`); null when unknown.
    pub config: &'a Value,
}

/// One step of a wire path: a key, or what is between brackets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step<'s> {
    Key(&'s str),
    Index(&'s str),
}

impl<'a> Attributes<'a> {
    /// A resource's attributes (frame included), as `config` sets them.
    pub fn of_resource(
        catalog: &'a Catalog,
        ty: &'a IntegrationType,
        prefixes: &'a [&'a str],
        config: &'a Value,
    ) -> Self {
        Attributes {
            catalog,
            ty,
            prefixes,
            base: AttributePath::default(),
            frame: true,
            config,
        }
    }

    /// The attribute a wire path names, if the catalog knows it.
    pub fn path_of(&self, subject: &str) -> Option<AttributePath> {
        let subject = subject.trim();
        if let Some(rest) = self.prefixes.iter().find_map(|p| subject.strip_prefix(p)) {
            return resolve(
                self.ty.fields,
                &steps(rest)?,
                self.base.clone(),
                self.config,
            );
        }
        let steps = steps(subject)?;
        self.frame
            .then(|| resolve(self.catalog.frame, &steps, self.base.clone(), self.config))
            .flatten()
            .or_else(|| resolve(self.ty.fields, &steps, self.base.clone(), self.config))
    }

    /// `text` with the wire paths it mentions named as attributes: every prefixed path the
    /// catalog knows, and `subject` (the message's own, which may be unprefixed) as a whole
    /// word.
    pub fn in_terms(&self, text: &str, subject: Option<&str>) -> String {
        let mut out = text.to_owned();
        if let Some(subject) = subject.map(str::trim).filter(|s| !s.is_empty())
            && let Some(path) = self.path_of(subject)
        {
            out = replace_words(&out, subject, &path.to_string());
        }
        for prefix in self.prefixes {
            out = self.rename_prefixed(&out, prefix);
        }
        out
    }

    /// `text` with each `prefix<path>` the catalog knows replaced by its attribute.
    fn rename_prefixed(&self, text: &str, prefix: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(at) = rest.find(prefix) {
            let before_ok = rest[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !is_word(c) && c != '.');
            let after = &rest[at + prefix.len()..];
            let len = after
                .find(|c: char| !(is_word(c) || matches!(c, '.' | '[' | ']' | '"')))
                .unwrap_or(after.len());
            // A sentence may end right after the path.
            let path = after[..len].trim_end_matches('.');
            match self
                .path_of(&format!("{prefix}{path}"))
                .filter(|_| before_ok)
            {
                Some(attribute) if !path.is_empty() => {
                    out.push_str(&rest[..at]);
                    out.push_str(&attribute.to_string());
                    rest = &after[path.len()..];
                }
                _ => {
                    out.push_str(&rest[..at + prefix.len()]);
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// One message in the user's terms, and the attribute it is about (if the catalog knows
    /// its subject): `queue_url must be an absolute http:// or https:// URL
    /// (invalid_parameter_value)`, or `invalid_parameter_value (queue_url)` without words.
    pub fn describe(&self, message: &ApiMessage) -> (String, Option<AttributePath>) {
        let subject = message.subject.as_deref();
        let path = subject.and_then(|s| self.path_of(s));
        let words = message.explanation().map(|t| self.in_terms(t, subject));
        let code = &message.code;
        let line = match (&path, words) {
            (Some(p), Some(w)) if names(&w, &p.to_string()) => format!("{w} ({code})"),
            (Some(p), Some(w)) => format!("{p}: {w} ({code})"),
            (Some(p), None) => format!("{code} ({p})"),
            (None, Some(w)) => match subject.filter(|s| !s.is_empty() && !w.contains(s)) {
                Some(s) => format!("{w} ({code}: {s})"),
                None => format!("{w} ({code})"),
            },
            (None, None) => message.to_string(),
        };
        (line, path)
    }
}

/// The attribute path of `steps` among `fields`, under `base`; `None` unless the first key is
/// one of them. Steps deeper than Terraform can point at (into a set, a JSON value) stop at the
/// attribute that holds them.
fn resolve(
    fields: &[Field],
    steps: &[Step<'_>],
    base: AttributePath,
    config: &Value,
) -> Option<AttributePath> {
    resolve_in(fields, steps, base, config, true)
}

fn resolve_in(
    fields: &[Field],
    steps: &[Step<'_>],
    base: AttributePath,
    config: &Value,
    top: bool,
) -> Option<AttributePath> {
    let (Step::Key(key), rest) = steps.split_first()? else {
        return None;
    };
    let field = fields.iter().find(|f| f.key == *key)?;
    let name = if top && field.secret {
        // Secrets come as `<name>` and `<name>_wo`: name the one the user set.
        let names = secret_names(field);
        if config.get(&names.plain).is_null() && config.get(&names.write_only).is_present() {
            names.write_only
        } else {
            names.plain
        }
    } else {
        field.attribute()
    };
    let value = config.get(&name);
    let path = base.attr(&name);
    Some(match (&field.kind, rest) {
        (Kind::Object(inner), [Step::Key(_), ..]) => {
            resolve_in(inner, rest, path.clone(), value, false).unwrap_or(path)
        }
        (Kind::ObjectList(inner), [Step::Index(i), more @ ..]) => match i.parse::<usize>() {
            Ok(i) => {
                let at = path.index(i);
                let element = value
                    .as_elements()
                    .and_then(|items| items.get(i))
                    .unwrap_or(&Value::Null);
                match more {
                    [] => at,
                    _ => resolve_in(inner, more, at.clone(), element, false).unwrap_or(at),
                }
            }
            Err(_) => path,
        },
        (Kind::StringMap, [Step::Key(k) | Step::Index(k)]) => path.key(k),
        _ => path,
    })
}

/// The steps of a wire path such as `headers[1].key`; `None` when it is not one (a name, a
/// sentence).
fn steps(path: &str) -> Option<Vec<Step<'_>>> {
    let mut out = Vec::new();
    let mut rest = path;
    loop {
        let end = rest.find(['.', '[']).unwrap_or(rest.len());
        let key = &rest[..end];
        if key.is_empty() || !key.chars().all(|c| is_word(c) || c == '-') {
            return None;
        }
        out.push(Step::Key(key));
        rest = &rest[end..];
        while let Some(inner) = rest.strip_prefix('[') {
            let close = inner.find(']')?;
            out.push(Step::Index(inner[..close].trim_matches('"')));
            rest = &inner[close + 1..];
        }
        if rest.is_empty() {
            return Some(out);
        }
        rest = rest.strip_prefix('.')?;
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether `text` mentions `word` as a whole word.
fn names(text: &str, word: &str) -> bool {
    !whole_words(text, word).is_empty()
}

/// `text` with every whole-word occurrence of `word` replaced by `with`.
fn replace_words(text: &str, word: &str, with: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for at in whole_words(text, word) {
        out.push_str(&text[from..at]);
        out.push_str(with);
        from = at + word.len();
    }
    out.push_str(&text[from..]);
    out
}

/// Where `word` occurs in `text` as a whole word: not inside a longer name or path (a
/// sentence's full stop after it is fine).
fn whole_words(text: &str, word: &str) -> Vec<usize> {
    if word.is_empty() {
        return Vec::new();
    }
    text.match_indices(word)
        .map(|(at, _)| at)
        .filter(|&at| {
            let bounded_before = text[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !is_word(c) && c != '.');
            let mut next = text[at + word.len()..].chars();
            let bounded_after = match next.next() {
                None => true,
                Some('.') => next.next().is_none_or(|c| !is_word(c)),
                Some(c) => !is_word(c) && c != '[',
            };
            bounded_before && bounded_after
        })
        .collect()
}

#[cfg(test)]
mod tests;
