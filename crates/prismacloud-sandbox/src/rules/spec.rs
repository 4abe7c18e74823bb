//! The `integrationConfig` keys of every type, written from the API documentation in wire terms.
//!
//! Each key says its JSON kind, an optional format, whether it is required, optional or
//! defaulted, and whether it is a secret (never returned by reads). Rules that involve several
//! keys live in `cross.rs`; mutability is [`key_mutable`].

use serde_json::Value;

use crate::integration_type::IntegrationType;

/// The JSON shape a key's value must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A JSON string.
    Str,
    /// A JSON boolean.
    Bool,
    /// 15, 30, 60 or 180, as a number or a numeric string; stored as a number.
    RollUpInterval,
    /// A non-empty list of AWS region objects.
    Regions,
    /// One AWS region object `{name, apiIdentifier, cloudType, sdkId, enabled}`.
    Region,
    /// ServiceNow tables: single-key objects `{incident|sn_si_incident|em_event: bool}`.
    Tables,
    /// Webhook custom payloads: a non-empty object of string values.
    CustomPayloads,
    /// Webhook headers: `[{key, value, secure, readOnly}]`; secure values are secrets.
    Headers,
}

/// A format a string value must follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Any,
    /// An absolute `http://` or `https://` URL with a host.
    HttpUrl,
    /// A URL starting with `https://hooks.slack.com/`.
    SlackWebhook,
    /// A host (and path) without `http://` or `https://`: a DNS name or an IP address, an
    /// optional port, an optional path.
    NoScheme,
    /// What [`Format::NoScheme`] takes, or an absolute `http://` or `https://` URL: the
    /// documentation calls these keys URLs, then describes them as an FQDN or an instance name.
    HostOrHttpUrl,
    /// An AWS region code, e.g. `us-east-1`.
    AwsRegion,
    /// `arn:<partition>:iam::<12 digits>:role/<name>`.
    IamRoleArn,
    /// `s3://bucket/` or `s3://bucket/folder/`.
    S3Uri,
    /// A hyphenated UUID.
    Uuid,
    /// `"6.0"` or `"8.0"`.
    DemistoVersion,
}

/// What happens when a key is absent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Presence {
    Required,
    Optional,
    /// Absent means this value, which is stored so that reads return it.
    Defaulted(Fallback),
}

/// A default value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Fallback {
    Int(i64),
    Str(&'static str),
    Bool(bool),
}

impl Fallback {
    pub(crate) fn value(self) -> Value {
        match self {
            Fallback::Int(n) => Value::from(n),
            Fallback::Str(s) => Value::from(s),
            Fallback::Bool(b) => Value::from(b),
        }
    }
}

/// One `integrationConfig` key.
#[derive(Debug, Clone, Copy)]
pub(crate) struct KeySpec {
    pub(crate) key: &'static str,
    pub(crate) kind: Kind,
    pub(crate) format: Format,
    pub(crate) presence: Presence,
    pub(crate) secret: bool,
}

const fn key(key: &'static str, kind: Kind, presence: Presence) -> KeySpec {
    KeySpec {
        key,
        kind,
        format: Format::Any,
        presence,
        secret: false,
    }
}

const fn required(name: &'static str) -> KeySpec {
    key(name, Kind::Str, Presence::Required)
}

const fn optional(name: &'static str) -> KeySpec {
    key(name, Kind::Str, Presence::Optional)
}

impl KeySpec {
    const fn format(self, format: Format) -> KeySpec {
        KeySpec { format, ..self }
    }

    const fn secret(self) -> KeySpec {
        KeySpec {
            secret: true,
            ..self
        }
    }
}

const ROLL_UP: KeySpec = key(
    "rollUpInterval",
    Kind::RollUpInterval,
    Presence::Defaulted(Fallback::Int(60)),
);

const AWS_SECURITY_HUB: &[KeySpec] = &[
    key("regions", Kind::Regions, Presence::Required),
    key("defaultRegion", Kind::Region, Presence::Optional),
    required("accountId"),
];
const AWS_SDL: &[KeySpec] = &[
    required("s3Uri").format(Format::S3Uri),
    required("region").format(Format::AwsRegion),
    required("roleArn").format(Format::IamRoleArn),
    required("externalId").format(Format::Uuid),
];
const AWS_S3: &[KeySpec] = &[
    required("s3Uri").format(Format::S3Uri),
    required("region").format(Format::AwsRegion),
    required("roleArn").format(Format::IamRoleArn),
    required("externalId").format(Format::Uuid),
    ROLL_UP,
];
const AMAZON_SQS: &[KeySpec] = &[
    required("queueUrl").format(Format::HttpUrl),
    key(
        "moreInfo",
        Kind::Bool,
        Presence::Defaulted(Fallback::Bool(false)),
    ),
    optional("accessKey").secret(),
    optional("secretKey").secret(),
    optional("roleArn").format(Format::IamRoleArn),
    optional("externalId").format(Format::Uuid),
];
const AZURE_SERVICE_BUS_QUEUE: &[KeySpec] = &[
    required("queueUrl").format(Format::HttpUrl),
    optional("accountId"),
    optional("connectionString").secret(),
];
const DEMISTO: &[KeySpec] = &[
    required("hostUrl").format(Format::HostOrHttpUrl),
    required("apiKey").secret(),
    required("demistoVersion").format(Format::DemistoVersion),
    optional("apiKeyID"),
];
const GOOGLE_CSCC: &[KeySpec] = &[required("orgId"), required("sourceId")];
const MICROSOFT_TEAMS: &[KeySpec] = &[required("url").format(Format::HttpUrl).secret()];
const OKTA: &[KeySpec] = &[
    required("domain").format(Format::NoScheme),
    required("apiToken").secret(),
];
const PAGER_DUTY: &[KeySpec] = &[required("integrationKey").secret()];
const QUALYS: &[KeySpec] = &[
    required("login"),
    required("baseUrl").format(Format::NoScheme),
    required("password").secret(),
];
const SERVICE_NOW: &[KeySpec] = &[
    required("hostUrl").format(Format::HostOrHttpUrl),
    required("login"),
    required("password").secret(),
    key("tables", Kind::Tables, Presence::Required),
];
const SLACK: &[KeySpec] = &[required("webhookUrl").format(Format::SlackWebhook).secret()];
const SNOWFLAKE: &[KeySpec] = &[
    required("hostUrl").format(Format::HostOrHttpUrl),
    optional("username"),
    required("pipename"),
    required("stagingIntegrationId"),
    required("privateKey").secret(),
    optional("passphrase").secret(),
    ROLL_UP,
];
const SPLUNK: &[KeySpec] = &[
    required("url").format(Format::HttpUrl),
    required("authToken").secret(),
    key(
        "sourceType",
        Kind::Str,
        Presence::Defaulted(Fallback::Str("_json")),
    ),
];
const TENABLE: &[KeySpec] = &[
    required("accessKey").secret(),
    required("secretKey").secret(),
];
const WEBHOOK: &[KeySpec] = &[
    required("url").format(Format::HttpUrl),
    required("authToken").secret(),
    key(
        "isCustomPayloadEnabled",
        Kind::Bool,
        Presence::Defaulted(Fallback::Bool(false)),
    ),
    key("customPayloads", Kind::CustomPayloads, Presence::Optional),
    key("headers", Kind::Headers, Presence::Optional),
];

