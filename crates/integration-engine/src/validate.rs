//! Plan-time validation of an integration's configuration, derived from the catalog.
//!
//! Every problem is reported (not only the first), each naming the attribute and the fix.
//! Unknown values are never errors: they are checked at apply time by the API. Messages never
//! repeat a secret's value.
//!
//! A secret that configuration leaves unset (neither form) means one of two things. Creating an
//! integration, it is missing. For an integration that already exists (imported, listed by
//! `terraform query`, moved from another provider) it may be the secret the API already
//! holds, which the API never reveals: configuration generated from state leaves every secret
//! unset, and must be valid as it is. So resource configuration is checked with
//! [`UnsetSecrets::MaybeKept`], and the stricter [`UnsetSecrets::Missing`] runs when a plan
//! creates the integration.

use crate::catalog::{Catalog, Check, Entries, Field, IntegrationType, Kind, Rule, snake_case};
use crate::convert::{entry_name, is_secret_entry, secret_entry_names};
use crate::data_sources::arguments::did_you_mean;
use tfplugin::diag::{AttributePath, Diagnostics};
use tfplugin::value::Value;

use crate::schema::secret_names;

/// How a secret that configuration leaves unset counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnsetSecrets {
    /// It is missing (creating an integration, or testing a configuration).
    Missing,
    /// It may be the one the API holds (an existing integration): never "missing", but it
    /// does not count as set either (so it cannot conflict with anything).
    MaybeKept,
}

/// Validate `config` (a resource's configuration, or a test data source's `config` object under
/// `base`) against `ty`, an unset secret counting as missing.
pub fn validate_config(
    ty: &IntegrationType,
    config: &Value,
    base: &AttributePath,
    diags: &mut Diagnostics,
) {
    validate_config_with(ty, config, base, UnsetSecrets::Missing, diags);
}

/// Validate `config` against `ty`, saying how unset secrets count.
pub fn validate_config_with(
    ty: &IntegrationType,
    config: &Value,
    base: &AttributePath,
    unset: UnsetSecrets,
    diags: &mut Diagnostics,
) {
    let presence = Presence { config, unset };
    for field in ty.fields {
        validate_field(field, &presence, base, diags);
    }
    for rule in ty.rules {
        validate_rule(ty, rule, &presence, base, diags);
    }
}

/// Checks of the frame's known values (`name`, ...), at the top level of a resource.
pub fn validate_frame(catalog: &Catalog, config: &Value, diags: &mut Diagnostics) {
    for field in catalog.frame {
        let attr = field.attribute();
        check_value(
            field,
            &attr,
            config.get(&attr),
            AttributePath::root(&attr),
            diags,
        );
    }
}

fn path_of(base: &AttributePath, attr: &str) -> AttributePath {
    if base.0.is_empty() {
        AttributePath::root(attr)
    } else {
        base.clone().attr(attr)
    }
}

/// An attribute's name as messages show it: `webhook_url` in a resource, `config.webhook_url`
/// inside a data source's `config`.
fn label(base: &AttributePath, attr: &str) -> String {
    path_of(base, attr).to_string()
}

/// Whether fields are set in a configuration.
struct Presence<'a> {
    config: &'a Value,
    unset: UnsetSecrets,
}

impl Presence<'_> {
    /// Set in configuration: not null (unknown counts: it will be set).
    fn surely(&self, field: &Field) -> bool {
        let config = self.config;
        if field.secret {
            let n = secret_names(field);
            !config.get(&n.plain).is_null() || !config.get(&n.write_only).is_null()
        } else {
            !config.get(&field.attribute()).is_null()
        }
    }

    /// Set in configuration, or possibly kept by the API.
    fn maybe(&self, field: &Field) -> bool {
        self.surely(field) || (field.secret && self.unset == UnsetSecrets::MaybeKept)
    }
}

