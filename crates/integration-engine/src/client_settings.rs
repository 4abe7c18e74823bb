//! The settings every API client takes besides where to sign in and as whom: the base URL's
//! scheme rule (`insecure_http`), `request_timeout`, `max_retries` and a private CA
//! (`ca_file`); their descriptions, their static checks and their resolution, for a platform's
//! `provider` block to list beside its own settings (see [`crate::settings`]).

use std::time::Duration;

use tfplugin::diag::{AttributePath, Diagnostics};
use tfplugin::value::Value;
use url::Url;

use crate::settings::{Resolved, parse_retries, parse_timeout, parse_url};

pub const REQUEST_TIMEOUT: &str = "Timeout of one HTTP request, as a duration such as `30s` or \
                                   `2m`. Defaults to `30s`.";
pub const MAX_RETRIES: &str = "How many times a request is retried after a rate limit (429), a \
                               server error (5xx) or a network failure, with exponential backoff \
                               that honours `Retry-After`. Defaults to `5`.";
pub const CA_FILE: &str = "Path of a PEM file with the certificate(s) of a private certificate \
                           authority to trust, in addition to the system's: for a self-hosted \
                           installation or a TLS proxy with a private CA. TLS certificates are \
                           always verified.";
pub const INSECURE_HTTP: &str = "Allow a plain `http://` url to a host that is not a loopback \
                                 address. The password and every secret sent then travel \
                                 unencrypted: only for test set-ups behind a trusted network. \
                                 Defaults to `false`.";

/// What the client settings resolve to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientSettings {
    pub url: Url,
    pub request_timeout: Duration,
    pub max_retries: u32,
    /// The PEM bundle of `ca_file`, checked to hold certificates.
    pub ca_pem: Option<Vec<u8>>,
}

/// Static checks of the known values of `url`, `request_timeout` and `max_retries` (whether
/// plain `http://` is allowed depends on the environment too: [`resolve`] decides).
pub fn validate(config: &Value, diags: &mut Diagnostics) {
    let mut invalid = |attr: &str, detail: String| {
        diags.attribute_error(AttributePath::root(attr), format!("Invalid {attr}"), detail)
    };
    if let Some(raw) = config.get("url").as_str()
        && let Err(e) = parse_url(raw, true)
    {
        invalid("url", e);
    }
    if let Some(raw) = config.get("request_timeout").as_str()
        && let Err(e) = parse_timeout(raw)
    {
        invalid("request_timeout", e);
    }
    let retries = config.get("max_retries");
    if retries.is_present()
        && let Err(e) = parse_retries(retries)
    {
        invalid("max_retries", format!("max_retries {e}"));
    }
}

/// The PEM bundle at `path`, checked to hold certificates.
fn read_ca_file(path: &str) -> Result<Vec<u8>, String> {
    let pem = std::fs::read(path.trim())
        .map_err(|e| format!("Cannot read the CA file {path:?}: {e}."))?;
    apiclient::parse_ca_pem(&pem).map_err(|reason| {
        format!("The CA file {path:?} is unusable: {reason}. It must hold PEM certificates.")
    })?;
    Ok(pem)
}

/// The client settings of resolved settings `r`: `url` (or `default_url`), `insecure_http`,
/// `request_timeout`, `max_retries` and `ca_file`, each error recorded in `diags` under the
/// name the user set it by. `None` when any of them is invalid or no URL is known.
pub fn resolve(
    r: &Resolved,
    default_url: Option<&str>,
    diags: &mut Diagnostics,
) -> Option<ClientSettings> {
    let mut found = Diagnostics::new();
    let settings = resolve_into(r, default_url, &mut found);
    let valid = !found.has_errors();
    diags.extend(found);
    settings.filter(|_| valid)
}

