//! Terraform schemas derived from catalog entries.
//!
//! Every integration resource has the same frame — `id`, `name`, `description`, `enabled`, then
//! its configuration keys, then the read-only status the API reports — and each secret key comes
//! as three attributes: `<name>` (sensitive, kept in state), `<name>_wo` (write-only) and
//! `<name>_wo_version` (changing it sends the write-only value again).

use crate::catalog::{DefaultValue, Field, IntegrationType, Kind, Mutability, Presence as Need};
use tfplugin::schema::{Attribute, Block, Nesting, Presence, Schema};
use tfplugin::value::{Type, Value};

/// The provider's name: resource types are `prismacloud_integration_<integrationType>`.
pub const PROVIDER_NAME: &str = "prismacloud";

/// Read-only attributes filled from what the API reports.
pub const STATUS_ATTRIBUTES: &[(&str, StatusKind, &str)] = &[
    (
        "created_by",
        StatusKind::String,
        "Who created the integration.",
    ),
    (
        "created_ts",
        StatusKind::Number,
        "When the integration was created, in milliseconds since the Unix epoch.",
    ),
    (
        "last_modified_by",
        StatusKind::String,
        "Who last modified the integration.",
    ),
    (
        "last_modified_ts",
        StatusKind::Number,
        "When the integration was last modified, in milliseconds since the Unix epoch.",
    ),
    (
        "status",
        StatusKind::String,
        "The integration's status as the API reports it (`GREEN`, `RED`, `YELLOW` or `NA`); \
         null where the API does not report one.",
    ),
    (
        "valid",
        StatusKind::Bool,
        "Whether the API considers the integration valid; null where the API does not report it.",
    ),
    (
        "reason",
        StatusKind::String,
        "Why the integration is not valid, when the API says.",
    ),
];

#[derive(Clone, Copy, Debug)]
pub enum StatusKind {
    String,
    Number,
    Bool,
}

impl StatusKind {
    pub fn value_type(self) -> Type {
        match self {
            StatusKind::String => Type::String,
            StatusKind::Number => Type::Number,
            StatusKind::Bool => Type::Bool,
        }
    }
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
        Kind::Flags(_) => Attribute::new(name, Type::set(Type::String), presence),
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
    text
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
fn field_attributes(field: &Field) -> Vec<Attribute> {
    if !field.secret {
        return vec![field_attribute(field, false)];
    }
    let names = secret_names(field);
    let either = if field.is_required() {
        format!(
            " Creating the integration needs exactly one of `{}` and `{}`; an existing \
             (imported) integration may leave both unset to keep the secret Prisma Cloud holds.",
            names.plain, names.write_only
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
                 state. Sent when the integration is created and whenever `{}` changes.{either}",
                names.plain, names.version
            )),
        Attribute::new(names.version.clone(), Type::Number, Presence::Optional).description(
            format!(
                "Version of `{}`: change it to send a new value of the write-only secret.",
                names.write_only
            ),
        ),
    ]
}

/// The resource schema of an integration type.
pub fn resource_schema(ty: &IntegrationType) -> Schema {
    let mut attributes = vec![
        Attribute::new("id", Type::String, Presence::Computed)
            .description("The integration's ID, assigned by Prisma Cloud."),
        Attribute::new("name", Type::String, Presence::Required).description(
            "Name of the integration: 5 to 100 characters, starting with a letter or digit, \
             unique among the tenant's integrations.",
        ),
        Attribute::new("description", Type::String, Presence::OptionalComputed)
            .description("Description of the integration. Defaults to `\"\"`."),
        Attribute::new("enabled", Type::Bool, Presence::OptionalComputed).description(
            "Whether Prisma Cloud sends alerts through the integration. Defaults to `true`.",
        ),
    ];
    attributes.extend(ty.fields.iter().flat_map(field_attributes));
    attributes.extend(STATUS_ATTRIBUTES.iter().map(|(name, kind, text)| {
        Attribute::new(*name, kind.value_type(), Presence::Computed).description(*text)
    }));
    let mut description = format!(
        "Manages a Prisma Cloud {} integration. {}",
        ty.title, ty.summary
    );
    for note in ty.notes {
        description.push_str("\n\n");
        description.push_str(note);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog;

    #[test]
    fn slack_has_the_documented_attributes() {
        let schema = resource_schema(catalog::find("slack").unwrap());
        let names: Vec<&str> = schema
            .block
            .attributes
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "id",
                "name",
                "description",
                "enabled",
                "webhook_url",
                "webhook_url_wo",
                "webhook_url_wo_version",
                "created_by",
                "created_ts",
                "last_modified_by",
                "last_modified_ts",
                "status",
                "valid",
                "reason"
            ]
        );
        let url = schema.block.attribute("webhook_url").unwrap();
        assert!(url.sensitive && !url.write_only && url.presence == Presence::Optional);
        let wo = schema.block.attribute("webhook_url_wo").unwrap();
        assert!(wo.sensitive && wo.write_only);
    }

    #[test]
    fn every_attribute_is_described_and_defaults_are_computed() {
        for ty in catalog::ALL {
            let schema = resource_schema(ty);
            for a in &schema.block.attributes {
                assert!(!a.description.is_empty(), "{}.{}", ty.name, a.name);
            }
            for f in ty.fields.iter().filter(|f| f.default().is_some()) {
                let a = schema.block.attribute(&f.attribute()).unwrap();
                assert_eq!(
                    a.presence,
                    Presence::OptionalComputed,
                    "{}.{}",
                    ty.name,
                    f.key
                );
            }
        }
    }

    #[test]
    fn shapes_users_expect() {
        let sn = resource_schema(catalog::find("service_now").unwrap());
        assert_eq!(
            sn.block.attribute("tables").unwrap().value_type(),
            Type::set(Type::String)
        );
        let hub = resource_schema(catalog::find("aws_security_hub").unwrap());
        let regions = hub.block.attribute("regions").unwrap().value_type();
        assert_eq!(
            regions.to_json().to_string(),
            r#"["list",["object",{"api_identifier":"string","cloud_type":"string","enabled":"bool","name":"string","sdk_id":"string"}]]"#
        );
        let wh = resource_schema(catalog::find("webhook").unwrap());
        assert_eq!(
            wh.block.attribute("custom_payloads").unwrap().value_type(),
            Type::map(Type::String)
        );
    }
}