fn validate_field(
    field: &Field,
    presence: &Presence,
    base: &AttributePath,
    diags: &mut Diagnostics,
) {
    let config = presence.config;
    let attr = field.attribute();
    if field.holds_secrets() {
        validate_triplet(field, config, base, diags);
    }
    if field.secret {
        let n = secret_names(field);
        let plain = config.get(&n.plain);
        let wo = config.get(&n.write_only);
        let plain_name = label(base, &n.plain);
        // Both set is a conflict (see validate_triplet), not a missing secret.
        let neither = plain.is_null() || wo.is_null();
        if neither && field.is_required() && !presence.maybe(field) {
            let detail = if base.0.is_empty() {
                format!(
                    "{} is required to create the integration: set {} (kept in state, \
                     sensitive) or {} (write-only, never stored; Terraform 1.11+).",
                    n.plain, n.plain, n.write_only
                )
            } else {
                format!("{plain_name} is required for this integration type.")
            };
            diags.attribute_error(
                path_of(base, &n.plain),
                format!("Missing {plain_name}"),
                detail,
            );
        }
        // Checks apply to whichever form carries the value.
        let value = if plain.is_null() { wo } else { plain };
        let which = if plain.is_null() {
            &n.write_only
        } else {
            &n.plain
        };
        check_value(
            field,
            &label(base, which),
            value,
            path_of(base, which),
            diags,
        );
        return;
    }
    let value = config.get(&attr);
    let name = label(base, &attr);
    if field.is_required() && value.is_null() && !base.0.is_empty() {
        // Inside a data source's `config` object Terraform cannot enforce presence for us.
        diags.attribute_error(
            path_of(base, &attr),
            format!("Missing {name}"),
            format!("{name} is required for this integration type."),
        );
    }
    check_value(field, &name, value, path_of(base, &attr), diags);
    if let Some(entries) = field.entries() {
        validate_entries(field, entries, presence, base, diags);
    }
}

/// The plain and write-only forms of a secret exclude each other, and a version goes with the
/// write-only form.
fn validate_triplet(field: &Field, config: &Value, base: &AttributePath, diags: &mut Diagnostics) {
    let n = secret_names(field);
    // Names as messages show them: `config.api_key` inside a data source's `config`.
    let (plain_name, wo_name, version_name) = (
        label(base, &n.plain),
        label(base, &n.write_only),
        label(base, &n.version),
    );
    let wo = config.get(&n.write_only);
    if !config.get(&n.plain).is_null() && !wo.is_null() {
        diags.attribute_error(
            path_of(base, &n.write_only),
            format!("Conflicting {plain_name} and {wo_name}"),
            format!(
                "Set only one of {plain_name} (kept in state, sensitive) and {wo_name} \
                 (write-only, Terraform 1.11+)."
            ),
        );
    }
    if !config.get(&n.version).is_null() && wo.is_null() {
        diags.attribute_error(
            path_of(base, &n.version),
            format!("{version_name} without {wo_name}"),
            format!(
                "{version_name} only versions the write-only {wo_name}: set {wo_name} too, \
                 or remove {version_name}."
            ),
        );
    }
}

/// The names a list of entries ([`Kind::Entries`]) is checked with: its attributes, the
/// entries' keys, and the map carrying the secret values with its name (the write-only form
/// when only it is set, else the plain one).
struct EntryNames<'a> {
    entries: &'a Entries,
    list: String,
    name: String,
    value: String,
    flag: String,
    secrets: crate::schema::SecretNames,
    map_name: String,
    map: &'a Value,
}

impl<'a> EntryNames<'a> {
    fn new(field: &Field, entries: &'a Entries, config: &'a Value) -> Self {
        let secrets = secret_names(field);
        let (plain, wo) = (config.get(&secrets.plain), config.get(&secrets.write_only));
        let (map_name, map) = if plain.is_null() && !wo.is_null() {
            (secrets.write_only.clone(), wo)
        } else {
            (secrets.plain.clone(), plain)
        };
        EntryNames {
            entries,
            list: field.attribute(),
            name: snake_case(entries.name),
            value: snake_case(entries.value),
            flag: snake_case(entries.secret_flag),
            secrets,
            map_name,
            map,
        }
    }

