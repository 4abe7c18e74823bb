//! The integration catalog: every Prisma Cloud integration type declared as data.
//!
//! One [`IntegrationType`] entry per `integrationType` of the API documentation. From an entry the
//! provider derives, mechanically, the Terraform schema (attribute names are the snake_case of
//! the API keys), the JSON mapping to and from `integrationConfig`, plan-time validation, secret
//! handling (sensitive + write-only forms) and which changes force replacement. Adding a type is
//! adding an entry, not code.
//!
//! This module knows neither Terraform's wire protocol nor HTTP: it is plain data plus the naming
//! rule.

mod types;

pub use types::ALL;

/// One integration type.
#[derive(Debug)]
pub struct IntegrationType {
    /// The API's `integrationType`, e.g. `service_now`. The resource is
    /// `prismacloud_integration_<name>`.
    pub name: &'static str,
    /// Human name, e.g. "ServiceNow".
    pub title: &'static str,
    /// What the integration does, from the API documentation (markdown).
    pub summary: &'static str,
    pub fields: &'static [Field],
    /// Rules that involve more than one field.
    pub rules: &'static [Rule],
    /// Whether the API offers a test call for this type (Cortex XSOAR does not).
    pub testable: bool,
    /// Extra facts users must know (markdown), e.g. "one per customer".
    pub notes: &'static [&'static str],
}

/// One key of `integrationConfig`.
#[derive(Debug)]
pub struct Field {
    /// The API key, camelCase as on the wire.
    pub key: &'static str,
    pub kind: Kind,
    pub presence: Presence,
    /// The API never returns it; Terraform marks it sensitive and offers a write-only form.
    pub secret: bool,
    pub mutability: Mutability,
    pub checks: &'static [Check],
    /// From the API documentation (markdown).
    pub description: &'static str,
}

/// The shape of a field's value, in Terraform and on the wire.
#[derive(Debug)]
pub enum Kind {
    String,
    Bool,
    Integer,
    /// A map of strings; a JSON object of strings on the wire.
    StringMap,
    /// A set of names in Terraform; on the wire a list of single-key objects carrying `true` for
    /// the chosen names and `false` for the others, in this order.
    Flags(&'static [&'static str]),
    /// One nested object.
    Object(&'static [Field]),
    /// A list of nested objects.
    ObjectList(&'static [Field]),
}

#[derive(Debug)]
pub enum Presence {
    Required,
    Optional,
    /// Optional; the API applies this default when the key is absent.
    Default(DefaultValue),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DefaultValue {
    Bool(bool),
    Integer(i64),
    String(&'static str),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mutability {
    /// Updated in place.
    Mutable,
    /// The API refuses to change it: a change replaces the integration.
    ForcesReplacement,
}

/// A check on one value; each names what is wrong and how to fix it.
#[derive(Debug)]
pub enum Check {
    /// One of these strings.
    OneOf(&'static [&'static str]),
    /// One of these integers.
    OneOfInteger(&'static [i64]),
    /// Starts with this prefix.
    Prefix(&'static str),
    /// A UUID.
    Uuid,
    /// An IAM role ARN, `arn:<partition>:iam::<account>:role/<name>`.
    RoleArn,
    /// `s3://bucket/` or `s3://bucket/folder/`.
    S3Uri,
    /// A host name or URL without `http://` or `https://`.
    NoScheme,
    /// An absolute `https://` URL; plain `http://` is accepted with a warning.
    HttpsUrl,
    /// Not empty.
    NotEmpty,
}

/// A rule across fields, named by their API keys.
#[derive(Debug)]
pub enum Rule {
    /// `field` is required when `other` equals `value`.
    RequiredWhenEquals {
        field: &'static str,
        other: &'static str,
        value: &'static str,
    },
    /// `field` is required when the boolean `flag` is true.
    RequiredWhenTrue {
        field: &'static str,
        flag: &'static str,
    },
    /// Either all of these are set, or none.
    Together(&'static [&'static str]),
    /// Exactly one of these is set.
    ExactlyOne(&'static [&'static str]),
    /// Fields of the first group may not be combined with fields of the second.
    Exclusive(&'static [&'static str], &'static [&'static str]),
}

impl Field {
    /// A required key.
    pub const fn required(key: &'static str, kind: Kind, description: &'static str) -> Field {
        Field {
            key,
            kind,
            presence: Presence::Required,
            secret: false,
            mutability: Mutability::Mutable,
            checks: &[],
            description,
        }
    }

    /// An optional key without a default.
    pub const fn optional(key: &'static str, kind: Kind, description: &'static str) -> Field {
        Field {
            presence: Presence::Optional,
            ..Field::required(key, kind, description)
        }
    }

    /// An optional key the API defaults when absent.
    pub const fn defaulted(
        key: &'static str,
        kind: Kind,
        default: DefaultValue,
        description: &'static str,
    ) -> Field {
        Field {
            presence: Presence::Default(default),
            ..Field::required(key, kind, description)
        }
    }

    /// Mark as a secret (sensitive, never returned by the API, write-only form offered).
    pub const fn secret(mut self) -> Field {
        self.secret = true;
        self
    }

    /// Mark as immutable: changing it replaces the integration.
    pub const fn immutable(mut self) -> Field {
        self.mutability = Mutability::ForcesReplacement;
        self
    }

    pub const fn checked(mut self, checks: &'static [Check]) -> Field {
        self.checks = checks;
        self
    }

    /// The Terraform attribute name: the snake_case of the API key.
    pub fn attribute(&self) -> String {
        snake_case(self.key)
    }

    pub fn is_required(&self) -> bool {
        matches!(self.presence, Presence::Required)
    }

    pub fn default(&self) -> Option<DefaultValue> {
        match self.presence {
            Presence::Default(d) => Some(d),
            _ => None,
        }
    }
}

impl IntegrationType {
    /// The Terraform resource type name.
    pub fn resource_name(&self, provider: &str) -> String {
        format!("{provider}_integration_{}", self.name)
    }

    pub fn field(&self, key: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// Whether any field forces replacement when it changes.
    pub fn has_immutable_fields(&self) -> bool {
        self.fields
            .iter()
            .any(|f| f.mutability == Mutability::ForcesReplacement)
    }

    pub fn has_secrets(&self) -> bool {
        self.fields.iter().any(|f| f.secret)
    }
}

/// Look an integration type up by its API name.
pub fn find(name: &str) -> Option<&'static IntegrationType> {
    ALL.iter().copied().find(|t| t.name == name)
}

/// The snake_case of a camelCase API key: `webhookUrl` → `webhook_url`, `apiKeyID` → `api_key_id`,
/// `s3Uri` → `s3_uri`. A run of capitals is one word.
pub fn snake_case(key: &str) -> String {
    let chars: Vec<char> = key.chars().collect();
    let mut out = String::with_capacity(key.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let prev = i.checked_sub(1).map(|p| chars[p]);
            let next = chars.get(i + 1);
            let starts_word = match prev {
                None => false,
                Some(p) if p.is_ascii_lowercase() || p.is_ascii_digit() => true,
                Some(p) if p.is_ascii_uppercase() => next.is_some_and(|n| n.is_ascii_lowercase()),
                Some(_) => false,
            };
            if starts_word {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests;
