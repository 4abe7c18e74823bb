//! The `provider` block every platform has: settings that fall back to environment variables,
//! their schema, and the parsers of values every API client takes (base URL, timeout, retries).
//!
//! A value taken from an environment variable is named by that variable in any diagnostic
//! (`Invalid PRISMACLOUD_REQUEST_TIMEOUT`), since that is where the user must fix it; one from
//! configuration by its attribute. Each diagnostic is attached to the attribute either way.

use std::collections::BTreeMap;
use std::time::Duration;

use tfplugin::diag::{AttributePath, Diagnostics};
use tfplugin::schema::{Attribute, Block, Presence, Schema};
use tfplugin::value::{Type, Value};
use url::Url;

/// One setting of a `provider` block.
#[derive(Debug)]
pub struct Setting {
    pub attr: &'static str,
    /// The environment variables it falls back to, first found wins.
    pub env: &'static [&'static str],
    pub ty: Type,
    pub sensitive: bool,
    pub description: &'static str,
}

/// The name of the setting that checks a provider's settings when Terraform configures it.
pub const VALIDATE: &str = "validate";

/// The `validate` setting (as the Datadog provider has it), read from `env` when unset: whether
/// the provider proves its URL and credentials when Terraform configures it (see
/// [`crate::provider::verified`]). Defaults to true.
pub const fn validate_setting(env: &'static [&'static str]) -> Setting {
    Setting {
        attr: VALIDATE,
        env,
        ty: Type::Bool,
        sensitive: false,
        description: "Whether the provider checks its URL and credentials when Terraform \
                      configures it, with a call the run makes anyway (the sign-in, or the list \
                      a refresh reads): a wrong credential or an unreachable URL is then \
                      reported once, at plan time, rather than once per resource. Set `false` to run `terraform plan` \
                      without reaching the API (a new workspace, offline). Defaults to `true`.",
    }
}

/// How a diagnostic tells the user to turn `setting` (a flag) off: `validate = false (or
/// PRISMACLOUD_VALIDATE=false)`.
pub fn turn_off(setting: &Setting) -> String {
    match setting.env.first() {
        Some(var) => format!("{} = false (or {var}=false)", setting.attr),
        None => format!("{} = false", setting.attr),
    }
}

/// The schema of a `provider` block of `settings`.
pub fn schema(settings: &[Setting], description: &str) -> Schema {
    let attributes = settings
        .iter()
        .map(|s| {
            let vars: Vec<String> = s.env.iter().map(|e| format!("`{e}`")).collect();
            let named = match vars.len() {
                0 => String::new(),
                1 => format!(" Environment variable: {}.", vars[0]),
                _ => format!(" Environment variables: {}.", vars.join(" or ")),
            };
            Attribute::new(s.attr, s.ty.clone(), Presence::Optional)
                .sensitive(s.sensitive)
                .description(format!("{}{named}", s.description))
        })
        .collect();
    Schema {
        version: 0,
        block: Block {
            attributes,
            description: description.into(),
            deprecated: false,
        },
    }
}

/// Where a resolved value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Config,
    Env(&'static str),
}

/// What a `provider` block resolves to: its API client's settings, and whether to check them
/// when Terraform configures the provider (the [`VALIDATE`] setting, for
/// [`crate::provider::verified`]).
#[derive(Debug)]
pub struct Configured<C> {
    pub client: C,
    pub validate: bool,
}

impl<C> Configured<C> {
    /// `client`, checked at configure unless the resolved block turns [`VALIDATE`] off.
    pub fn new(client: C, resolved: &Resolved) -> Self {
        Configured {
            client,
            validate: resolved.flag_or(VALIDATE, true),
        }
    }
}

/// The known values of a `provider` block, with where each came from.
#[derive(Debug, Default)]
pub struct Resolved {
    values: BTreeMap<&'static str, (Value, Source)>,
}