    /// Whether the map may hold a value for `name` (an unknown map may).
    fn has_value(&self, name: &str) -> bool {
        match self.map {
            Value::Null => false,
            map => map.as_object().is_none_or(|m| m.contains_key(name)),
        }
    }
}

/// The rules of a list of entries ([`Kind::Entries`]): names are unique; an entry that is not
/// secret has its value in the list, a secret one has it in the secrets map (or its write-only
/// form) and nowhere a plan shows; every key of that map names a secret entry; and, when unset
/// secrets count as missing, every secret entry has its value.
fn validate_entries(
    field: &Field,
    entries: &Entries,
    presence: &Presence,
    base: &AttributePath,
    diags: &mut Diagnostics,
) {
    let n = EntryNames::new(field, entries, presence.config);
    let list = presence.config.get(&n.list);
    let items = list.as_elements().unwrap_or_default();
    let mut seen: Vec<&str> = Vec::new();
    for (i, entry) in items.iter().enumerate() {
        let Some(name) = entry.get(&n.name).as_str() else {
            continue;
        };
        let at = path_of(base, &n.list).index(i);
        if let Some(j) = seen.iter().position(|s| entries.same_name(s, name)) {
            let case = if entries.names_ignore_case {
                " (names that differ only in case are the same)"
            } else {
                ""
            };
            diags.attribute_error(
                at.clone().attr(&n.name),
                format!("Duplicate {at}.{}", n.name),
                format!(
                    "{at} repeats the {} {name:?} of {}[{j}]{case}: merge the two entries or \
                     rename one.",
                    n.name,
                    label(base, &n.list)
                ),
            );
        }
        seen.push(name);
        check_entry(&n, entry, name, &at, presence.unset, base, diags);
    }
    // Every key of the map names a secret entry (to tell, every entry's name must be known).
    let names_known = !list.is_unknown()
        && items
            .iter()
            .all(|e| e.is_null() || e.get(&n.name).is_present());
    if let Some(values) = n.map.as_object().filter(|_| names_known) {
        for (key, secret) in values {
            check_secret_key(&n, items, key, secret, base, diags);
        }
    }
}

/// Where one entry's value is: in the list when it is not secret, in the map when it is.
fn check_entry(
    n: &EntryNames,
    entry: &Value,
    name: &str,
    at: &AttributePath,
    unset: UnsetSecrets,
    base: &AttributePath,
    diags: &mut Diagnostics,
) {
    let (plain, wo) = (
        label(base, &n.secrets.plain),
        label(base, &n.secrets.write_only),
    );
    let (value, flag) = (&n.value, &n.flag);
    let given = entry.get(value);
    match entry.get(flag) {
        Value::Unknown => {}
        Value::Bool(true) if !given.is_null() => diags.attribute_error(
            at.clone().attr(value),
            format!("Secret value in {at}.{value}"),
            format!(
                "{at} has {flag} = true, so its {value} is a secret, and plans show \
                 {at}.{value}: remove it there and set it in {plain}[{name:?}] (sensitive) or \
                 {wo}[{name:?}] (write-only) instead."
            ),
        ),
        Value::Bool(true) if unset == UnsetSecrets::Missing && !n.has_value(name) => diags
            .attribute_error(
                path_of(base, &n.map_name),
                format!("Missing value of {at}"),
                format!(
                    "{at} ({name:?}) has {flag} = true: set its {value} in {plain}[{name:?}] \
                     (sensitive) or {wo}[{name:?}] (write-only)."
                ),
            ),
        Value::Bool(true) => {}
        // Not secret (false, or null: the default).
        _ if given.is_null() => diags.attribute_error(
            at.clone().attr(value),
            format!("Missing {at}.{value}"),
            format!(
                "{at}.{value} is required unless {at}.{flag} is true (a secret value, set in \
                 {plain} or {wo})."
            ),
        ),
        _ => {}
    }
}

