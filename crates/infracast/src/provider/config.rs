//! The `provider "infracast"` block: schema, static checks and resolution (each setting falls
//! back to an `INFRACAST_*` environment variable) into client settings.

use integration_engine::client_settings;
use integration_engine::settings::{self, Setting, validate_setting};
use secrecy::SecretString;
use tfplugin::diag::{AttributePath, Diagnostics};
use tfplugin::schema::Schema;
use tfplugin::value::{Type, Value};

use crate::api::{ClientConfig, DEFAULT_URL};

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
        description: client_settings::REQUEST_TIMEOUT,
    },
    Setting {
        attr: "max_retries",
        env: &["INFRACAST_MAX_RETRIES"],
        ty: Type::Number,
        sensitive: false,
        description: client_settings::MAX_RETRIES,
    },
    Setting {
        attr: "ca_file",
        env: &["INFRACAST_CA_FILE"],
        ty: Type::String,
        sensitive: false,
        description: client_settings::CA_FILE,
    },
    Setting {
        attr: "insecure_http",
        env: &["INFRACAST_INSECURE_HTTP"],
        ty: Type::Bool,
        sensitive: false,
        description: client_settings::INSECURE_HTTP,
    },
    VALIDATE_SETTING,
];

/// `validate`: sign in and read the tenant's integrations when Terraform configures the
/// provider (the list a refresh then reads), so that a wrong password, tenant or URL is one
/// plan-time error.
pub(crate) const VALIDATE_SETTING: Setting = validate_setting(&["INFRACAST_VALIDATE"]);

/// What the `provider` block resolves to.
pub type Settings = settings::Configured<ClientConfig>;

pub fn schema() -> Schema {
    settings::schema(
        SETTINGS,
        "Manages Infracast's integrations: where findings, discovery events and POA&M items go \
         (webhooks, Slack, Microsoft Teams, ServiceNow, Splunk, Elastic, Jira) and how users \
         sign in (Okta SSO).\n\n\
         There is no test data source: Infracast's \"Test Connection\" is a button in its UI \
         that runs from Infracast's backend, and no API for it is published. To watch an \
         integration, read its `status` with the `infracast_integration` data source in a \
         `check` block (`status == \"active\"`).",
    )
}

/// Static checks of known values (at validation time nothing is resolved yet).
pub fn validate(config: &Value) -> Diagnostics {
    let mut diags = Diagnostics::new();
    client_settings::validate(config, &mut diags);
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
) -> Result<Settings, Diagnostics> {
    let mut diags = Diagnostics::new();
    let required = ["username", "password", "tenant"];
    let r = settings::resolve("infracast", SETTINGS, &required, config, env, &mut diags);
    let client = client_settings::resolve(&r, Some(DEFAULT_URL), &mut diags);
    let tenant = r.text("tenant").and_then(|t| {
        let t = t.trim().to_owned();
        check_tenant(&t)
            .map_err(|e| r.invalid("tenant", e, &mut diags))
            .ok()
            .map(|()| t)
    });
    match (client, r.text("username"), r.text("password"), tenant) {
        (Some(client), Some(username), Some(password), Some(tenant)) if !diags.has_errors() => {
            let mut config =
                ClientConfig::new(client.url, username, SecretString::from(password), tenant);
            config.request_timeout = client.request_timeout;
            config.max_retries = client.max_retries;
            config.ca_pem = client.ca_pem;
            config.user_agent = user_agent;
            Ok(Settings::new(config, &r))
        }
        _ => Err(diags),
    }
}

#[cfg(test)]
mod tests;
