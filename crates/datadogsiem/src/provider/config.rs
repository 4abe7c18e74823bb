//! The `provider "datadogsiem"` block: schema, static checks and resolution (each setting falls
//! back to the environment variables the Datadog ecosystem uses) into API client settings.
//!
//! Where the API is: `site` (one of the nine documented sites) or `api_url` (a full base URL,
//! for the sandbox and proxies). A value in the block beats one from the environment; setting
//! both in the block is an error; from the environment alone, `DD_HOST` beats `DD_SITE` (it is
//! the more precise of the two). Neither anywhere: `datadoghq.com`.

use integration_engine::client_settings;
use integration_engine::data_sources::arguments::did_you_mean;
use integration_engine::settings::{self, Resolved, Setting, Source, parse_url, validate_setting};
use tfplugin::diag::{AttributePath, Diagnostics};
use tfplugin::schema::Schema;
use tfplugin::value::{Type, Value};
use url::Url;

use crate::api::{ClientConfig, site};

pub(crate) static SETTINGS: &[Setting] = &[
    Setting {
        attr: "api_key",
        env: &["DD_API_KEY", "DATADOG_API_KEY"],
        ty: Type::String,
        sensitive: true,
        description: "The organization's Datadog API key (sent as `DD-API-KEY`).",
    },
    Setting {
        attr: "app_key",
        env: &["DD_APP_KEY", "DATADOG_APP_KEY"],
        ty: Type::String,
        sensitive: true,
        description: "A Datadog application key (sent as `DD-APPLICATION-KEY`) of a user or \
                      service account with the `manage_integrations` permission.",
    },
    Setting {
        attr: "site",
        env: &["DD_SITE"],
        ty: Type::String,
        sensitive: false,
        description: "The Datadog site of the organization: `datadoghq.com` (the default), \
                      `us3.datadoghq.com`, `us5.datadoghq.com`, `ap1.datadoghq.com`, \
                      `ap2.datadoghq.com`, `uk1.datadoghq.com`, `datadoghq.eu`, \
                      `ddog-gov.com` or `us2.ddog-gov.com`. The API is then \
                      `https://api.<site>`. Conflicts with `api_url` in this block; a `site` \
                      set here beats `DD_HOST` from the environment.",
    },
    Setting {
        attr: "api_url",
        env: &["DD_HOST", "DATADOG_HOST"],
        ty: Type::String,
        sensitive: false,
        description: "The API's full base URL instead of a `site`, e.g. \
                      `https://api.datadoghq.eu` or a proxy's; a bare host name means \
                      `https://`. Plain `http://` is accepted only for loopback addresses \
                      such as the local `datadogsiem-sandbox`, unless `insecure_http` is set.",
    },
    Setting {
        attr: "request_timeout",
        env: &["DATADOGSIEM_REQUEST_TIMEOUT"],
        ty: Type::String,
        sensitive: false,
        description: "How long one HTTP attempt may take, from connecting to the last byte \
                      of the answer: a duration (`45s`, `2m`) or a number of seconds; `30s` \
                      when unset.",
    },
    Setting {
        attr: "max_retries",
        env: &["DATADOGSIEM_MAX_RETRIES"],
        ty: Type::Number,
        sensitive: false,
        description: "Attempts after the first for a call refused with 429, failed with a \
                      5xx or lost on the network. The wait between them grows exponentially \
                      and is never shorter than Datadog's `X-RateLimit-Reset`. `5` when unset; \
                      `0` turns retries off.",
    },
    Setting {
        attr: "ca_file",
        env: &["DATADOGSIEM_CA_FILE"],
        ty: Type::String,
        sensitive: false,
        description: "A PEM bundle of extra certificate authorities to trust besides the \
                      system's, for a TLS-inspecting proxy between Terraform and Datadog. \
                      Certificates are verified whatever this says.",
    },
    Setting {
        attr: "insecure_http",
        env: &["DATADOGSIEM_INSECURE_HTTP"],
        ty: Type::Bool,
        sensitive: false,
        description: "Accept `http://` in `api_url` for a host that is not a loopback \
                      address. The keys then cross the network in clear text: for test \
                      networks only. Off when unset.",
    },
    VALIDATE_SETTING,
];

/// `validate`: check the API URL and both keys when Terraform configures the provider, as the
/// official Datadog provider's `validate` does.
pub(crate) const VALIDATE_SETTING: Setting = validate_setting(&["DATADOGSIEM_VALIDATE"]);

/// What the `provider` block resolves to.
pub type Settings = settings::Configured<ClientConfig>;