/// A key of the secrets map names a secret entry of `items`; its value passes the checks of
/// the entries' values (never quoted).
fn check_secret_key(
    n: &EntryNames,
    items: &[Value],
    key: &str,
    secret: &Value,
    base: &AttributePath,
    diags: &mut Diagnostics,
) {
    let path = path_of(base, &n.map_name).key(key);
    let (list, map, flag) = (label(base, &n.list), label(base, &n.map_name), &n.flag);
    let named = items
        .iter()
        .position(|e| e.get(&n.name).as_str() == Some(key));
    match named.map(|i| (i, items[i].get(flag))) {
        // Secret, or possibly (unknown): its value is checked as the entry's would be.
        Some((_, Value::Bool(true) | Value::Unknown)) => {
            let value_field = n.entries.fields.iter().find(|f| f.key == n.entries.value);
            if let Some(f) = value_field {
                check_text(f, true, &path.to_string(), secret, &path, diags);
            }
        }
        Some((i, _)) => diags.attribute_error(
            path,
            format!("No secret entry {key:?} in {list}"),
            format!(
                "{list}[{i}] ({key:?}) is not secret ({flag} is false), so {map}[{key:?}] has \
                 nothing to go to: set {flag} = true there (and remove its {}), or remove this \
                 value.",
                n.value
            ),
        ),
        None => diags.attribute_error(
            path,
            format!("No secret entry {key:?} in {list}"),
            format!(
                "{list} has no entry with {name} = {key:?} and {flag} = true, so {map}[{key:?}] \
                 has nothing to go to: add {{ {name} = {key:?}, {flag} = true }} to {list}, or \
                 remove this value.{}",
                did_you_mean(key, items.iter().filter_map(|e| e.get(&n.name).as_str())),
                name = n.name,
            ),
        ),
    }
}

/// On an update: an entry that becomes secret needs its value, since the integration holds none
/// to keep for it (`prior` is the state being updated). Its value may be left unset only for a
/// secret entry the integration already has (of the same name).
pub fn validate_new_secret_entries(
    ty: &IntegrationType,
    config: &Value,
    prior: &Value,
    diags: &mut Diagnostics,
) {
    for field in ty.fields {
        let Some(entries) = field.entries() else {
            continue;
        };
        let n = secret_names(field);
        let attr = field.attribute();
        let flag_attr = snake_case(entries.secret_flag);
        let held = secret_entry_names(entries, prior.get(&attr));
        let given = |name: &str| {
            [&n.plain, &n.write_only]
                .iter()
                .any(|m| match config.get(m) {
                    Value::Unknown => true,
                    map => !map.get(name).is_null(),
                })
        };
        let items = config.get(&attr).as_elements().unwrap_or_default();
        for (i, entry) in items.iter().enumerate() {
            let Some(name) = entry_name(entries, entry).filter(|_| is_secret_entry(entries, entry))
            else {
                continue;
            };
            if !given(name) && !held.iter().any(|h| entries.same_name(h, name)) {
                diags.attribute_error(
                    AttributePath::root(&n.plain),
                    format!("Missing value of {attr}[{i}]"),
                    format!(
                        "{attr}[{i}] ({name:?}) is a new secret entry ({flag_attr} = true), with no \
                         stored value to keep: set its value in {}[{name:?}] (sensitive) or \
                         {}[{name:?}] (write-only).",
                        n.plain, n.write_only,
                    ),
                );
            }
        }
    }
}

