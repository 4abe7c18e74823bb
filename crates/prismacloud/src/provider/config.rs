//! The `provider "prismacloud"` block: schema, static checks and resolution (each setting falls
//! back to an environment variable) into API client settings.

use std::time::Duration;

use secrecy::SecretString;
use url::Url;

use crate::api::ClientConfig;
use tfplugin::diag::{AttributePath, Diagnostics};
use tfplugin::schema::{Attribute, Block, Presence, Schema};
use tfplugin::value::{Type, Value};

/// One provider setting: attribute name, environment variable, description.
struct Setting {
    attr: &'static str,
    env: &'static str,
    ty: Type,
    sensitive: bool,
    description: &'static str,
}

const SETTINGS: &[Setting] = &[
    Setting {
        attr: "url",
        env: "PRISMACLOUD_URL",
        ty: Type::String,
        sensitive: false,
        description: "Base URL of the Prisma Cloud API, e.g. `https://api.prismacloud.io`. A \
                      bare host name means `https://`. Plain `http://` is accepted only for \
                      loopback addresses such as the local sandbox.",
    },
    Setting {
        attr: "username",
        env: "PRISMACLOUD_USERNAME",
        ty: Type::String,
        sensitive: false,
        description: "Access key ID of a Prisma Cloud access key.",
    },
    Setting {
        attr: "password",
        env: "PRISMACLOUD_PASSWORD",
        ty: Type::String,
        sensitive: true,
        description: "Secret key of the Prisma Cloud access key.",
    },
    Setting {
        attr: "customer_name",
        env: "PRISMACLOUD_CUSTOMER_NAME",
        ty: Type::String,
        sensitive: false,
        description: "Customer (tenant) name, for access keys that belong to several tenants.",
    },
    Setting {
        attr: "prisma_id",
        env: "PRISMACLOUD_PRISMA_ID",
        ty: Type::String,
        sensitive: false,
        description: "The tenant's Prisma ID. When set, integrations use the tenant-scoped v1 \
                      endpoints (`/api/v1/tenant/{prisma_id}/integration`); Okta, Qualys and \
                      Tenable always use the classic ones.",
    },
    Setting {
        attr: "request_timeout",
        env: "PRISMACLOUD_REQUEST_TIMEOUT",
        ty: Type::String,
        sensitive: false,
        description: "Timeout of one HTTP request, as a duration such as `30s` or `2m`. \
                      Defaults to `30s`.",
    },
    Setting {
        attr: "max_retries",
        env: "PRISMACLOUD_MAX_RETRIES",
        ty: Type::Number,
        sensitive: false,
        description: "How many times a request is retried after a rate limit (429), a server \
                      error (5xx) or a network failure, with exponential backoff that honours \
                      `Retry-After`. Defaults to `5`.",
    },
    Setting {
        attr: "ca_file",
        env: "PRISMACLOUD_CA_FILE",
        ty: Type::String,
        sensitive: false,
        description: "Path of a PEM file with the certificate(s) of a private certificate \
                      authority to trust, in addition to the system's, when the API sits behind \
                      a TLS proxy or gateway with a private CA. TLS certificates are always \
                      verified.",
    },
    Setting {
        attr: "insecure_http",
        env: "PRISMACLOUD_INSECURE_HTTP",
        ty: Type::Bool,
        sensitive: false,
        description: "Allow a plain `http://` url to a host that is not a loopback address. \
                      Credentials and secrets then travel unencrypted: only for test set-ups \
                      behind a trusted network. Defaults to `false`.",
    },
];

pub const DEFAULT_REQUEST_TIMEOUT: &str = "30s";
pub const DEFAULT_MAX_RETRIES: u32 = 5;
const MAX_RETRIES_LIMIT: i64 = 50;

pub fn schema() -> Schema {
    let attributes = SETTINGS
        .iter()
        .map(|s| {
            Attribute::new(s.attr, s.ty.clone(), Presence::Optional)
                .sensitive(s.sensitive)
                .description(format!(
                    "{} Environment variable: `{}`.",
                    s.description, s.env
                ))
        })
        .collect();
    Schema {
        version: 0,
        block: Block {
            attributes,
            description: "Manages where Prisma Cloud sends alerts: its integrations.".into(),
            deprecated: false,
        },
    }
}

/// A base URL from what the user wrote: a bare host means `https://`.
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

/// The PEM bundle at `path`, checked to hold at least one certificate.
fn read_ca_file(path: &str) -> Result<Vec<u8>, String> {
    let pem = std::fs::read(path.trim())
        .map_err(|e| format!("Cannot read the CA file {path:?}: {e}."))?;
    crate::api::parse_ca_pem(&pem).map_err(|reason| {
        format!("The CA file {path:?} is unusable: {reason}. It must hold PEM certificates.")
    })?;
    Ok(pem)
}

fn parse_timeout(raw: &str) -> Result<Duration, String> {
    let d = humantime::parse_duration(raw.trim())
        .map_err(|e| format!("{raw:?} is not a duration such as \"30s\" or \"2m\" ({e})."))?;
    if d < Duration::from_secs(1) {
        return Err(format!("{raw:?} is too short: use at least 1s."));
    }
    Ok(d)
}

fn check_retries(n: &Value) -> Result<u32, String> {
    match n.as_number().and_then(|n| n.as_i64()) {
        Some(i) if (0..=MAX_RETRIES_LIMIT).contains(&i) => Ok(i as u32),
        _ => Err(format!(
            "max_retries must be a whole number from 0 to {MAX_RETRIES_LIMIT}."
        )),
    }
}