/// The keys `ty` accepts in `integrationConfig`.
pub(crate) fn keys(ty: IntegrationType) -> &'static [KeySpec] {
    use IntegrationType as T;
    match ty {
        T::AwsSecurityHub => AWS_SECURITY_HUB,
        T::AwsSdl => AWS_SDL,
        T::AwsS3 => AWS_S3,
        T::AmazonSqs => AMAZON_SQS,
        T::AzureServiceBusQueue => AZURE_SERVICE_BUS_QUEUE,
        T::Demisto => DEMISTO,
        T::GoogleCscc => GOOGLE_CSCC,
        T::MicrosoftTeams => MICROSOFT_TEAMS,
        T::Okta => OKTA,
        T::PagerDuty => PAGER_DUTY,
        T::Qualys => QUALYS,
        T::ServiceNow => SERVICE_NOW,
        T::Slack => SLACK,
        T::Snowflake => SNOWFLAKE,
        T::Splunk => SPLUNK,
        T::Tenable => TENABLE,
        T::Webhook => WEBHOOK,
    }
}

/// Whether an update may change `key` of a `ty` integration: ServiceNow's `hostUrl` is fixed;
/// Amazon SQS and Azure Service Bus allow only `queueUrl` to change.
pub(crate) fn key_mutable(ty: IntegrationType, key: &str) -> bool {
    match ty {
        IntegrationType::ServiceNow => key != "hostUrl",
        IntegrationType::AmazonSqs | IntegrationType::AzureServiceBusQueue => key == "queueUrl",
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn every_type_has_unique_camel_case_keys() {
        for ty in IntegrationType::all() {
            let specs = keys(ty);
            assert!(!specs.is_empty(), "{ty:?}");
            let names: HashSet<_> = specs.iter().map(|k| k.key).collect();
            assert_eq!(names.len(), specs.len(), "duplicate key in {ty:?}");
            for spec in specs {
                assert!(
                    spec.key.chars().all(|c| c.is_ascii_alphanumeric())
                        && spec.key.starts_with(|c: char| c.is_ascii_lowercase()),
                    "{ty:?}.{} is not camelCase",
                    spec.key
                );
                assert!(
                    !spec.secret || spec.kind == Kind::Str,
                    "secrets are strings"
                );
            }
        }
    }

    #[test]
    fn the_documented_secrets_are_marked() {
        let secrets: Vec<String> = IntegrationType::all()
            .flat_map(|ty| {
                keys(ty)
                    .iter()
                    .filter(|k| k.secret)
                    .map(move |k| format!("{}.{}", ty.wire_name(), k.key))
            })
            .collect();
        assert_eq!(
            secrets,
            [
                "amazon_sqs.accessKey",
                "amazon_sqs.secretKey",
                "azure_service_bus_queue.connectionString",
                "demisto.apiKey",
                "microsoft_teams.url",
                "okta.apiToken",
                "pager_duty.integrationKey",
                "qualys.password",
                "service_now.password",
                "slack.webhookUrl",
                "snowflake.privateKey",
                "snowflake.passphrase",
                "splunk.authToken",
                "tenable.accessKey",
                "tenable.secretKey",
                "webhook.authToken",
            ]
        );
    }

    #[test]
    fn mutability_follows_the_documentation() {
        assert!(!key_mutable(IntegrationType::ServiceNow, "hostUrl"));
        assert!(key_mutable(IntegrationType::ServiceNow, "tables"));
        assert!(key_mutable(IntegrationType::AmazonSqs, "queueUrl"));
        assert!(!key_mutable(IntegrationType::AmazonSqs, "roleArn"));
        assert!(!key_mutable(
            IntegrationType::AzureServiceBusQueue,
            "connectionString"
        ));
        assert!(key_mutable(IntegrationType::Slack, "webhookUrl"));
    }
}