/// Checks on a known value, recursing into nested objects.
fn check_value(
    field: &Field,
    attr: &str,
    value: &Value,
    path: AttributePath,
    diags: &mut Diagnostics,
) {
    if !value.is_present() {
        return;
    }
    match (&field.kind, value) {
        (Kind::Object(fields), v) => {
            for f in fields.iter() {
                let name = f.attribute();
                check_value(f, &name, v.get(&name), path.clone().attr(&name), diags);
            }
        }
        (Kind::ObjectList(_) | Kind::Entries(_), v) => {
            let fields = field.kind.nested_fields().unwrap_or_default();
            for (i, item) in v.as_elements().unwrap_or_default().iter().enumerate() {
                for f in fields.iter() {
                    let name = f.attribute();
                    check_value(
                        f,
                        &name,
                        item.get(&name),
                        path.clone().index(i).attr(&name),
                        diags,
                    );
                }
            }
        }
        (Kind::StringSet, v) => {
            for item in v.as_elements().unwrap_or_default() {
                check_text(field, field.secret, attr, item, &path, diags);
            }
        }
        (Kind::Json, Value::String(text)) => check_json(field, attr, text, &path, diags),
        (Kind::Flags(names), v) => {
            for item in v.as_elements().unwrap_or_default() {
                if let Some(s) = item.as_str().filter(|s| !names.contains(s)) {
                    diags.attribute_error(
                        path.clone(),
                        format!("Invalid {attr}"),
                        format!("{s:?} is not one of {}; choose among those.", quoted(names)),
                    );
                }
            }
        }
        _ => check_text(field, field.secret, attr, value, &path, diags),
    }
}

/// The checks of `field` on one value; a `secret` value is never repeated in messages.
fn check_text(
    field: &Field,
    secret: bool,
    attr: &str,
    value: &Value,
    path: &AttributePath,
    diags: &mut Diagnostics,
) {
    for check in field.checks {
        check_one(check, secret, attr, value, path, diags);
    }
}

