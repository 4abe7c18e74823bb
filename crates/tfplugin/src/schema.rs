//! Schemas as the provider declares them: blocks of attributes with types, presence
//! (required/optional/computed), sensitivity and write-only flags, and descriptions.
//!
//! A schema also answers the questions the protocol layer must ask of it: what [`Type`] a block's
//! values have (for decoding), which attributes are write-only (they must be null in every plan
//! and state Terraform receives) and which are computed only (they can never appear in
//! configuration, so generated configuration leaves them out).
//!
//! A managed resource type may also declare an [`IdentitySchema`] (protocol 6.9, Terraform 1.12):
//! the small object that names one remote object, for `import { identity = ... }` and list
//! resources.

use std::collections::BTreeMap;

use super::value::{Type, Value};

/// Who sets an attribute: the user, the provider, or either.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    Required,
    Optional,
    /// Set by the provider only (read-only to the user).
    Computed,
    /// Optional in configuration; the provider fills it in when the configuration leaves it null
    /// (defaults, values the API returns).
    OptionalComputed,
}

impl Presence {
    pub fn required(self) -> bool {
        self == Presence::Required
    }

    pub fn optional(self) -> bool {
        matches!(self, Presence::Optional | Presence::OptionalComputed)
    }

    pub fn computed(self) -> bool {
        matches!(self, Presence::Computed | Presence::OptionalComputed)
    }
}

/// How nested attributes repeat.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nesting {
    Single,
    List,
    Set,
    Map,
}

/// An attribute's type: a plain type, or nested attributes with their own presence and docs.
#[derive(Clone, Debug, PartialEq)]
pub enum AttributeType {
    Plain(Type),
    Nested {
        nesting: Nesting,
        attributes: Vec<Attribute>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Attribute {
    pub name: String,
    pub ty: AttributeType,
    /// Markdown.
    pub description: String,
    pub presence: Presence,
    pub sensitive: bool,
    /// Never stored in plan or state (Terraform 1.11+, protocol 6.8).
    pub write_only: bool,
    pub deprecated: bool,
}

impl Attribute {
    pub fn new(name: impl Into<String>, ty: Type, presence: Presence) -> Self {
        Attribute {
            name: name.into(),
            ty: AttributeType::Plain(ty),
            description: String::new(),
            presence,
            sensitive: false,
            write_only: false,
            deprecated: false,
        }
    }

    pub fn nested(
        name: impl Into<String>,
        nesting: Nesting,
        attributes: Vec<Attribute>,
        presence: Presence,
    ) -> Self {
        Attribute {
            ty: AttributeType::Nested {
                nesting,
                attributes,
            },
            ..Attribute::new(name, Type::Dynamic, presence)
        }
    }

    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = text.into();
        self
    }

    pub fn sensitive(mut self, yes: bool) -> Self {
        self.sensitive = yes;
        self
    }

    pub fn write_only(mut self, yes: bool) -> Self {
        self.write_only = yes;
        self
    }

    /// The type of this attribute's values.
    pub fn value_type(&self) -> Type {
        match &self.ty {
            AttributeType::Plain(t) => t.clone(),
            AttributeType::Nested {
                nesting,
                attributes,
            } => {
                let object = object_type(attributes);
                match nesting {
                    Nesting::Single => object,
                    Nesting::List => Type::list(object),
                    Nesting::Set => Type::set(object),
                    Nesting::Map => Type::map(object),
                }
            }
        }
    }
}

fn object_type(attributes: &[Attribute]) -> Type {
    Type::Object(
        attributes
            .iter()
            .map(|a| (a.name.clone(), a.value_type()))
            .collect::<BTreeMap<_, _>>(),
    )
}

/// A block of attributes: the whole configuration of a provider, resource or data source.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Block {
    pub attributes: Vec<Attribute>,
    /// Markdown.
    pub description: String,
    pub deprecated: bool,
}

impl Block {
    pub fn value_type(&self) -> Type {
        object_type(&self.attributes)
    }

    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.name == name)
    }

    /// Set every write-only attribute (top-level or nested) of `value` to null.
    pub fn null_write_only(&self, value: &mut Value) {
        null_where(&self.attributes, value, &|a| a.write_only);
    }

    /// Set every computed-only attribute (top-level or nested) of `value` to null: what remains
    /// is valid as configuration.
    pub fn null_computed_only(&self, value: &mut Value) {
        null_where(&self.attributes, value, &|a| {
            a.presence == Presence::Computed
        });
    }
}

