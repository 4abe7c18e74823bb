//! Conversions between the protocol's generated messages and our typed values, schemas and
//! diagnostics.

use crate::diag::{AttributePath, Diagnostic, Diagnostics, PathStep, Severity};
use crate::generated::tfplugin6 as pb;
use crate::schema::{Attribute, AttributeType, IdentitySchema, Nesting, Schema};
use crate::value::{Type, Value};

pub fn diagnostics(d: &Diagnostics) -> Vec<pb::Diagnostic> {
    d.iter().map(diagnostic).collect()
}

fn diagnostic(d: &Diagnostic) -> pb::Diagnostic {
    pb::Diagnostic {
        severity: match d.severity {
            Severity::Error => pb::diagnostic::Severity::Error,
            Severity::Warning => pb::diagnostic::Severity::Warning,
        } as i32,
        summary: d.summary.clone(),
        detail: d.detail.clone(),
        attribute: d.attribute.as_ref().map(path),
    }
}

pub fn path(p: &AttributePath) -> pb::AttributePath {
    use pb::attribute_path::step::Selector;
    pb::AttributePath {
        steps: p
            .0
            .iter()
            .map(|s| pb::attribute_path::Step {
                selector: Some(match s {
                    PathStep::Attribute(a) => Selector::AttributeName(a.clone()),
                    PathStep::Key(k) => Selector::ElementKeyString(k.clone()),
                    PathStep::Index(i) => Selector::ElementKeyInt(*i),
                }),
            })
            .collect(),
    }
}

fn attribute(a: &Attribute) -> pb::schema::Attribute {
    let (ty, nested_type) = match &a.ty {
        AttributeType::Plain(t) => (t.to_json().to_string().into_bytes(), None),
        AttributeType::Nested {
            nesting,
            attributes,
        } => (
            Vec::new(),
            Some(pb::schema::Object {
                attributes: attributes.iter().map(attribute).collect(),
                nesting: match nesting {
                    Nesting::Single => pb::schema::object::NestingMode::Single,
                    Nesting::List => pb::schema::object::NestingMode::List,
                    Nesting::Set => pb::schema::object::NestingMode::Set,
                    Nesting::Map => pb::schema::object::NestingMode::Map,
                } as i32,
                ..Default::default()
            }),
        ),
    };
    pb::schema::Attribute {
        name: a.name.clone(),
        r#type: ty,
        nested_type,
        description: a.description.clone(),
        required: a.presence.required(),
        optional: a.presence.optional(),
        computed: a.presence.computed(),
        sensitive: a.sensitive,
        description_kind: pb::StringKind::Markdown as i32,
        deprecated: a.deprecated,
        write_only: a.write_only,
        deprecation_message: String::new(),
    }
}

pub fn schema(s: &Schema) -> pb::Schema {
    pb::Schema {
        version: s.version,
        block: Some(pb::schema::Block {
            version: s.version,
            attributes: s.block.attributes.iter().map(attribute).collect(),
            block_types: Vec::new(),
            description: s.block.description.clone(),
            description_kind: pb::StringKind::Markdown as i32,
            deprecated: s.block.deprecated,
            deprecation_message: String::new(),
            computed: false,
        }),
    }
}

pub fn identity_schema(s: &IdentitySchema) -> pb::ResourceIdentitySchema {
    pb::ResourceIdentitySchema {
        version: s.version,
        identity_attributes: s
            .attributes
            .iter()
            .map(|a| pb::resource_identity_schema::IdentityAttribute {
                name: a.name.clone(),
                r#type: a.ty.to_json().to_string().into_bytes(),
                required_for_import: a.required_for_import,
                optional_for_import: a.optional_for_import,
                description: a.description.clone(),
            })
            .collect(),
    }
}

/// Decode a `DynamicValue` (MessagePack, or JSON when that is what was sent). An absent value
/// is null.
pub fn decode(v: Option<&pb::DynamicValue>, ty: &Type, what: &str) -> Result<Value, Diagnostics> {
    let result = match v {
        None => return Ok(Value::Null),
        Some(d) if !d.msgpack.is_empty() => Value::from_msgpack(&d.msgpack, ty),
        Some(d) if !d.json.is_empty() => Value::from_json(&d.json, ty),
        Some(_) => return Ok(Value::Null),
    };
    result.map_err(|e| {
        let mut d = Diagnostics::new();
        d.error(
            format!("Terraform sent an unreadable {what}"),
            format!("The provider could not decode the {what}: {e}. This is a bug in Terraform or the provider."),
        );
        d
    })
}

pub fn encode(v: &Value, ty: &Type) -> Option<pb::DynamicValue> {
    Some(pb::DynamicValue {
        msgpack: v.to_msgpack(ty),
        json: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{Block, Presence};

    #[test]
    fn schema_attributes_carry_flags_and_cty_json_types() {
        let s = Schema {
            version: 0,
            block: Block {
                attributes: vec![
                    Attribute::new("id", Type::String, Presence::Computed),
                    Attribute::new("key_wo", Type::String, Presence::Optional)
                        .sensitive(true)
                        .write_only(true),
                    Attribute::nested(
                        "r",
                        Nesting::List,
                        vec![Attribute::new("n", Type::Number, Presence::Required)],
                        Presence::Required,
                    ),
                ],
                ..Block::default()
            },
        };
        let pb = schema(&s);
        let attrs = &pb.block.as_ref().unwrap().attributes;
        assert!(attrs[0].computed && !attrs[0].optional && !attrs[0].required);
        assert_eq!(attrs[0].r#type, br#""string""#);
        assert!(attrs[1].write_only && attrs[1].sensitive && attrs[1].optional);
        let nested = attrs[2].nested_type.as_ref().unwrap();
        assert_eq!(nested.nesting, pb::schema::object::NestingMode::List as i32);
        assert!(attrs[2].r#type.is_empty());
    }

    #[test]
    fn paths_and_severities_convert() {
        let mut d = Diagnostics::new();
        d.attribute_warning(AttributePath::root("config").key("CS").index(1), "w", "x");
        let pb = diagnostics(&d);
        assert_eq!(pb[0].severity, pb::diagnostic::Severity::Warning as i32);
        assert_eq!(pb[0].attribute.as_ref().unwrap().steps.len(), 3);
    }

    #[test]
    fn decode_errors_are_diagnostics() {
        let bad = pb::DynamicValue {
            msgpack: vec![0x92],
            json: vec![],
        };
        assert!(
            decode(Some(&bad), &Type::String, "configuration")
                .unwrap_err()
                .has_errors()
        );
        assert_eq!(decode(None, &Type::String, "state").unwrap(), Value::Null);
    }
}