fn quoted(items: &[&str]) -> String {
    items
        .iter()
        .map(|s| format!("{s:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn check_one(
    check: &Check,
    secret: bool,
    attr: &str,
    value: &Value,
    path: &AttributePath,
    diags: &mut Diagnostics,
) {
    let mut error =
        |detail: String| diags.attribute_error(path.clone(), format!("Invalid {attr}"), detail);
    // What to call the value in messages: a secret's value is never repeated.
    let shown = |s: &str| {
        if secret {
            "the value".to_string()
        } else {
            format!("{s:?}")
        }
    };
    match check {
        Check::IntegerRange(lo, hi) => {
            let Some(n) = value.as_number() else { return };
            if !n.as_i64().is_some_and(|i| (*lo..=*hi).contains(&i)) {
                error(format!(
                    "{attr} must be a whole number from {lo} to {hi}; got {n}."
                ));
            }
        }
        Check::OneOfInteger(allowed) => {
            let Some(n) = value.as_number() else { return };
            if !n.as_i64().is_some_and(|i| allowed.contains(&i)) {
                let list: Vec<String> = allowed.iter().map(i64::to_string).collect();
                error(format!(
                    "{attr} must be one of {}; got {n}.",
                    list.join(", ")
                ));
            }
        }
        check => {
            let Some(s) = value.as_str() else { return };
            let problem = match check {
                Check::OneOf(allowed) if !allowed.contains(&s) => Some(format!(
                    "{attr} must be one of {}; got {}.",
                    quoted(allowed),
                    shown(s)
                )),
                Check::Prefix(prefix) if !s.starts_with(prefix) => Some(format!(
                    "{attr} must start with {prefix}; {} does not.",
                    shown(s)
                )),
                Check::Uuid if uuid::Uuid::try_parse(s).is_err() => Some(format!(
                    "{attr} must be a UUID such as 123e4567-e89b-12d3-a456-426614174000; got {}.",
                    shown(s)
                )),
                Check::RoleArn if !is_role_arn(s) => Some(format!(
                    "{attr} must be an IAM role ARN, arn:aws:iam::<12-digit account>:role/<name>; got {}.",
                    shown(s)
                )),
                Check::S3Uri if !is_s3_uri(s) => Some(format!(
                    "{attr} must look like s3://bucket/ or s3://bucket/folder/ (with the trailing \
                     slash); got {}.",
                    shown(s)
                )),
                Check::AwsRegion if !is_aws_region(s) => Some(region_problem(attr, s, &shown(s))),
                Check::NoScheme if s.contains("://") => Some(format!(
                    "{attr} takes a host name without http:// or https://; remove the scheme from {}.",
                    shown(s)
                )),
                Check::Host => host_problem(attr, &shown(s), s),
                Check::NotEmpty if s.trim().is_empty() => {
                    Some(format!("{attr} must not be empty."))
                }
                Check::Name { min, max } => name_problem(attr, s, *min, *max),
                Check::Email if !is_email(s) => Some(format!(
                    "{attr} must be an e-mail address such as admin@example.com; got {}.",
                    shown(s)
                )),
                Check::HttpsUrl => {
                    return check_url(attr, s, secret, "an absolute https:// URL", path, diags);
                }
                Check::HostOrUrl if s.contains("://") => {
                    return check_url(attr, s, secret, HOST_OR_URL, path, diags);
                }
                Check::HostOrUrl if !is_host(s) => Some(format!(
                    "{attr} must be {HOST_OR_URL}, such as example.com or https://example.com; {} \
                     is not.",
                    shown(s)
                )),
                _ => None,
            };
            if let Some(p) = problem {
                error(p);
            }
        }
    }
}

/// What [`Check::HostOrUrl`] takes, as messages say it.
const HOST_OR_URL: &str = "a host name or IP address (optionally with :port and a path), or an \
                           absolute https:// URL";

/// An absolute `https://` URL (`http://` with a warning); `expected` says what the attribute
/// takes when the value is neither.
fn check_url(
    attr: &str,
    s: &str,
    secret: bool,
    expected: &str,
    path: &AttributePath,
    diags: &mut Diagnostics,
) {
    match url::Url::parse(s) {
        Ok(u) if u.scheme() == "https" && u.host_str().is_some() => {}
        Ok(u) if u.scheme() == "http" && u.host_str().is_some() => diags.attribute_warning(
            path.clone(),
            format!("{attr} uses plain http://"),
            format!(
                "Alerts sent to {attr} travel unencrypted. Use an https:// URL unless the \
                 receiver cannot offer TLS."
            ),
        ),
        _ => {
            let shown = if secret {
                "the value".to_string()
            } else {
                format!("{s:?}")
            };
            diags.attribute_error(
                path.clone(),
                format!("Invalid {attr}"),
                format!("{attr} must be {expected}; {shown} is not."),
            )
        }
    }
}

/// What is wrong with `s` as a host without a scheme ([`Check::Host`]); `shown` is how messages
/// show it.
fn host_problem(attr: &str, shown: &str, s: &str) -> Option<String> {
    if s.contains("://") {
        Some(format!(
            "{attr} takes a host name without a scheme such as https://; remove it from {shown}."
        ))
    } else if !is_host(s) {
        Some(format!(
            "{attr} must be a host name or IP address such as example.com or 10.0.0.5:8443 \
             (a port and a path may follow); {shown} is not one."
        ))
    } else {
        None
    }
}

/// Whether `s` is what a URL holds after `https://`: a DNS name or an IP address, optionally
/// with a port and a path, and nothing else (no credentials, query or fragment).
fn is_host(s: &str) -> bool {
    if s.contains("://") || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let Ok(u) = url::Url::parse(&format!("https://{s}")) else {
        return false;
    };
    let bare = u.username().is_empty()
        && u.password().is_none()
        && u.query().is_none()
        && u.fragment().is_none();
    bare && match u.host() {
        Some(url::Host::Domain(name)) => is_dns_name(name),
        Some(url::Host::Ipv4(_) | url::Host::Ipv6(_)) => true,
        None => false,
    }
}

/// Letters, digits and inner hyphens in dot-separated labels of 1 to 63 characters (a final
/// dot allowed).
fn is_dns_name(name: &str) -> bool {
    let name = name.strip_suffix('.').unwrap_or(name);
    !name.is_empty()
        && name.len() <= 253
        && name.split('.').all(|label| {
            (1..=63).contains(&label.len())
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        })
}

/// What is wrong with a name of `min` to `max` characters starting with a letter or digit.
fn name_problem(attr: &str, name: &str, min: usize, max: usize) -> Option<String> {
    let len = name.chars().count();
    if !(min..=max).contains(&len) {
        Some(format!(
            "{attr} must be {min} to {max} characters long; it has {len}."
        ))
    } else if !name.chars().next().is_some_and(char::is_alphanumeric) {
        Some(format!("{attr} must start with a letter or a digit."))
    } else {
        None
    }
}

fn is_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !s.chars().any(char::is_whitespace)
                && !domain.contains('@')
        }
        None => false,
    }
}

