//! The `provider "prismacloud"` block: schema, static checks and resolution (each setting falls
//! back to an environment variable) into API client settings.

use integration_engine::client_settings;
use integration_engine::settings::{self, Setting, validate_setting};
use secrecy::SecretString;

use crate::api::ClientConfig;
use tfplugin::diag::Diagnostics;
use tfplugin::schema::Schema;
use tfplugin::value::{Type, Value};

pub(crate) static SETTINGS: &[Setting] = &[
    Setting {
        attr: "url",
        env: &["PRISMACLOUD_URL"],
        ty: Type::String,
        sensitive: false,
        description: "Base URL of the Prisma Cloud API, e.g. `https://api.prismacloud.io`. A \
                      bare host name means `https://`. Plain `http://` is accepted only for \
                      loopback addresses such as the local sandbox.",
    },
    Setting {
        attr: "username",
        env: &["PRISMACLOUD_USERNAME"],
        ty: Type::String,
        sensitive: false,
        description: "Access key ID of a Prisma Cloud access key.",
    },
    Setting {
        attr: "password",
        env: &["PRISMACLOUD_PASSWORD"],
        ty: Type::String,
        sensitive: true,
        description: "Secret key of the Prisma Cloud access key.",
    },
    Setting {
        attr: "customer_name",
        env: &["PRISMACLOUD_CUSTOMER_NAME"],
        ty: Type::String,
        sensitive: false,
        description: "Customer (tenant) name, for access keys that belong to several tenants.",
    },
    Setting {
        attr: "prisma_id",
        env: &["PRISMACLOUD_PRISMA_ID"],
        ty: Type::String,
        sensitive: false,
        description: "The tenant's Prisma ID, for the tenant-scoped v1 endpoints \
                      (`/api/v1/tenant/{prisma_id}/integration`) that every type but Okta, Qualys \
                      and Tenable uses. Leave it unset and the provider learns it once per run \
                      (from the login answer, else `GET /license`); only if it cannot be learned \
                      are the classic endpoints used.",
    },
    Setting {
        attr: "request_timeout",
        env: &["PRISMACLOUD_REQUEST_TIMEOUT"],
        ty: Type::String,
        sensitive: false,
        description: "Timeout of one HTTP request, as a duration such as `30s` or `2m`. \
                      Defaults to `30s`.",
    },
    Setting {
        attr: "max_retries",
        env: &["PRISMACLOUD_MAX_RETRIES"],
        ty: Type::Number,
        sensitive: false,
        description: "How many times a request is retried after a rate limit (429), a server \
                      error (5xx) or a network failure, with exponential backoff that honours \
                      `Retry-After`. Defaults to `5`.",
    },
    Setting {
        attr: "ca_file",
        env: &["PRISMACLOUD_CA_FILE"],
        ty: Type::String,
        sensitive: false,
        description: "Path of a PEM file with the certificate(s) of a private certificate \
                      authority to trust, in addition to the system's, when the API sits behind \
                      a TLS proxy or gateway with a private CA. TLS certificates are always \
                      verified.",
    },
    Setting {
        attr: "insecure_http",
        env: &["PRISMACLOUD_INSECURE_HTTP"],
        ty: Type::Bool,
        sensitive: false,
        description: "Allow a plain `http://` url to a host that is not a loopback address. \
                      Credentials and secrets then travel unencrypted: only for test set-ups \
                      behind a trusted network. Defaults to `false`.",
    },
    VALIDATE_SETTING,
];

/// `validate`: check the url and credentials when Terraform configures the provider.
pub(crate) const VALIDATE_SETTING: Setting = validate_setting(&["PRISMACLOUD_VALIDATE"]);

/// What the `provider` block resolves to.
pub type Settings = settings::Configured<ClientConfig>;

/// The provider's description (the Registry's index page): what it does, then what Terraform
/// cannot do here and what to do instead.
const DESCRIPTION: &str = "Manages where Prisma Cloud sends alerts: its integrations.

What Terraform cannot do here, and what to do instead:

- **Jira integrations are not offered.** Prisma Cloud connects to Jira through an interactive \
OAuth authorization (someone signs in to Jira in a browser and approves Prisma Cloud's access), \
which no plan or apply can carry out. Set the Jira integration up in the Prisma Cloud console and \
keep it out of Terraform; where your configuration needs its ID (for an alert rule), read it with \
the `prismacloud_integration` data source by name. Coming from PaloAltoNetworks' provider, drop \
it from the state with a `removed` block (`lifecycle { destroy = false }`).
- **No `create_before_destroy` when an integration is replaced.** Integration names are unique, \
so the new integration cannot be created while the old one holds the name. Changes that replace \
one: ServiceNow `host_url`, and every Amazon SQS or Azure Service Bus Queue argument but \
`queue_url`. Let Terraform destroy, then create; or change `name` in the same change.
- **`terraform query -generate-config-out` also lists the integrations this workspace already \
manages**, and would import them a second time: filter each list block by `name` (see the guide \
Adopting existing integrations).
- **A `check` block that reads a data source makes `terraform plan -detailed-exitcode` exit 2 on \
every plan**, changes or not: Terraform reads that data source during apply. See the \
`prismacloud_integration_test` data source for what to do.";

pub fn schema() -> Schema {
    settings::schema(SETTINGS, DESCRIPTION)
}

/// Static checks of known values (at validation time nothing is resolved yet).
pub fn validate(config: &Value) -> Diagnostics {
    let mut diags = Diagnostics::new();
    // Only the syntax here: whether plain http:// is allowed also depends on insecure_http and
    // the environment, which `resolve` sees (still at plan time).
    client_settings::validate(config, &mut diags);
    diags
}

/// Resolve the provider block (with environment fallbacks from `env`) into client settings.
pub fn resolve(
    config: &Value,
    env: &dyn Fn(&str) -> Option<String>,
    user_agent: String,
) -> Result<Settings, Diagnostics> {
    let mut diags = Diagnostics::new();
    let required = ["url", "username", "password"];
    let r = settings::resolve("prismacloud", SETTINGS, &required, config, env, &mut diags);
    let shared = client_settings::resolve(&r, None, &mut diags);
    let (Some(shared), Some(username), Some(password)) =
        (shared, r.text("username"), r.text("password"))
    else {
        return Err(diags);
    };
    if diags.has_errors() {
        return Err(diags);
    }
    let mut client = ClientConfig::new(shared.url, username, SecretString::from(password));
    client.customer_name = r.text("customer_name");
    client.prisma_id = r.text("prisma_id");
    client.request_timeout = shared.request_timeout;
    client.max_retries = shared.max_retries;
    client.user_agent = user_agent;
    client.ca_pem = shared.ca_pem;
    Ok(Settings::new(client, &r))
}

#[cfg(test)]
mod tests;