pub fn schema() -> Schema {
    settings::schema(
        SETTINGS,
        "Manages Datadog Cloud SIEM entity context sync configurations: where Cloud SIEM pulls \
         users, groups and devices from.",
    )
}

/// Why `raw` is not a site, with the sites and the likeliest one.
fn not_a_site(raw: &str) -> String {
    let hint = match site::meant(raw) {
        Some(s) => format!(" Did you mean {s:?}?"),
        None => did_you_mean(raw, site::SITES.iter().copied()),
    };
    format!(
        "{raw:?} is not a Datadog site.{hint} Use one of: {}; or set api_url to a full URL.",
        site::SITES.join(", ")
    )
}

/// Why an API URL is refused: its host is a site or the web app, not the API.
fn not_the_api(url: &Url) -> Option<String> {
    let host = url.host_str()?;
    let site = site::meant(host).filter(|_| !host.starts_with("api."))?;
    Some(format!(
        "{host} is the Datadog site or its web app, not its API. Set site = {site:?}, or \
         api_url = \"https://api.{site}\"."
    ))
}

/// Static checks of known values (at validation time nothing is resolved yet).
pub fn validate(config: &Value) -> Diagnostics {
    let mut diags = Diagnostics::new();
    if let Some(raw) = config.get("site").as_str()
        && !site::is_site(raw)
    {
        diags.attribute_error(AttributePath::root("site"), "Invalid site", not_a_site(raw));
    }
    if !config.get("site").is_null() && !config.get("api_url").is_null() {
        diags.attribute_error(
            AttributePath::root("api_url"),
            "Conflicting site and api_url",
            "Set either site (a Datadog site such as \"datadoghq.eu\") or api_url (a full base \
             URL), not both.",
        );
    }
    // Only the syntax here: whether plain http:// is allowed also depends on insecure_http and
    // the environment, which `resolve` sees (still at plan time).
    if let Some(raw) = config.get("api_url").as_str() {
        match parse_url(raw, true) {
            Err(e) => diags.attribute_error(AttributePath::root("api_url"), "Invalid api_url", e),
            Ok(url) => {
                if let Some(e) = not_the_api(&url) {
                    diags.attribute_error(AttributePath::root("api_url"), "Invalid api_url", e);
                }
            }
        }
    }
    client_settings::validate(config, &mut diags);
    diags
}

/// The base URL the resolved settings point at (see the module's rules).
fn base_url(r: &Resolved, diags: &mut Diagnostics) -> Option<Url> {
    let from_site = |diags: &mut Diagnostics| {
        let raw = r.text("site").unwrap_or_else(|| site::DEFAULT_SITE.into());
        site::base_url(&raw).or_else(|| {
            r.invalid("site", not_a_site(&raw), diags);
            None
        })
    };
    let site_configured = r.source("site") == Some(Source::Config);
    match r.text("api_url") {
        Some(raw) if !site_configured => {
            let parsed = parse_url(&raw, r.flag("insecure_http"))
                .and_then(|url| not_the_api(&url).map_or(Ok(url), Err));
            parsed.map_err(|e| r.invalid("api_url", e, diags)).ok()
        }
        _ => from_site(diags),
    }
}

/// Resolve the provider block (with environment fallbacks from `env`) into client settings.
pub fn resolve(
    config: &Value,
    env: &dyn Fn(&str) -> Option<String>,
    user_agent: String,
) -> Result<Settings, Diagnostics> {
    let mut diags = Diagnostics::new();
    let required = ["api_key", "app_key"];
    let r = settings::resolve("datadogsiem", SETTINGS, &required, config, env, &mut diags);
    // The block has no `url`: the engine's client settings take the base URL `site` or
    // `api_url` give (the timeout, retries and CA file as every platform's).
    let url = base_url(&r, &mut diags);
    let client = client_settings::resolve(&r, url.as_ref().map(Url::as_str), &mut diags);
    // Every problem is reported at once; a client is built only when there is none (a
    // missing key was reported by `settings::resolve`).
    let keys = r.text("api_key").zip(r.text("app_key"));
    let (client, (api_key, app_key)) = match (client, keys) {
        (Some(client), Some(keys)) if !diags.has_errors() => (client, keys),
        _ => return Err(diags),
    };
    let mut config = ClientConfig::new(client.url, api_key.into(), app_key.into());
    config.request_timeout = client.request_timeout;
    config.max_retries = client.max_retries;
    config.ca_pem = client.ca_pem;
    config.user_agent = user_agent;
    Ok(Settings::new(config, &r))
}

#[cfg(test)]
mod tests;
