//! Every integration `type` the sandbox accepts and its config keys.
//!
//! `webhook` is Infracast's documented body: `url`, `secret`, `events` required, `filters` and
//! `headers` optional, `timeout_seconds` defaulting to 30. The others are not published: the
//! sandbox accepts them as the API's conventions (lowercase type names, snake_case keys) and the
//! product pages' fields make them, and says so in its README. A change of mind about one of
//! them is a change here and in the provider's catalog, which the acceptance tests then check
//! against each other.

use super::Need::{Optional, Required};
use super::Shape::{Certificate, Events, Filters, Seconds, Severity, Strings, Url};
use super::{Combo, Fallback, Key, Need, Shape, TypeRules};

/// Stored with `value` when absent.
const fn default(value: Fallback) -> Need {
    Need::Default(value)
}

const fn key(name: &'static str, shape: Shape, need: Need) -> Key {
    Key {
        name,
        shape,
        need,
        secret: false,
    }
}

const fn secret(name: &'static str, shape: Shape, need: Need) -> Key {
    Key {
        name,
        shape,
        need,
        secret: true,
    }
}

/// Every type, by name.
pub static ALL: &[&TypeRules] = &[
    &WEBHOOK,
    &SERVICENOW,
    &SPLUNK,
    &ELASTIC,
    &JIRA,
    &SLACK,
    &MICROSOFT_TEAMS,
    &OKTA_SSO,
];

/// The rules of `type`, if the API knows it.
pub fn find(name: &str) -> Option<&'static TypeRules> {
    ALL.iter().copied().find(|t| t.name == name)
}

static WEBHOOK: TypeRules = TypeRules {
    name: "webhook",
    keys: &[
        key("url", Url, Required),
        secret("secret", Shape::Text, Required),
        key("events", Events, Required),
        key("filters", Filters, Optional),
        key("headers", Strings, Optional),
        key("timeout_seconds", Seconds, default(Fallback::Integer(30))),
    ],
    combos: &[],
    targets: &["url"],
};

static SERVICENOW: TypeRules = TypeRules {
    name: "servicenow",
    keys: &[
        key("instance_url", Url, Required),
        key("username", Shape::Text, Optional),
        secret("password", Shape::Text, Optional),
        secret("oauth_token", Shape::Text, Optional),
        key(
            "cmdb_sync_enabled",
            Shape::Bool,
            default(Fallback::Bool(false)),
        ),
        key("ci_class_mapping", Strings, Optional),
        key(
            "incident_creation_enabled",
            Shape::Bool,
            default(Fallback::Bool(false)),
        ),
        key("incident_assignment_group", Shape::Text, Optional),
        key("minimum_severity", Severity, Optional),
        key(
            "poam_sync_enabled",
            Shape::Bool,
            default(Fallback::Bool(false)),
        ),
    ],
    combos: &[
        Combo::ExactlyOne(&["password", "oauth_token"]),
        Combo::Together(&["username", "password"]),
    ],
    targets: &["instance_url"],
};

static SPLUNK: TypeRules = TypeRules {
    name: "splunk",
    keys: &[
        key("hec_url", Url, Required),
        secret("hec_token", Shape::Text, Required),
        key("index", Shape::Text, Optional),
        key(
            "source_type",
            Shape::Text,
            default(Fallback::Text("infracast:finding")),
        ),
        key("tls_verify", Shape::Bool, default(Fallback::Bool(true))),
        key("events", Events, Optional),
        key("minimum_severity", Severity, Optional),
    ],
    combos: &[],
    targets: &["hec_url"],
};

static ELASTIC: TypeRules = TypeRules {
    name: "elastic",
    keys: &[
        key("instance_url", Url, Required),
        secret("api_key", Shape::Text, Optional),
        key("username", Shape::Text, Optional),
        secret("password", Shape::Text, Optional),
    ],
    combos: &[
        Combo::ExactlyOne(&["api_key", "password"]),
        Combo::Together(&["username", "password"]),
    ],
    targets: &["instance_url"],
};

static JIRA: TypeRules = TypeRules {
    name: "jira",
    keys: &[
        key("instance_url", Url, Required),
        secret("api_key", Shape::Text, Optional),
        key("username", Shape::Text, Required),
        secret("password", Shape::Text, Optional),
    ],
    combos: &[Combo::ExactlyOne(&["api_key", "password"])],
    targets: &["instance_url"],
};

static SLACK: TypeRules = TypeRules {
    name: "slack",
    keys: &[
        secret("webhook_url", Url, Required),
        key("events", Events, Required),
    ],
    combos: &[],
    targets: &["webhook_url"],
};

static MICROSOFT_TEAMS: TypeRules = TypeRules {
    name: "microsoft_teams",
    keys: &[
        secret("webhook_url", Url, Required),
        key("events", Events, Required),
    ],
    combos: &[],
    targets: &["webhook_url"],
};

static OKTA_SSO: TypeRules = TypeRules {
    name: "okta_sso",
    keys: &[
        key("sso_url", Url, Optional),
        key("entity_id", Shape::Text, Optional),
        key("x509_certificate", Certificate, Optional),
        key(
            "email_attribute",
            Shape::Text,
            default(Fallback::Text("email")),
        ),
        key(
            "first_name_attribute",
            Shape::Text,
            default(Fallback::Text("firstName")),
        ),
        key(
            "last_name_attribute",
            Shape::Text,
            default(Fallback::Text("lastName")),
        ),
        key(
            "groups_attribute",
            Shape::Text,
            default(Fallback::Text("groups")),
        ),
        key("discovery_url", Url, Optional),
        key("client_id", Shape::Text, Optional),
        secret("client_secret", Shape::Text, Optional),
    ],
    combos: &[
        Combo::ExactlyOne(&["sso_url", "discovery_url"]),
        Combo::Together(&["sso_url", "entity_id", "x509_certificate"]),
        Combo::Together(&["discovery_url", "client_id", "client_secret"]),
    ],
    targets: &["sso_url", "discovery_url"],
};