fn resolve_into(
    r: &Resolved,
    default_url: Option<&str>,
    diags: &mut Diagnostics,
) -> Option<ClientSettings> {
    let raw_url = r.text("url").or_else(|| default_url.map(str::to_owned));
    let url = raw_url.and_then(|raw| {
        parse_url(&raw, r.flag("insecure_http"))
            .map_err(|e| r.invalid("url", e, diags))
            .ok()
    });
    let timeout = r.text("request_timeout");
    let request_timeout = match timeout.as_deref().map(parse_timeout) {
        None => apiclient::DEFAULT_REQUEST_TIMEOUT,
        Some(Ok(d)) => d,
        Some(Err(e)) => {
            r.invalid("request_timeout", e, diags);
            Duration::ZERO
        }
    };
    let max_retries = match r.get("max_retries").map(parse_retries) {
        None => apiclient::DEFAULT_MAX_RETRIES,
        Some(Ok(n)) => n,
        Some(Err(e)) => {
            let label = r.label("max_retries");
            r.invalid("max_retries", format!("{label} {e}"), diags);
            0
        }
    };
    let ca_pem = r.text("ca_file").and_then(|path| {
        read_ca_file(&path)
            .map_err(|e| r.invalid("ca_file", e, diags))
            .ok()
    });
    Some(ClientSettings {
        url: url?,
        request_timeout,
        max_retries,
        ca_pem,
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use tfplugin::value::Type;

    use super::*;
    use crate::settings::{self, Setting};

    static SETTINGS: &[Setting] = &[
        Setting {
            attr: "url",
            env: &["DEMO_URL"],
            ty: Type::String,
            sensitive: false,
            description: "Where.",
        },
        Setting {
            attr: "request_timeout",
            env: &["DEMO_REQUEST_TIMEOUT"],
            ty: Type::String,
            sensitive: false,
            description: REQUEST_TIMEOUT,
        },
        Setting {
            attr: "max_retries",
            env: &["DEMO_MAX_RETRIES"],
            ty: Type::Number,
            sensitive: false,
            description: MAX_RETRIES,
        },
        Setting {
            attr: "ca_file",
            env: &["DEMO_CA_FILE"],
            ty: Type::String,
            sensitive: false,
            description: CA_FILE,
        },
        Setting {
            attr: "insecure_http",
            env: &["DEMO_INSECURE_HTTP"],
            ty: Type::Bool,
            sensitive: false,
            description: INSECURE_HTTP,
        },
    ];

    fn resolved(pairs: &[(&str, Value)], env: &[(&str, &str)]) -> (Resolved, Diagnostics) {
        let mut m: BTreeMap<String, Value> = SETTINGS
            .iter()
            .map(|s| (s.attr.to_string(), Value::Null))
            .collect();
        m.extend(pairs.iter().map(|(k, v)| (k.to_string(), v.clone())));
        let env: Vec<(String, String)> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let lookup = move |k: &str| env.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        let mut d = Diagnostics::new();
        let r = settings::resolve("demo", SETTINGS, &[], &Value::Object(m), &lookup, &mut d);
        (r, d)
    }

    #[test]
    fn defaults_apply_and_the_default_url_is_https() {
        let (r, mut d) = resolved(&[], &[]);
        let s = resolve(&r, Some("https://api.demo.example"), &mut d).unwrap();
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(s.url.as_str(), "https://api.demo.example/");
        assert_eq!(s.request_timeout, apiclient::DEFAULT_REQUEST_TIMEOUT);
        assert_eq!(s.max_retries, apiclient::DEFAULT_MAX_RETRIES);
        assert_eq!(s.ca_pem, None);
        let (r, mut d) = resolved(&[], &[]);
        assert_eq!(resolve(&r, None, &mut d), None);
    }

    #[test]
    fn each_bad_value_is_named_where_it_was_set() {
        let (r, mut d) = resolved(
            &[("request_timeout", Value::string("soon"))],
            &[
                ("DEMO_URL", "http://demo.example"),
                ("DEMO_MAX_RETRIES", "99"),
                ("DEMO_CA_FILE", "/nonexistent/ca.pem"),
            ],
        );
        assert_eq!(resolve(&r, None, &mut d), None);
        let summaries: Vec<&str> = d.iter().map(|d| d.summary.as_str()).collect();
        assert_eq!(
            summaries,
            [
                "Invalid DEMO_URL",
                "Invalid request_timeout",
                "Invalid DEMO_MAX_RETRIES",
                "Invalid DEMO_CA_FILE"
            ]
        );
        let (r, mut d) = resolved(
            &[("insecure_http", Value::Bool(true))],
            &[("DEMO_URL", "http://demo.example")],
        );
        assert!(resolve(&r, None, &mut d).is_some(), "{d:?}");
        let mut d = Diagnostics::new();
        let config = Value::Object(BTreeMap::from([
            ("url".to_string(), Value::string("ftp://x")),
            ("max_retries".to_string(), Value::int(-1)),
        ]));
        validate(&config, &mut d);
        let summaries: Vec<&str> = d.iter().map(|d| d.summary.as_str()).collect();
        assert_eq!(summaries, ["Invalid url", "Invalid max_retries"]);
    }
}
