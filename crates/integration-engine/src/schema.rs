//! Terraform schemas derived from catalog entries.
//!
//! Every resource of a platform has the same frame — `id`, then the catalog's frame fields
//! (`name`, `description`, `enabled`, ...), then its type's configuration keys, then the
//! read-only attributes the API reports — and each secret key comes as three attributes:
//! `<name>` (sensitive, kept in state), `<name>_wo` (write-only) and `<name>_wo_version`
//! (changing it sends the write-only value again). A list of entries ([`Kind::Entries`]) is its
//! own attribute, shown in plans, followed by the same triplet for its secret values: maps by
//! entry name, named after the catalog's `secrets`. Defaults of nested keys are optional and
//! computed, as top-level ones: the plan fills them in.

use crate::catalog::{
    Catalog, Computed, ComputedKind, DefaultValue, Field, IntegrationType, Kind, Mutability,
    Presence as Need, SecretsOnUpdate, snake_case,
};
use tfplugin::schema::{Attribute, Block, Nesting, Presence, Schema};
use tfplugin::value::{Type, Value};

impl ComputedKind {
    pub fn value_type(self) -> Type {
        match self {
            ComputedKind::String => Type::String,
            ComputedKind::Number => Type::Number,
            ComputedKind::Bool => Type::Bool,
        }
    }
}

/// The schema attribute of a computed (read-only) attribute.
pub fn computed_attribute(c: &Computed) -> Attribute {
    Attribute::new(c.attribute(), c.kind.value_type(), Presence::Computed)
        .description(c.description)
}

/// Names of the three attributes that carry one field's secrets.
pub struct SecretNames {
    pub plain: String,
    pub write_only: String,
    pub version: String,
}

/// The secret triplet of a field that holds secrets ([`Field::holds_secrets`]): named after the
/// field for a secret field, after its `secrets` attribute for [`Kind::Entries`].
pub fn secret_names(field: &Field) -> SecretNames {
    let plain = match field.entries() {
        Some(entries) => entries.secrets.to_string(),
        None => field.attribute(),
    };
    SecretNames {
        write_only: format!("{plain}_wo"),
        version: format!("{plain}_wo_version"),
        plain,
    }
}

/// The Terraform type of a field's secret (of both its plain and write-only forms): the
/// field's own type, or a map of strings (the secret entries' values by name).
pub fn secret_type(field: &Field) -> Type {
    match field.kind {
        Kind::Entries(_) => Type::map(Type::String),
        _ => field_type(field),
    }
}

/// The Terraform value of a catalog default.
pub fn default_value(d: DefaultValue) -> Value {
    match d {
        DefaultValue::Bool(b) => Value::Bool(b),
        DefaultValue::Integer(i) => Value::int(i),
        DefaultValue::String(s) => Value::string(s),
    }
}

/// The Terraform type of a field's values.
pub fn field_type(field: &Field) -> Type {
    field_attribute(field).value_type()
}

fn kind_attribute(name: String, kind: &Kind, presence: Presence) -> Attribute {
    match kind {
        Kind::String => Attribute::new(name, Type::String, presence),
        Kind::Bool => Attribute::new(name, Type::Bool, presence),
        Kind::Integer => Attribute::new(name, Type::Number, presence),
        Kind::StringMap => Attribute::new(name, Type::map(Type::String), presence),
        Kind::Flags(_) | Kind::StringSet => Attribute::new(name, Type::set(Type::String), presence),
        Kind::Json => Attribute::new(name, Type::String, presence),
        Kind::Object(fields) => Attribute::nested(name, Nesting::Single, nested(fields), presence),
        Kind::ObjectList(fields) => {
            Attribute::nested(name, Nesting::List, nested(fields), presence)
        }
        Kind::Entries(entries) => {
            Attribute::nested(name, Nesting::List, nested(entries.fields), presence)
        }
    }
}

fn nested(fields: &[Field]) -> Vec<Attribute> {
    fields.iter().map(field_attribute).collect()
}

fn describe(field: &Field) -> String {
    let mut text = field.description.to_string();
    if let Some(e) = field.entries() {
        let attr = |key: &str| snake_case(key);
        text.push_str(&format!(
            " An entry whose `{flag}` is true holds a secret: leave its `{value}` unset here and \
             set it in `{secrets}` (or `{secrets}_wo`) under its `{name}`.",
            flag = attr(e.secret_flag),
            value = attr(e.value),
            name = attr(e.name),
            secrets = e.secrets,
        ));
    }
    if let Some(d) = field.default() {
        let shown = match default_value(d) {
            Value::String(s) => format!("\"{s}\""),
            other => other.to_json().to_string(),
        };
        text.push_str(&format!(" Defaults to `{shown}`."));
    }
    if field.mutability == Mutability::ForcesReplacement {
        text.push_str(" Changing it forces replacement.");
    }
    if let Some(source) = field.source {
        text.push_str(&format!(
            " Preview: the wire key `{}` is inferred from {source}.",
            field.key
        ));
    }
    text
}

/// The paragraph a resource of a type with inferred wire keys carries.
pub fn inferred_notice(catalog: &Catalog) -> String {
    format!(
        "**Preview:** wire format inferred from the product's documentation; report a mismatch. \
         {} does not publish this {} type's API keys or type name: each attribute marked \
         \"Preview\" says where its key comes from.",
        catalog.vendor, catalog.object
    )
}