/// JSON text: it must be a JSON object with the keys the field's checks require. Never quotes
/// the text: it may be a key file.
fn check_json(
    field: &Field,
    attr: &str,
    text: &str,
    path: &AttributePath,
    diags: &mut Diagnostics,
) {
    let object = match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Object(m)) => m,
        Ok(other) => {
            let kind = match other {
                serde_json::Value::Array(_) => "an array",
                serde_json::Value::String(_) => "a string",
                serde_json::Value::Number(_) => "a number",
                serde_json::Value::Bool(_) => "a boolean",
                _ => "null",
            };
            return diags.attribute_error(
                path.clone(),
                format!("Invalid {attr}"),
                format!("{attr} must be a JSON object; it is {kind}. Use jsonencode({{...}}) or file(\"x.json\")."),
            );
        }
        Err(e) => {
            return diags.attribute_error(
                path.clone(),
                format!("Invalid {attr}"),
                format!(
                    "{attr} is not valid JSON ({:?} error at line {} column {}). Use \
                     jsonencode({{...}}) or file(\"x.json\").",
                    e.classify(),
                    e.line(),
                    e.column()
                ),
            );
        }
    };
    for check in field.checks {
        match check {
            Check::JsonKeys(keys) => {
                for key in keys.iter().filter(|k| !object.contains_key(**k)) {
                    diags.attribute_error(
                        path.clone(),
                        format!("Invalid {attr}"),
                        format!("{attr} has no {key:?} key; it needs {}.", quoted(keys)),
                    );
                }
            }
            Check::JsonKeyIs(key, expected) => {
                let found = object.get(*key);
                if found.is_some_and(|v| v.as_str() != Some(expected)) {
                    diags.attribute_error(
                        path.clone(),
                        format!("Invalid {attr}"),
                        format!("{attr}'s {key:?} key must be {expected:?}; it is something else."),
                    );
                }
            }
            _ => {}
        }
    }
}

fn is_role_arn(s: &str) -> bool {
    let parts: Vec<&str> = s.splitn(6, ':').collect();
    matches!(parts.as_slice(), ["arn", partition, "iam", "", account, resource]
        if partition.starts_with("aws")
            && account.len() == 12
            && account.chars().all(|c| c.is_ascii_digit())
            && resource.strip_prefix("role/").is_some_and(|n| !n.is_empty()))
}

/// An AWS region code: lowercase words joined by hyphens, the first of 2 to 4 letters (`us`,
/// `eusc`), at least two of them, then a number of 1 or 2 digits (`us-east-1`,
/// `us-gov-west-1`, `cn-northwest-1`).
fn is_aws_region(s: &str) -> bool {
    let Some((words, number)) = s.rsplit_once('-') else {
        return false;
    };
    let words: Vec<&str> = words.split('-').collect();
    words.len() >= 2
        && (2..=4).contains(&words[0].len())
        && words
            .iter()
            .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase()))
        && (1..=2).contains(&number.len())
        && number.chars().all(|c| c.is_ascii_digit())
}

/// Why `s` is not an AWS region code, with the fix: an availability zone names its region.
fn region_problem(attr: &str, s: &str, shown: &str) -> String {
    let zone_of = s
        .strip_suffix(|c: char| c.is_ascii_lowercase())
        .filter(|region| is_aws_region(region));
    match zone_of {
        Some(region) => format!(
            "{attr} takes a region, and {shown} is an availability zone: use its region, {region}."
        ),
        None => format!(
            "{attr} must be an AWS region code such as us-east-1 or eu-west-1 (the code, not a \
             name like \"US East (N. Virginia)\"); got {shown}."
        ),
    }
}

