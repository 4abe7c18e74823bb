//! The `provider "infracast"` block: schema, static checks and resolution (each setting falls
//! back to an `INFRACAST_*` environment variable) into client settings.

use std::time::Duration;

use integration_engine::settings::{self, Setting, parse_retries, parse_timeout, parse_url};
use secrecy::SecretString;
use tfplugin::diag::{AttributePath, Diagnostics};
use tfplugin::schema::Schema;
use tfplugin::value::{Type, Value};

use crate::api::{ClientConfig, DEFAULT_MAX_RETRIES, DEFAULT_URL};

pub(crate) static SETTINGS: &[Setting] = &[
    Setting {
        attr: "url",
        env: &["INFRACAST_URL"],
        ty: Type::String,
        sensitive: false,
        description: "Base URL of the Infracast API. Defaults to `https://api.infracast.io`; a \
                      self-hosted installation uses its own host. A bare host name means \
                      `https://`. Plain `http://` is accepted only for loopback addresses such \
                      as the local sandbox, unless `insecure_http` is set.",
    },
    Setting {
        attr: "username",
        env: &["INFRACAST_USERNAME"],
        ty: Type::String,
        sensitive: false,
        description: "The Infracast user the provider signs in as: preferably a dedicated \
                      service account with the `tenant:read` and `tenant:update` permissions.",
    },
    Setting {
        attr: "password",
        env: &["INFRACAST_PASSWORD"],
        ty: Type::String,
        sensitive: true,
        description: "The user's password.",
    },
    Setting {
        attr: "tenant",
        env: &["INFRACAST_TENANT"],
        ty: Type::String,
        sensitive: false,
        description: "The tenant's slug, e.g. `acme-corp`: the provider manages this tenant's \
                      integrations.",
    },
    Setting {
        attr: "request_timeout",
        env: &["INFRACAST_REQUEST_TIMEOUT"],
        ty: Type::String,
        sensitive: false,
        description: "Timeout of one HTTP request, as a duration such as `30s` or `2m`. \
                      Defaults to `30s`.",
    },
    Setting {
        attr: "max_retries",
        env: &["INFRACAST_MAX_RETRIES"],
        ty: Type::Number,
        sensitive: false,
        description: "How many times a request is retried after a rate limit (429), a server \
                      error (5xx) or a network failure, with exponential backoff that honours \
                      `Retry-After`. Defaults to `5`.",
    },
    Setting {
        attr: "ca_file",
        env: &["INFRACAST_CA_FILE"],
        ty: Type::String,
        sensitive: false,
        description: "Path of a PEM file with the certificate(s) of a private certificate \
                      authority to trust, in addition to the system's: for a self-hosted \
                      installation or a TLS proxy with a private CA. TLS certificates are always \
                      verified.",
    },
    Setting {
        attr: "insecure_http",
        env: &["INFRACAST_INSECURE_HTTP"],
        ty: Type::Bool,
        sensitive: false,
        description: "Allow a plain `http://` url to a host that is not a loopback address. \
                      The password and every integration's secrets then travel unencrypted: \
                      only for test set-ups behind a trusted network. Defaults to `false`.",
    },
];

pub const DEFAULT_REQUEST_TIMEOUT: &str = "30s";

pub fn schema() -> Schema {
    settings::schema(
        SETTINGS,
        "Manages Infracast's integrations: where findings, discovery events and POA&M items go \
         (webhooks, Slack, Microsoft Teams, ServiceNow, Splunk, Elastic, Jira) and how users \
         sign in (Okta SSO).",
    )
}

/// The PEM bundle at `path`, checked to hold a certificate.
fn read_ca_file(path: &str) -> Result<Vec<u8>, String> {
    let pem = std::fs::read(path.trim())
        .map_err(|e| format!("Cannot read the CA file {path:?}: {e}."))?;
    let text = String::from_utf8_lossy(&pem);
    if !text.contains("-----BEGIN CERTIFICATE-----") {
        return Err(format!(
            "The CA file {path:?} holds no PEM certificate (-----BEGIN CERTIFICATE-----)."
        ));
    }
    Ok(pem)
}