fn field_attribute(field: &Field) -> Attribute {
    let presence = match field.presence {
        Need::Required if field.secret => Presence::Optional,
        Need::Required => Presence::Required,
        Need::Optional => Presence::Optional,
        Need::Default(_) => Presence::OptionalComputed,
    };
    kind_attribute(field.attribute(), &field.kind, presence).description(describe(field))
}

/// The attributes one catalog field contributes: the field's own, then its secret triplet.
fn field_attributes(catalog: &Catalog, field: &Field) -> Vec<Attribute> {
    if !field.holds_secrets() {
        return vec![field_attribute(field)];
    }
    let names = secret_names(field);
    let either = if field.is_required() {
        format!(
            " Creating the {object} needs exactly one of `{}` and `{}`; an existing \
             (imported) {object} may leave both unset to keep the secret {vendor} holds.",
            names.plain,
            names.write_only,
            object = catalog.object,
            vendor = catalog.vendor,
        )
    } else {
        format!(
            " At most one of `{}` and `{}` may be set.",
            names.plain, names.write_only
        )
    };
    let (mut attributes, plain_description, sent) = match field.entries() {
        None => (
            Vec::new(),
            format!(
                "{} The API never returns it, so Terraform keeps the configured value and cannot \
                 detect changes made outside Terraform.{either}",
                describe(field)
            ),
            String::new(),
        ),
        Some(e) => (
            vec![field_attribute(field)],
            format!(
                "{} Each key is the `{name}` of a `{list}` entry whose `{flag}` is true. The API \
                 never returns these values, so Terraform keeps the configured ones and cannot \
                 detect changes made outside Terraform. Left unset (and `{wo}` too), an \
                 existing {object} keeps the values {vendor} holds; an entry new to it needs \
                 its value.{either}",
                e.secrets_description,
                list = field.attribute(),
                flag = snake_case(e.secret_flag),
                name = snake_case(e.name),
                wo = names.write_only,
                object = catalog.object,
                vendor = catalog.vendor,
            ),
            format!(
                " The value of an entry new to the {} is sent too: none is stored to keep.",
                catalog.object
            ),
        ),
    };
    attributes.extend([
        Attribute::new(names.plain.clone(), secret_type(field), Presence::Optional)
            .sensitive(true)
            .description(plain_description),
        Attribute::new(
            names.write_only.clone(),
            secret_type(field),
            Presence::Optional,
        )
        // Always null in state, so the flag costs state size (docs/performance.md measures it)
        // and protects little; but never drop it: Terraform would plan an in-place update of
        // every resource whose state was written with it (a sensitivity change).
        .sensitive(true)
        .write_only(true)
        .description(format!(
            "Write-only form of `{}` (Terraform 1.11 and later): never stored in plan or \
             state. A saved plan does keep the values of the variables it was made with, so \
             feed it from an `ephemeral` variable to keep the secret out of saved plans too. \
             {}{sent}{either}",
            names.plain,
            when_sent(catalog, &names.version)
        )),
        Attribute::new(names.version.clone(), Type::Number, Presence::Optional).description(
            format!(
                "Version of `{}`: change it to send a new value of the write-only secret.",
                names.write_only
            ),
        ),
    ]);
    attributes
}

/// When a write-only secret is sent, which the catalog's [`SecretsOnUpdate`] decides.
fn when_sent(catalog: &Catalog, version: &str) -> String {
    let object = catalog.object;
    match catalog.secrets_on_update {
        SecretsOnUpdate::All => format!(
            "Sent when the {object} is created and with every update (an update replaces the \
             whole {object}); Terraform sees a new value only when `{version}` changes."
        ),
        SecretsOnUpdate::KeptAndRotated | SecretsOnUpdate::Changed => {
            format!("Sent when the {object} is created and whenever `{version}` changes.")
        }
    }
}

/// "a" or "an" before `word` (by its first letter: "an Infracast", "a Prisma Cloud").
fn article(word: &str) -> &'static str {
    match word.chars().next().map(|c| c.to_ascii_lowercase()) {
        Some('a' | 'e' | 'i' | 'o' | 'u') => "an",
        _ => "a",
    }
}

/// The resource schema of an integration type.
pub fn resource_schema(catalog: &Catalog, ty: &IntegrationType) -> Schema {
    let mut attributes = vec![
        Attribute::new("id", Type::String, Presence::Computed).description(catalog.id_description),
    ];
    attributes.extend(
        catalog
            .frame
            .iter()
            .chain(ty.fields)
            .flat_map(|f| field_attributes(catalog, f)),
    );
    attributes.extend(catalog.computed.iter().map(computed_attribute));
    let mut description = format!(
        "Manages {} {} {} {}. {}",
        article(catalog.vendor),
        catalog.vendor,
        ty.title,
        catalog.object,
        ty.summary
    );
    for note in ty.notes.iter().chain(catalog.notice.iter()) {
        description.push_str("\n\n");
        description.push_str(note);
    }
    if ty.is_inferred() {
        description.push_str("\n\n");
        description.push_str(&inferred_notice(catalog));
    }
    Schema {
        version: 0,
        block: Block {
            attributes,
            description,
            deprecated: false,
        },
    }
}
