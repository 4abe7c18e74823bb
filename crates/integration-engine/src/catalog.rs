//! The catalog model: a platform's integration types declared as data.
//!
//! A platform supplies one [`Catalog`]: the attributes every one of its resources has (the
//! *frame*: `name`, `description`, `enabled`, ...), the read-only attributes its API reports
//! ([`Computed`]), and one [`IntegrationType`] per resource type, each a list of [`Field`]s with
//! their [`Kind`], [`Presence`], secrecy, [`Mutability`], [`Check`]s and cross-field [`Rule`]s.
//! From it the engine derives, mechanically, the Terraform schema (attribute names are the
//! snake_case of the API keys), the JSON mapping to and from the wire, plan-time validation,
//! secret handling (sensitive + write-only forms), which changes force replacement, import,
//! identity, list resources, generated configuration and the Registry docs. Adding a type is
//! adding an entry, not code.
//!
//! This module knows neither Terraform's wire protocol nor HTTP: it is plain data plus the naming
//! rule.

/// Everything the engine derives a provider's resources from.
#[derive(Debug)]
pub struct Catalog {
    /// The provider's name, e.g. `prismacloud`: the prefix of every type name.
    pub provider: &'static str,
    /// The vendor as messages name it, e.g. `Prisma Cloud`.
    pub vendor: &'static str,
    /// The middle of resource type names: `<provider>_<resource_infix>_<type>`, e.g.
    /// `integration`.
    pub resource_infix: &'static str,
    /// What one object is called in messages and descriptions, e.g. `integration`.
    pub object: &'static str,
    /// Attributes every resource has after `id`, in schema order. Their keys are top-level
    /// keys of the API's object.
    pub frame: &'static [Field],
    /// Read-only attributes the API reports, after the type's fields.
    pub computed: &'static [Computed],
    /// Every resource type.
    pub types: &'static [&'static IntegrationType],
    /// Description of the computed `id` attribute.
    pub id_description: &'static str,
    /// Description of the `id` identity attribute.
    pub identity_description: &'static str,
    /// Which secrets an update sends.
    pub secrets_on_update: SecretsOnUpdate,
    /// Appended to every resource description, e.g. an API's preview notice.
    pub notice: Option<&'static str>,
}

/// Which secrets an update sends (the API never returns them, so the provider decides).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretsOnUpdate {
    /// Every secret kept in state, and a write-only one when its version changed (an absent
    /// key keeps the stored value).
    KeptAndRotated,
    /// Only secrets that changed: a plain one whose value differs from the prior state, a
    /// write-only one whose version changed (a partial update, e.g. PATCH).
    Changed,
    /// Every secret the configuration or state holds, write-only ones included (the update
    /// replaces the whole object, e.g. PUT).
    All,
}

/// One resource type.
#[derive(Debug)]
pub struct IntegrationType {
    /// The resource type's suffix, e.g. `service_now`: the resource is
    /// `<provider>_<resource_infix>_<name>`.
    pub name: &'static str,
    /// The type as the API names it, e.g. `service_now` or `GOOGLE_WORKSPACE`.
    pub wire_type: &'static str,
    /// Human name, e.g. "ServiceNow".
    pub title: &'static str,
    /// What the integration does, from the API documentation (markdown).
    pub summary: &'static str,
    /// The type's own configuration keys.
    pub fields: &'static [Field],
    /// Rules that involve more than one field.
    pub rules: &'static [Rule],
    /// Whether the API offers a test call for this type.
    pub testable: bool,
    /// Extra facts users must know (markdown), e.g. "one per customer".
    pub notes: &'static [&'static str],
}

/// One key: of the frame (top level of the API's object) or of a type's configuration.
#[derive(Debug)]
pub struct Field {
    /// The API key as on the wire (camelCase or snake_case).
    pub key: &'static str,
    pub kind: Kind,
    pub presence: Presence,
    /// The API never returns it; Terraform marks it sensitive and offers a write-only form.
    pub secret: bool,
    pub mutability: Mutability,
    pub checks: &'static [Check],
    /// From the API documentation (markdown).
    pub description: &'static str,
    /// Where the key's wire name comes from when the vendor does not publish it (e.g.
    /// "inferred from the product page's 'Instance URL' field"); `None` for documented keys.
    pub source: Option<&'static str>,
}