impl Resolved {
    pub fn get(&self, attr: &str) -> Option<&Value> {
        self.values.get(attr).map(|(v, _)| v)
    }

    pub fn text(&self, attr: &str) -> Option<String> {
        self.get(attr).and_then(Value::as_str).map(str::to_string)
    }

    pub fn flag(&self, attr: &str) -> bool {
        self.flag_or(attr, false)
    }

    /// A flag, `default` when it is set nowhere.
    pub fn flag_or(&self, attr: &str, default: bool) -> bool {
        self.get(attr).and_then(Value::as_bool).unwrap_or(default)
    }

    /// Where the value of `attr` came from; `None` when it is set nowhere.
    pub fn source(&self, attr: &str) -> Option<Source> {
        self.values.get(attr).map(|(_, source)| *source)
    }

    /// How diagnostics name the setting: its environment variable when the value came from
    /// one, else the attribute.
    pub fn label(&self, attr: &'static str) -> &'static str {
        match self.values.get(attr) {
            Some((_, Source::Env(var))) => var,
            _ => attr,
        }
    }

    /// Records an invalid value of `attr` in `diags`, named as [`Resolved::label`] says.
    pub fn invalid(&self, attr: &'static str, detail: String, diags: &mut Diagnostics) {
        diags.attribute_error(
            AttributePath::root(attr),
            format!("Invalid {}", self.label(attr)),
            detail,
        );
    }
}

/// Resolves `settings` from `config`, each null one from its environment variables (read with
/// `env`). A setting in `required` that is set nowhere, or any setting still unknown, is an
/// error naming where to set it. `provider` is the block's name for messages.
pub fn resolve(
    provider: &str,
    settings: &'static [Setting],
    required: &[&str],
    config: &Value,
    env: &dyn Fn(&str) -> Option<String>,
    diags: &mut Diagnostics,
) -> Resolved {
    let mut resolved = Resolved::default();
    for setting in settings {
        let attr = setting.attr;
        let path = AttributePath::root(attr);
        let vars = setting.env.join(" or ");
        match config.get(attr) {
            Value::Unknown => diags.attribute_error(
                path,
                format!("Provider {attr} is not known until apply"),
                format!(
                    "The provider's {attr} depends on a value that is only known after apply, \
                     but the provider needs it to plan. Set {attr} from a value known at plan \
                     time, or set the {vars} environment variable instead."
                ),
            ),
            Value::Null => {
                let found = setting
                    .env
                    .iter()
                    .find_map(|var| env(var).filter(|v| !v.trim().is_empty()).map(|v| (*var, v)));
                match found {
                    Some((var, raw)) => match from_env(&setting.ty, &raw) {
                        Ok(v) => {
                            resolved.values.insert(attr, (v, Source::Env(var)));
                        }
                        Err(e) => diags.attribute_error(
                            path,
                            format!("Invalid {var}"),
                            format!("{var} {e}"),
                        ),
                    },
                    None if required.contains(&attr) => diags.attribute_error(
                        path,
                        format!("Missing provider {attr}"),
                        format!(
                            "Set {attr} in the provider \"{provider}\" block, or the {vars} \
                             environment variable. {}",
                            setting.description
                        ),
                    ),
                    None => {}
                }
            }
            v => {
                resolved.values.insert(attr, (v.clone(), Source::Config));
            }
        }
    }
    resolved
}

/// A `provider` block's value with `pairs` set and every other setting null: what Terraform
/// sends for a block that sets only those (for tests of a platform's block).
pub fn block_value(settings: &[Setting], pairs: &[(&str, Value)]) -> Value {
    let mut block: BTreeMap<String, Value> = settings
        .iter()
        .map(|s| (s.attr.to_string(), Value::Null))
        .collect();
    block.extend(pairs.iter().map(|(k, v)| (k.to_string(), v.clone())));
    Value::Object(block)
}

/// A setting's value from an environment variable's text.
fn from_env(ty: &Type, raw: &str) -> Result<Value, String> {
    let raw = raw.trim();
    match ty {
        Type::Bool => match raw.to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" => Ok(Value::Bool(true)),
            "false" | "0" | "no" => Ok(Value::Bool(false)),
            _ => Err(format!("must be true or false; it is {raw:?}.")),
        },
        Type::Number => raw
            .parse::<i64>()
            .map(Value::int)
            .map_err(|_| "must be a whole number.".to_string()),
        _ => Ok(Value::String(raw.to_string())),
    }
}