/// Null the attributes `pick` selects, at any depth of nested attributes.
fn null_where(attributes: &[Attribute], value: &mut Value, pick: &dyn Fn(&Attribute) -> bool) {
    let Value::Object(map) = value else { return };
    for attr in attributes {
        let Some(v) = map.get_mut(&attr.name) else {
            continue;
        };
        if pick(attr) {
            *v = Value::Null;
            continue;
        }
        if let AttributeType::Nested {
            nesting,
            attributes,
        } = &attr.ty
        {
            match (nesting, v) {
                (Nesting::Single, v) => null_where(attributes, v, pick),
                (_, Value::List(items) | Value::Set(items)) => items
                    .iter_mut()
                    .for_each(|i| null_where(attributes, i, pick)),
                (_, Value::Map(items)) => items
                    .values_mut()
                    .for_each(|i| null_where(attributes, i, pick)),
                _ => {}
            }
        }
    }
}

/// A versioned schema.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Schema {
    pub version: i64,
    pub block: Block,
}

impl Schema {
    pub fn value_type(&self) -> Type {
        self.block.value_type()
    }
}

/// One attribute of a resource identity. Identity attributes are plain (no nesting) and never
/// sensitive.
#[derive(Clone, Debug, PartialEq)]
pub struct IdentityAttribute {
    pub name: String,
    pub ty: Type,
    /// Markdown.
    pub description: String,
    /// `import { identity = { ... } }` must set it.
    pub required_for_import: bool,
    /// `import { identity = { ... } }` may set it; the provider fills it in otherwise.
    pub optional_for_import: bool,
}

/// The identity of a managed resource type: a small versioned object naming one remote object.
/// Identities of different versions never compare equal, so change the version with the shape.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IdentitySchema {
    pub version: i64,
    pub attributes: Vec<IdentityAttribute>,
}

impl IdentitySchema {
    pub fn value_type(&self) -> Type {
        Type::Object(
            self.attributes
                .iter()
                .map(|a| (a.name.clone(), a.ty.clone()))
                .collect(),
        )
    }
}

/// Everything the provider serves, by type name.
#[derive(Clone, Debug, Default)]
pub struct ProviderSchemas {
    pub provider: Schema,
    pub resources: BTreeMap<String, Schema>,
    pub data_sources: BTreeMap<String, Schema>,
    /// Identity schemas of managed resource types (a subset of `resources`' keys).
    pub identities: BTreeMap<String, IdentitySchema>,
    /// List resources for `terraform query` (Terraform 1.14+). Each is named like the managed
    /// resource type whose objects it lists, and that type must have an identity. The schema is
    /// the list block's `config` block.
    pub list_resources: BTreeMap<String, Schema>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_attributes_have_object_types() {
        let region = vec![
            Attribute::new("name", Type::String, Presence::Required),
            Attribute::new("enabled", Type::Bool, Presence::Optional),
        ];
        let a = Attribute::nested("regions", Nesting::List, region, Presence::Required);
        assert_eq!(
            a.value_type().to_json().to_string(),
            r#"["list",["object",{"enabled":"bool","name":"string"}]]"#
        );
    }

    #[test]
    fn write_only_attributes_are_nulled() {
        let block = Block {
            attributes: vec![
                Attribute::new("key", Type::String, Presence::Optional),
                Attribute::new("key_wo", Type::String, Presence::Optional).write_only(true),
            ],
            ..Block::default()
        };
        let mut v = Value::Object(
            [
                ("key".to_string(), Value::string("a")),
                ("key_wo".to_string(), Value::string("b")),
            ]
            .into(),
        );
        block.null_write_only(&mut v);
        assert_eq!(v.get("key"), &Value::string("a"));
        assert_eq!(v.get("key_wo"), &Value::Null);
    }

    #[test]
    fn computed_only_attributes_are_nulled_at_every_depth() {
        let block = Block {
            attributes: vec![
                Attribute::new("id", Type::String, Presence::Computed),
                Attribute::new("mode", Type::String, Presence::OptionalComputed),
                Attribute::nested(
                    "items",
                    Nesting::List,
                    vec![
                        Attribute::new("name", Type::String, Presence::Required),
                        Attribute::new("sdk_id", Type::String, Presence::Computed),
                    ],
                    Presence::Optional,
                ),
            ],
            ..Block::default()
        };
        let item = Value::Object(
            [
                ("name".to_string(), Value::string("n")),
                ("sdk_id".to_string(), Value::string("s")),
            ]
            .into(),
        );
        let mut v = Value::Object(
            [
                ("id".to_string(), Value::string("1")),
                ("mode".to_string(), Value::string("m")),
                ("items".to_string(), Value::List(vec![item])),
            ]
            .into(),
        );
        block.null_computed_only(&mut v);
        assert_eq!(v.get("id"), &Value::Null);
        assert_eq!(v.get("mode"), &Value::string("m"));
        let items = v.get("items").as_elements().unwrap();
        assert_eq!(items[0].get("name"), &Value::string("n"));
        assert_eq!(items[0].get("sdk_id"), &Value::Null);
    }
}
