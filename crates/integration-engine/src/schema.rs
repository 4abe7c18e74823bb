//! Terraform schemas derived from catalog entries.
//!
//! Every resource of a platform has the same frame — `id`, then the catalog's frame fields
//! (`name`, `description`, `enabled`, ...), then its type's configuration keys, then the
//! read-only attributes the API reports — and each secret key comes as three attributes:
//! `<name>` (sensitive, kept in state), `<name>_wo` (write-only) and `<name>_wo_version`
//! (changing it sends the write-only value again).

use crate::catalog::{
    Catalog, Computed, ComputedKind, DefaultValue, Field, IntegrationType, Kind, Mutability,
    Presence as Need, SecretsOnUpdate,
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

/// Names of the three attributes that carry one secret key.
pub struct SecretNames {
    pub plain: String,
    pub write_only: String,
    pub version: String,
}

pub fn secret_names(field: &Field) -> SecretNames {
    let plain = field.attribute();
    SecretNames {
        write_only: format!("{plain}_wo"),
        version: format!("{plain}_wo_version"),
        plain,
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
    field_attribute(field, false).value_type()
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
    }
}

fn nested(fields: &[Field]) -> Vec<Attribute> {
    fields.iter().map(|f| field_attribute(f, true)).collect()
}

fn describe(field: &Field) -> String {
    let mut text = field.description.to_string();
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

fn field_attribute(field: &Field, nested: bool) -> Attribute {
    let presence = match field.presence {
        Need::Required if field.secret => Presence::Optional,
        Need::Required => Presence::Required,
        Need::Optional => Presence::Optional,
        Need::Default(_) if nested => Presence::Optional,
        Need::Default(_) => Presence::OptionalComputed,
    };
    kind_attribute(field.attribute(), &field.kind, presence).description(describe(field))
}

/// The attributes one catalog field contributes.
fn field_attributes(catalog: &Catalog, field: &Field) -> Vec<Attribute> {
    if !field.secret {
        return vec![field_attribute(field, false)];
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
    let plain = field_attribute(field, false).sensitive(true);
    let plain_description = format!(
        "{} The API never returns it, so Terraform keeps the configured value and cannot detect \
         changes made outside Terraform.{either}",
        plain.description
    );
    vec![
        plain.description(plain_description),
        Attribute::new(names.write_only.clone(), Type::String, Presence::Optional)
            .sensitive(true)
            .write_only(true)
            .description(format!(
                "Write-only form of `{}` (Terraform 1.11 and later): never stored in plan or \
                 state. {}{either}",
                names.plain,
                when_sent(catalog, &names.version)
            )),
        Attribute::new(names.version.clone(), Type::Number, Presence::Optional).description(
            format!(
                "Version of `{}`: change it to send a new value of the write-only secret.",
                names.write_only
            ),
        ),
    ]
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