fn is_s3_uri(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("s3://") else {
        return false;
    };
    let Some(path) = rest.strip_suffix('/') else {
        return false;
    };
    let mut segments = path.split('/');
    let bucket = segments.next().unwrap_or_default();
    let bucket_ok = (3..=63).contains(&bucket.len())
        && bucket
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-');
    bucket_ok && segments.all(|seg| !seg.is_empty())
}

fn validate_rule(
    ty: &IntegrationType,
    rule: &Rule,
    presence: &Presence,
    base: &AttributePath,
    diags: &mut Diagnostics,
) {
    let config = presence.config;
    let field = |key: &str| {
        ty.field(key)
            .expect("catalog rules name existing keys (catalog test)")
    };
    let attr = |key: &str| label(base, &field(key).attribute());
    let path = |key: &str| path_of(base, &field(key).attribute());
    // Requirements are met by what may be set; conflicts need what surely is.
    let maybe = |key: &str| presence.maybe(field(key));
    let set = |key: &str| presence.surely(field(key));
    match rule {
        Rule::RequiredWhenEquals {
            field: f,
            other,
            value,
        } => {
            if config.get(&field(other).attribute()).as_str() == Some(value) && !maybe(f) {
                diags.attribute_error(
                    path(f),
                    format!("Missing {}", attr(f)),
                    format!("{} is required when {} is {value:?}.", attr(f), attr(other)),
                );
            }
        }
        Rule::RequiredWhenTrue { field: f, flag } => {
            if config.get(&field(flag).attribute()).as_bool() == Some(true) && !maybe(f) {
                diags.attribute_error(
                    path(f),
                    format!("Missing {}", attr(f)),
                    format!(
                        "{} is required when {} is true; set it or set {} = false.",
                        attr(f),
                        attr(flag),
                        attr(flag)
                    ),
                );
            }
        }
        Rule::Together(keys) => {
            let present: Vec<&str> = keys.iter().copied().filter(|k| set(k)).collect();
            let missing = keys.iter().copied().filter(|k| !maybe(k));
            if !present.is_empty() {
                for m in missing {
                    let names: Vec<String> = keys.iter().map(|k| attr(k)).collect();
                    diags.attribute_error(
                        path(m),
                        format!("Missing {}", attr(m)),
                        format!(
                            "{} go together: set {} too, or remove {}.",
                            names.join(" and "),
                            attr(m),
                            present
                                .iter()
                                .map(|k| attr(k))
                                .collect::<Vec<_>>()
                                .join(" and ")
                        ),
                    );
                }
            }
        }
        Rule::ExactlyOne(keys) => {
            let names: Vec<String> = keys.iter().map(|k| attr(k)).collect();
            let count = keys.iter().filter(|k| set(k)).count();
            let possible = keys.iter().filter(|k| maybe(k)).count();
            if count > 1 || possible == 0 {
                let detail = if possible == 0 {
                    format!("Set exactly one of {}.", names.join(" or "))
                } else {
                    format!("Set only one of {}, not several.", names.join(" or "))
                };
                diags.attribute_error(
                    path(keys[0]),
                    format!("Set exactly one of {}", names.join(", ")),
                    detail,
                );
            }
        }
        Rule::Exclusive(a, b) => {
            if a.iter().any(|k| set(k)) && b.iter().any(|k| set(k)) {
                let left: Vec<String> = a.iter().map(|k| attr(k)).collect();
                let right: Vec<String> = b.iter().map(|k| attr(k)).collect();
                diags.attribute_error(
                    path(b[0]),
                    "Conflicting credentials",
                    format!(
                        "Use either {} or {}, not both.",
                        left.join(" with "),
                        right.join(" with ")
                    ),
                );
            }
        }
    }
}