/// A base URL from what the user wrote: a bare host means `https://`; plain `http://` only to
/// a loopback address (a local sandbox) unless `insecure_http`.
pub fn parse_url(raw: &str, insecure_http: bool) -> Result<Url, String> {
    let raw = raw.trim();
    let with_scheme = if raw.contains("://") {
        raw.to_string()
    } else {
        format!("https://{raw}")
    };
    let url = Url::parse(&with_scheme).map_err(|e| format!("{raw:?} is not a URL ({e})."))?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) || insecure_http => {}
        "http" => {
            return Err(format!(
                "{raw:?} uses plain http:// to a host that is not a loopback address: \
                 credentials would travel unencrypted. Use https://, or set insecure_http = true \
                 if you accept that risk."
            ));
        }
        other => return Err(format!("{raw:?} has scheme {other}; use https://.")),
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("{raw:?} has no host."));
    }
    Ok(url)
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d == "localhost",
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => {
            ip.is_loopback() || ip.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
        None => false,
    }
}

/// A request timeout: a duration such as `30s` or `2m`, or a bare number of seconds.
pub fn parse_timeout(raw: &str) -> Result<Duration, String> {
    let raw = raw.trim();
    let d = match raw.parse::<u64>() {
        Ok(seconds) => Duration::from_secs(seconds),
        Err(_) => humantime::parse_duration(raw)
            .map_err(|e| format!("{raw:?} is not a duration such as \"30s\" or \"2m\" ({e})."))?,
    };
    if d < Duration::from_secs(1) {
        return Err(format!("{raw:?} is too short: use at least 1s."));
    }
    Ok(d)
}

/// The most retries a provider block may ask for.
pub const MAX_RETRIES_LIMIT: i64 = 50;