/// The shape of a field's value, in Terraform and on the wire.
#[derive(Debug)]
pub enum Kind {
    String,
    Bool,
    Integer,
    /// A map of strings; a JSON object of strings on the wire.
    StringMap,
    /// A set of strings; a JSON array of strings on the wire.
    StringSet,
    /// A JSON object written as JSON text in Terraform (`jsonencode(...)`, `file("x.json")`);
    /// the object itself on the wire. Key order and formatting never make a difference.
    Json,
    /// A set of names in Terraform; on the wire a list of single-key objects carrying `true` for
    /// the chosen names and `false` for the others, in this order.
    Flags(&'static [&'static str]),
    /// One nested object.
    Object(&'static [Field]),
    /// A list of nested objects.
    ObjectList(&'static [Field]),
    /// A list of named entries whose value is a secret when the entry says so (HTTP headers
    /// with a `secure` flag, variables marked sensitive). See [`Entries`].
    Entries(&'static Entries),
}

/// A list of named entries, each with a value and a flag saying whether that value is secret:
/// `[{"key": "X-Source", "value": "prisma"}, {"key": "Authorization", "value": "...", "secure":
/// true}]` on the wire.
///
/// In Terraform the list is one attribute (the field's), shown in plans: every entry with its
/// name, flag and other keys, and the value of each entry that is not secret. The values of the
/// secret entries are a sensitive map by entry name, `secrets` (with the usual write-only form
/// and version, `<secrets>_wo` and `<secrets>_wo_version`), kept in state from the
/// configuration as every secret is: the API never returns them (masked or absent), so a secret
/// entry's value in the list is always null. When neither form is set, an existing object keeps
/// the values the API holds. Order, names and flags round-trip exactly; an update sends a secret
/// entry without its value to keep the one stored (the API's rule for such lists, which
/// [`crate::api::IntegrationRequest::secrets`] addresses by JSON pointer).
#[derive(Debug)]
pub struct Entries {
    /// An entry's keys, as on the wire; `name`, `value` and `secret_flag` are among them. None
    /// is a secret; defaults apply to entries as to top-level keys.
    pub fields: &'static [Field],
    /// The key naming an entry (a string, unique in the list).
    pub name: &'static str,
    /// The key of an entry's value (an optional string: null in a secret entry).
    pub value: &'static str,
    /// The boolean key that makes an entry's value a secret.
    pub secret_flag: &'static str,
    /// The attribute (snake_case) holding the secret entries' values by name.
    pub secrets: &'static str,
    /// Its description (markdown); the engine adds how it relates to the list.
    pub secrets_description: &'static str,
    /// Whether two names that differ only in case name the same entry (HTTP header names).
    pub names_ignore_case: bool,
}

impl Kind {
    /// The fields of each nested object: of an object, a list of objects or a list of entries.
    pub fn nested_fields(&self) -> Option<&'static [Field]> {
        match self {
            Kind::Object(fields) | Kind::ObjectList(fields) => Some(fields),
            Kind::Entries(entries) => Some(entries.fields),
            _ => None,
        }
    }
}

impl Entries {
    /// Whether `a` and `b` name the same entry.
    pub fn same_name(&self, a: &str, b: &str) -> bool {
        if self.names_ignore_case {
            a.eq_ignore_ascii_case(b)
        } else {
            a == b
        }
    }
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
    /// One of these strings (for a set: each element).
    OneOf(&'static [&'static str]),
    /// One of these integers.
    OneOfInteger(&'static [i64]),
    /// An integer within these bounds, both included.
    IntegerRange(i64, i64),
    /// Starts with this prefix.
    Prefix(&'static str),
    /// A UUID.
    Uuid,
    /// An IAM role ARN, `arn:<partition>:iam::<account>:role/<name>`.
    RoleArn,
    /// `s3://bucket/` or `s3://bucket/folder/`.
    S3Uri,
    /// An AWS region code such as `us-east-1` or `us-gov-west-1`: not a display name, not an
    /// availability zone.
    AwsRegion,
    /// A host name or URL without `http://` or `https://`.
    NoScheme,
    /// A host: a DNS name or an IP address, optionally with a `:port` and a path, and no scheme
    /// (`qualysapi.qualys.com`, `10.0.0.5:8443`).
    Host,
    /// An absolute `https://` URL; plain `http://` is accepted with a warning.
    HttpsUrl,
    /// Either form an API takes for a server: a host as for [`Check::Host`], or an absolute
    /// `https://` URL (plain `http://` accepted with a warning).
    HostOrUrl,
    /// Not empty.
    NotEmpty,
    /// A name of `min` to `max` characters starting with a letter or a digit.
    Name { min: usize, max: usize },
    /// A JSON object with at least these keys (for [`Kind::Json`]); the value is never quoted.
    JsonKeys(&'static [&'static str]),
    /// For [`Kind::Json`]: the object's `key`, when present, is the string `value` (a key file's
    /// `"type": "service_account"`). Messages name the key and the expected value, never the
    /// value found: it may be a secret's.
    JsonKeyIs(&'static str, &'static str),
    /// An e-mail address (`local@domain`).
    Email,
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

/// A read-only attribute the API reports (a top-level key of its object).
#[derive(Debug)]
pub struct Computed {
    /// The API key; the attribute is its snake_case.
    pub key: &'static str,
    pub kind: ComputedKind,
    /// Whether an update changes it (so a plan that updates shows it as known after apply).
    pub changes_on_update: bool,
    pub description: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComputedKind {
    String,
    Number,
    Bool,
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
            source: None,
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

    /// Say where an unpublished wire key comes from.
    pub const fn inferred(mut self, source: &'static str) -> Field {
        self.source = Some(source);
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

    /// The entries of a [`Kind::Entries`] field.
    pub fn entries(&self) -> Option<&'static Entries> {
        match self.kind {
            Kind::Entries(e) => Some(e),
            _ => None,
        }
    }

    /// Whether the field carries secrets: it is one, or its entries hold some.
    pub fn holds_secrets(&self) -> bool {
        self.secret || self.entries().is_some()
    }
}

impl Computed {
    /// The Terraform attribute name: the snake_case of the API key.
    pub fn attribute(&self) -> String {
        snake_case(self.key)
    }
}

impl IntegrationType {
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
        self.fields.iter().any(Field::holds_secrets)
    }

    /// Whether a wire key of this type is inferred rather than published.
    pub fn is_inferred(&self) -> bool {
        self.fields.iter().any(|f| f.source.is_some())
    }
}

impl Catalog {
    /// The Terraform resource type name of `ty`.
    pub fn resource_name(&self, ty: &IntegrationType) -> String {
        format!("{}_{}_{}", self.provider, self.resource_infix, ty.name)
    }

    /// A type by its resource suffix.
    pub fn find(&self, name: &str) -> Option<&'static IntegrationType> {
        self.types.iter().copied().find(|t| t.name == name)
    }

    /// A type by the API's name for it (case-insensitive: APIs are not consistent).
    pub fn find_wire(&self, wire_type: &str) -> Option<&'static IntegrationType> {
        self.types
            .iter()
            .copied()
            .find(|t| t.wire_type.eq_ignore_ascii_case(wire_type))
    }

    /// A frame field by key.
    pub fn frame_field(&self, key: &str) -> Option<&'static Field> {
        self.frame.iter().find(|f| f.key == key)
    }

    /// "the Slack integration" / "the Okta entity context sync configuration".
    pub fn describe(&self, ty: &IntegrationType) -> String {
        format!("the {} {}", ty.title, self.object)
    }
}

/// The snake_case of a camelCase API key: `webhookUrl` → `webhook_url`, `apiKeyID` → `api_key_id`,
/// `s3Uri` → `s3_uri`. A run of capitals is one word; snake_case keys stay as they are.
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

mod lint;

pub use lint::lint;

#[cfg(test)]
mod tests;