/// Static checks of known values (at validation time nothing is resolved yet).
pub fn validate(config: &Value) -> Diagnostics {
    let mut diags = Diagnostics::new();
    // Only the syntax: whether plain http:// is allowed also depends on insecure_http and the
    // environment, which `resolve` sees (still at plan time).
    if let Some(raw) = config.get("url").as_str()
        && let Err(e) = parse_url(raw, true)
    {
        diags.attribute_error(AttributePath::root("url"), "Invalid url", e);
    }
    if let Some(raw) = config.get("request_timeout").as_str()
        && let Err(e) = parse_timeout(raw)
    {
        let path = AttributePath::root("request_timeout");
        diags.attribute_error(path, "Invalid request_timeout", e);
    }
    let retries = config.get("max_retries");
    if retries.is_present()
        && let Err(e) = parse_retries(retries)
    {
        let path = AttributePath::root("max_retries");
        diags.attribute_error(path, "Invalid max_retries", format!("max_retries {e}"));
    }
    if let Some(tenant) = config.get("tenant").as_str()
        && let Err(e) = check_tenant(tenant)
    {
        diags.attribute_error(AttributePath::root("tenant"), "Invalid tenant", e);
    }
    diags
}

/// A tenant slug goes into every path: letters, digits, `-` and `_` only.
fn check_tenant(tenant: &str) -> Result<(), String> {
    let ok = !tenant.is_empty()
        && tenant
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{tenant:?} is not a tenant slug: use the slug Infracast shows (letters, digits, - \
             and _), e.g. acme-corp."
        ))
    }
}

/// Resolves the provider block (with environment fallbacks from `env`) into client settings.
pub fn resolve(
    config: &Value,
    env: &dyn Fn(&str) -> Option<String>,
    user_agent: String,
) -> Result<ClientConfig, Diagnostics> {
    let mut diags = Diagnostics::new();
    let required = ["username", "password", "tenant"];
    let r = settings::resolve("infracast", SETTINGS, &required, config, env, &mut diags);
    let raw_url = r.text("url").unwrap_or_else(|| DEFAULT_URL.to_owned());
    let url = parse_url(&raw_url, r.flag("insecure_http"))
        .map_err(|e| r.invalid("url", e, &mut diags))
        .ok();
    let timeout = r.text("request_timeout");
    let request_timeout = parse_timeout(timeout.as_deref().unwrap_or(DEFAULT_REQUEST_TIMEOUT))
        .unwrap_or_else(|e| {
            r.invalid("request_timeout", e, &mut diags);
            Duration::ZERO
        });
    let max_retries = match r.get("max_retries").map(parse_retries) {
        None => DEFAULT_MAX_RETRIES,
        Some(Ok(n)) => n,
        Some(Err(e)) => {
            let label = r.label("max_retries");
            r.invalid("max_retries", format!("{label} {e}"), &mut diags);
            0
        }
    };
    let ca_pem = r.text("ca_file").and_then(|path| {
        read_ca_file(&path)
            .map_err(|e| r.invalid("ca_file", e, &mut diags))
            .ok()
    });
    let tenant = r.text("tenant").and_then(|t| {
        check_tenant(t.trim())
            .map(|()| t.trim().to_owned())
            .map_err(|e| r.invalid("tenant", e, &mut diags))
            .ok()
    });
    let (Some(url), Some(username), Some(password), Some(tenant)) =
        (url, r.text("username"), r.text("password"), tenant)
    else {
        return Err(diags);
    };
    if diags.has_errors() {
        return Err(diags);
    }
    let mut client = ClientConfig::new(url, username, SecretString::from(password), tenant);
    client.request_timeout = request_timeout;
    client.max_retries = max_retries;
    client.user_agent = user_agent;
    client.ca_pem = ca_pem;
    Ok(client)
}

#[cfg(test)]
mod tests;