/// A retry count: a whole number from 0 to [`MAX_RETRIES_LIMIT`].
pub fn parse_retries(n: &Value) -> Result<u32, String> {
    match n.as_number().and_then(|n| n.as_i64()) {
        Some(i) if (0..=MAX_RETRIES_LIMIT).contains(&i) => Ok(i as u32),
        _ => Err(format!(
            "must be a whole number from 0 to {MAX_RETRIES_LIMIT}."
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static SETTINGS: &[Setting] = &[
        Setting {
            attr: "api_key",
            env: &["DD_API_KEY", "DATADOG_API_KEY"],
            ty: Type::String,
            sensitive: true,
            description: "The API key.",
        },
        Setting {
            attr: "request_timeout",
            env: &["DEMO_REQUEST_TIMEOUT"],
            ty: Type::String,
            sensitive: false,
            description: "Timeout of one request.",
        },
        Setting {
            attr: "verify",
            env: &["DEMO_VERIFY"],
            ty: Type::Bool,
            sensitive: false,
            description: "Whether to verify.",
        },
    ];

    fn config(pairs: &[(&str, Value)]) -> Value {
        block_value(SETTINGS, pairs)
    }

    #[test]
    fn the_first_variable_found_wins_and_is_remembered() {
        let env = |k: &str| (k == "DATADOG_API_KEY").then(|| "from-env".to_string());
        let mut d = Diagnostics::new();
        let r = resolve("demo", SETTINGS, &["api_key"], &config(&[]), &env, &mut d);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(r.text("api_key").as_deref(), Some("from-env"));
        assert_eq!(r.label("api_key"), "DATADOG_API_KEY");
        assert_eq!(r.source("api_key"), Some(Source::Env("DATADOG_API_KEY")));
        assert_eq!(r.source("verify"), None);
        let configured = config(&[("verify", Value::Bool(true))]);
        let r = resolve("demo", SETTINGS, &[], &configured, &env, &mut d);
        assert_eq!(r.source("verify"), Some(Source::Config));
        let s = schema(SETTINGS, "x");
        let a = s.block.attribute("api_key").unwrap();
        assert!(a.sensitive);
        assert!(
            a.description
                .ends_with("`DD_API_KEY` or `DATADOG_API_KEY`.")
        );
    }

    #[test]
    fn errors_name_the_variable_a_bad_value_came_from() {
        let env = |k: &str| match k {
            "DEMO_REQUEST_TIMEOUT" => Some("soon".to_string()),
            "DEMO_VERIFY" => Some("maybe".to_string()),
            _ => None,
        };
        let mut d = Diagnostics::new();
        let r = resolve("demo", SETTINGS, &["api_key"], &config(&[]), &env, &mut d);
        let summaries: Vec<&str> = d.iter().map(|d| d.summary.as_str()).collect();
        assert_eq!(
            summaries,
            ["Missing provider api_key", "Invalid DEMO_VERIFY"]
        );
        assert!(d.0[0].detail.contains("DD_API_KEY or DATADOG_API_KEY"));
        let raw = r.text("request_timeout").unwrap();
        let mut d = Diagnostics::new();
        if let Err(e) = parse_timeout(&raw) {
            r.invalid("request_timeout", e, &mut d);
        }
        assert_eq!(d.0[0].summary, "Invalid DEMO_REQUEST_TIMEOUT");
        assert_eq!(
            d.0[0].attribute,
            Some(AttributePath::root("request_timeout"))
        );
    }

    #[test]
    fn timeouts_take_durations_or_bare_seconds() {
        assert_eq!(parse_timeout("30"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_timeout(" 2m "), Ok(Duration::from_secs(120)));
        assert!(parse_timeout("0").is_err());
        assert!(parse_timeout("500ms").is_err());
        assert!(parse_timeout("soon").is_err());
        assert_eq!(parse_retries(&Value::int(3)), Ok(3));
        assert!(parse_retries(&Value::int(51)).is_err());
    }

    #[test]
    fn validate_defaults_to_true_and_says_how_to_turn_it_off() {
        static WITH_VALIDATE: &[Setting] = &[validate_setting(&["DEMO_VALIDATE"])];
        let config = |v: Value| Value::Object([(VALIDATE.to_string(), v)].into());
        let mut d = Diagnostics::new();
        let r = resolve(
            "demo",
            WITH_VALIDATE,
            &[],
            &config(Value::Null),
            &|_| None,
            &mut d,
        );
        assert!(r.flag_or(VALIDATE, true));
        let off = |k: &str| (k == "DEMO_VALIDATE").then(|| "0".to_string());
        let r = resolve(
            "demo",
            WITH_VALIDATE,
            &[],
            &config(Value::Null),
            &off,
            &mut d,
        );
        assert!(!r.flag_or(VALIDATE, true));
        let r = resolve(
            "demo",
            WITH_VALIDATE,
            &[],
            &config(Value::Bool(true)),
            &off,
            &mut d,
        );
        assert!(
            r.flag_or(VALIDATE, false),
            "the block wins over the variable"
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(
            turn_off(&WITH_VALIDATE[0]),
            "validate = false (or DEMO_VALIDATE=false)"
        );
    }

    #[test]
    fn a_unknown_setting_is_an_error_naming_the_variables() {
        let mut d = Diagnostics::new();
        resolve(
            "demo",
            SETTINGS,
            &[],
            &config(&[("api_key", Value::Unknown)]),
            &|_| None,
            &mut d,
        );
        assert!(d.0[0].detail.contains("DD_API_KEY or DATADOG_API_KEY"));
    }
}