/// Static checks of known values (at validation time nothing is resolved yet).
pub fn validate(config: &Value) -> Diagnostics {
    let mut diags = Diagnostics::new();
    // Only the syntax here: whether plain http:// is allowed also depends on insecure_http and
    // the environment, which `resolve` sees (still at plan time).
    if let Some(raw) = config.get("url").as_str()
        && let Err(e) = parse_url(raw, true)
    {
        diags.attribute_error(AttributePath::root("url"), "Invalid url", e);
    }
    if let Some(raw) = config.get("request_timeout").as_str()
        && let Err(e) = parse_timeout(raw)
    {
        diags.attribute_error(
            AttributePath::root("request_timeout"),
            "Invalid request_timeout",
            e,
        );
    }
    let retries = config.get("max_retries");
    if retries.is_present()
        && let Err(e) = check_retries(retries)
    {
        diags.attribute_error(AttributePath::root("max_retries"), "Invalid max_retries", e);
    }
    diags
}

/// Resolve the provider block (with environment fallbacks from `env`) into client settings.
pub fn resolve(
    config: &Value,
    env: &dyn Fn(&str) -> Option<String>,
    user_agent: String,
) -> Result<ClientConfig, Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut get = |attr: &str, required: bool| -> Option<Value> {
        let setting = SETTINGS
            .iter()
            .find(|s| s.attr == attr)
            .expect("a declared setting");
        let path = AttributePath::root(attr);
        match config.get(attr) {
            Value::Unknown => {
                diags.attribute_error(
                    path,
                    format!("Provider {attr} is not known until apply"),
                    format!(
                        "The provider's {attr} depends on a value that is only known after \
                         apply, but the provider needs it to plan. Set {attr} from a value known \
                         at plan time, or set the {} environment variable instead.",
                        setting.env
                    ),
                );
                None
            }
            Value::Null => match env(setting.env).filter(|v| !v.trim().is_empty()) {
                Some(v) if setting.ty == Type::Bool => Some(Value::Bool(matches!(
                    v.trim().to_ascii_lowercase().as_str(),
                    "true" | "1" | "yes"
                ))),
                Some(v) if setting.ty == Type::Number => match v.trim().parse::<i64>() {
                    Ok(i) => Some(Value::int(i)),
                    Err(_) => {
                        diags.attribute_error(
                            path,
                            format!("Invalid {}", setting.env),
                            format!("{} must be a whole number.", setting.env),
                        );
                        None
                    }
                },
                Some(v) => Some(Value::String(v)),
                None if required => {
                    diags.attribute_error(
                        path,
                        format!("Missing provider {attr}"),
                        format!(
                            "Set {attr} in the provider \"prismacloud\" block, or the {} \
                             environment variable. {}",
                            setting.env, setting.description
                        ),
                    );
                    None
                }
                None => None,
            },
            v => Some(v.clone()),
        }
    };
    let url = get("url", true);
    let username = get("username", true);
    let password = get("password", true);
    let customer_name = get("customer_name", false);
    let prisma_id = get("prisma_id", false);
    let timeout = get("request_timeout", false);
    let retries = get("max_retries", false);
    let insecure = get("insecure_http", false);
    let ca_file = get("ca_file", false);

    let text = |v: &Option<Value>| v.as_ref().and_then(|v| v.as_str()).map(str::to_string);
    let insecure = match insecure {
        None => false,
        Some(Value::Bool(b)) => b,
        Some(_) => false,
    };
    let url = match text(&url).map(|u| parse_url(&u, insecure)) {
        Some(Ok(u)) => Some(u),
        Some(Err(e)) => {
            diags.attribute_error(AttributePath::root("url"), "Invalid url", e);
            None
        }
        None => None,
    };
    let request_timeout =
        match parse_timeout(&text(&timeout).unwrap_or(DEFAULT_REQUEST_TIMEOUT.into())) {
            Ok(d) => d,
            Err(e) => {
                diags.attribute_error(
                    AttributePath::root("request_timeout"),
                    "Invalid request_timeout",
                    e,
                );
                Duration::ZERO
            }
        };
    let max_retries = match retries.as_ref().map(check_retries) {
        None => DEFAULT_MAX_RETRIES,
        Some(Ok(n)) => n,
        Some(Err(e)) => {
            diags.attribute_error(AttributePath::root("max_retries"), "Invalid max_retries", e);
            0
        }
    };
    let ca_pem = match text(&ca_file).map(|path| read_ca_file(&path)) {
        None => None,
        Some(Ok(pem)) => Some(pem),
        Some(Err(e)) => {
            diags.attribute_error(AttributePath::root("ca_file"), "Invalid ca_file", e);
            None
        }
    };
    let (Some(url), Some(username), Some(password)) = (url, text(&username), text(&password))
    else {
        return Err(diags);
    };
    if diags.has_errors() {
        return Err(diags);
    }
    let mut client = ClientConfig::new(url, username, SecretString::from(password));
    client.customer_name = text(&customer_name);
    client.prisma_id = text(&prisma_id);
    client.request_timeout = request_timeout;
    client.max_retries = max_retries;
    client.user_agent = user_agent;
    client.ca_pem = ca_pem;
    Ok(client)
}

#[cfg(test)]
mod tests;
