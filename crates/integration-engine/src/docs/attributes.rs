//! A block's attributes as Markdown, laid out as `tfplugindocs` does: a `## Schema` section with
//! the attributes grouped Required / Optional / Write-Only / Read-Only, each line naming the
//! type and the markers (Sensitive, Write-only, Deprecated, Forces replacement) before the
//! description, and one `Nested Schema for` section (with an anchor) per nested attribute or
//! object type, linked from its parent's line. A resource identity gets its own `Identity
//! Schema` section, grouped by what an `import` block must or may set.

use std::collections::{BTreeMap, VecDeque};
use std::fmt::Write;

use tfplugin::schema::{
    Attribute, AttributeType, IdentityAttribute, IdentitySchema, Nesting, Presence,
};
use tfplugin::value::Type;

/// Where Terraform's documentation explains write-only arguments.
const WRITE_ONLY_LINK: &str =
    "https://developer.hashicorp.com/terraform/language/resources/ephemeral#write-only-arguments";

/// The groups, in the order they appear.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Group {
    Required,
    Optional,
    WriteOnly,
    ReadOnly,
}

const GROUPS: [Group; 4] = [
    Group::Required,
    Group::Optional,
    Group::WriteOnly,
    Group::ReadOnly,
];

impl Group {
    fn of(a: &Attribute) -> Group {
        if a.write_only {
            return Group::WriteOnly;
        }
        match a.presence {
            Presence::Required => Group::Required,
            Presence::Optional | Presence::OptionalComputed => Group::Optional,
            Presence::Computed => Group::ReadOnly,
        }
    }

    fn title(self) -> &'static str {
        match self {
            Group::Required => "Required",
            Group::Optional => "Optional",
            Group::WriteOnly => "Write-Only",
            Group::ReadOnly => "Read-Only",
        }
    }
}

/// A section still to write: nested attributes, or the attribute types of an object.
enum Pending<'a> {
    Attributes(Vec<String>, &'a [Attribute]),
    Object(Vec<String>, &'a BTreeMap<String, Type>),
}

/// `## Schema` for a block whose top-level attributes are `attributes`; `replaces` says which
/// top-level attributes force replacement.
pub fn schema(attributes: &[Attribute], replaces: &dyn Fn(&str) -> bool) -> String {
    let mut out = String::from("## Schema\n");
    let mut pending = VecDeque::new();
    groups(&mut out, &[], attributes, replaces, &mut pending);
    // Sections in the order their attributes appear, each one's own nested sections after.
    while let Some(next) = pending.pop_front() {
        match next {
            Pending::Attributes(path, attributes) => {
                out.push_str(&heading("nestedatt", &path));
                groups(&mut out, &path, attributes, &|_| false, &mut pending);
            }
            Pending::Object(path, fields) => object_section(&mut out, &path, fields, &mut pending),
        }
    }
    out
}

/// The attributes under `path` by group: `### Required` at the top level, `Required:` in a
/// nested section.
fn groups<'a>(
    out: &mut String,
    path: &[String],
    attributes: &'a [Attribute],
    replaces: &dyn Fn(&str) -> bool,
    pending: &mut VecDeque<Pending<'a>>,
) {
    for group in GROUPS {
        let members: Vec<&Attribute> = attributes
            .iter()
            .filter(|a| Group::of(a) == group)
            .collect();
        if members.is_empty() {
            continue;
        }
        let _ = if path.is_empty() {
            write!(out, "\n### {}\n\n", group.title())
        } else {
            write!(out, "\n{}:\n\n", group.title())
        };
        for a in members {
            out.push_str(&line(path, a, replaces(&a.name), pending));
        }
    }
}

/// `### Identity Schema`: the attributes an `import { identity = ... }` block must set
/// (Required), may set (Optional), or never sets (Read-Only).
pub fn identity(schema: &IdentitySchema) -> String {
    let mut out = String::from("### Identity Schema\n");
    for (title, pick) in [
        (
            "Required",
            (|a| a.required_for_import) as fn(&IdentityAttribute) -> bool,
        ),
        ("Optional", |a| a.optional_for_import),
        ("Read-Only", |a| {
            !a.required_for_import && !a.optional_for_import
        }),
    ] {
        let members: Vec<_> = schema.attributes.iter().filter(|a| pick(a)).collect();
        if members.is_empty() {
            continue;
        }
        let _ = write!(out, "\n#### {title}\n\n");
        for a in members {
            let _ = write!(out, "- `{}` ({})", a.name, type_label(&a.ty));
            if !a.description.is_empty() {
                let _ = write!(out, " {}", indent_continuation(a.description.trim()));
            }
            out.push('\n');
        }
    }
    out
}

fn object_section<'a>(
    out: &mut String,
    path: &[String],
    fields: &'a BTreeMap<String, Type>,
    pending: &mut VecDeque<Pending<'a>>,
) {
    out.push_str(&heading("nestedobjatt", path));
    out.push('\n');
    for (name, ty) in fields {
        let here = child(path, name);
        let _ = write!(out, "- `{name}` ({})", type_label(ty));
        if let Some(inner) = object_in(ty) {
            out.push_str(&see_below(&anchor("nestedobjatt", &here)));
            pending.push_back(Pending::Object(here, inner));
        }
        out.push('\n');
    }
}

fn heading(kind: &str, path: &[String]) -> String {
    format!(
        "\n<a id=\"{}\"></a>\n### Nested Schema for `{}`\n",
        anchor(kind, path),
        path.join(".")
    )
}

fn anchor(kind: &str, path: &[String]) -> String {
    format!("{kind}--{}", path.join("--"))
}

fn child(path: &[String], name: &str) -> Vec<String> {
    let mut p = path.to_vec();
    p.push(name.to_string());
    p
}

/// One list item: `` - `name` (Type, markers) Description `` plus a link to its nested section.
fn line<'a>(
    parent: &[String],
    a: &'a Attribute,
    forces_replacement: bool,
    pending: &mut VecDeque<Pending<'a>>,
) -> String {
    let here = child(parent, &a.name);
    let mut label = vec![match &a.ty {
        AttributeType::Plain(t) => type_label(t),
        AttributeType::Nested { nesting, .. } => nesting_label(*nesting).to_string(),
    }];
    if a.sensitive {
        label.push("Sensitive".into());
    }
    if a.write_only {
        label.push(format!("[Write-only]({WRITE_ONLY_LINK})"));
    }
    if a.deprecated {
        label.push("Deprecated".into());
    }
    if forces_replacement {
        label.push("Forces replacement".into());
    }
    let mut text = format!("- `{}` ({})", a.name, label.join(", "));
    if !a.description.is_empty() {
        text.push(' ');
        text.push_str(&indent_continuation(a.description.trim()));
    }
    let link = match &a.ty {
        AttributeType::Nested { attributes, .. } => {
            pending.push_back(Pending::Attributes(here.clone(), attributes));
            Some(anchor("nestedatt", &here))
        }
        AttributeType::Plain(t) => object_in(t).map(|fields| {
            pending.push_back(Pending::Object(here.clone(), fields));
            anchor("nestedobjatt", &here)
        }),
    };
    if let Some(link) = link {
        text.push_str(&see_below(&link));
    }
    text.push('\n');
    text
}

fn see_below(anchor: &str) -> String {
    format!(" (see [below for nested schema](#{anchor}))")
}

/// Continuation lines indented, so that they stay inside their list item.
fn indent_continuation(text: &str) -> String {
    text.lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 || l.is_empty() {
                l.to_string()
            } else {
                format!("  {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn nesting_label(nesting: Nesting) -> &'static str {
    match nesting {
        Nesting::Single => "Attributes",
        Nesting::List => "Attributes List",
        Nesting::Set => "Attributes Set",
        Nesting::Map => "Attributes Map",
    }
}

/// A type as `tfplugindocs` names it: `String`, `Boolean`, `List of Object`, `Map of String`.
pub fn type_label(t: &Type) -> String {
    match t {
        Type::Bool => "Boolean".into(),
        Type::Number => "Number".into(),
        Type::String => "String".into(),
        Type::Dynamic => "Dynamic".into(),
        Type::List(e) => format!("List of {}", type_label(e)),
        Type::Set(e) => format!("Set of {}", type_label(e)),
        Type::Map(e) => format!("Map of {}", type_label(e)),
        Type::Object(_) => "Object".into(),
        Type::Tuple(_) => "Tuple".into(),
    }
}

/// The object type a value of `t` holds, through collections: its attributes get a section.
fn object_in(t: &Type) -> Option<&BTreeMap<String, Type>> {
    match t {
        Type::Object(fields) => Some(fields),
        Type::List(e) | Type::Set(e) | Type::Map(e) => object_in(e),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attr(name: &str, ty: Type, presence: Presence) -> Attribute {
        Attribute::new(name, ty, presence).description(format!("About {name}."))
    }

    #[test]
    fn groups_types_and_markers() {
        let attributes = vec![
            attr("id", Type::String, Presence::Computed),
            attr("name", Type::String, Presence::Required),
            attr("host_url", Type::String, Presence::Required),
            attr("enabled", Type::Bool, Presence::OptionalComputed),
            attr("key", Type::String, Presence::Optional).sensitive(true),
            attr("key_wo", Type::String, Presence::Optional)
                .sensitive(true)
                .write_only(true),
            attr("tables", Type::set(Type::String), Presence::Required),
            attr("headers", Type::map(Type::String), Presence::Optional),
        ];
        let text = schema(&attributes, &|name| name == "host_url");
        let expected = format!(
            "## Schema

### Required

- `name` (String) About name.
- `host_url` (String, Forces replacement) About host_url.
- `tables` (Set of String) About tables.

### Optional

- `enabled` (Boolean) About enabled.
- `key` (String, Sensitive) About key.
- `headers` (Map of String) About headers.

### Write-Only

- `key_wo` (String, Sensitive, [Write-only]({WRITE_ONLY_LINK})) About key_wo.

### Read-Only

- `id` (String) About id.
"
        );
        assert_eq!(text, expected);
    }

    #[test]
    fn nested_attributes_and_object_types_get_linked_sections() {
        let region = vec![
            attr("name", Type::String, Presence::Required),
            attr("enabled", Type::Bool, Presence::Optional),
        ];
        let attributes = vec![
            Attribute::nested("regions", Nesting::List, region.clone(), Presence::Required)
                .description("The regions."),
            Attribute::nested("items", Nesting::Single, region, Presence::Computed),
            attr(
                "tags",
                Type::list(Type::Object(
                    [
                        ("key".to_string(), Type::String),
                        ("inner".to_string(), Type::Object(BTreeMap::new())),
                    ]
                    .into(),
                )),
                Presence::Computed,
            ),
        ];
        let text = schema(&attributes, &|name| name != "items");
        assert!(
            text.contains(
                "- `regions` (Attributes List, Forces replacement) The regions. (see [below for \
                 nested schema](#nestedatt--regions))\n"
            ),
            "{text}"
        );
        assert!(
            text.contains("- `items` (Attributes) (see [below"),
            "{text}"
        );
        assert!(
            text.contains(
                "\n<a id=\"nestedatt--regions\"></a>\n### Nested Schema for `regions`\n\n\
                 Required:\n\n- `name` (String) About name.\n\nOptional:\n\n- `enabled` \
                 (Boolean) About enabled.\n"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "- `tags` (List of Object, Forces replacement) About tags. (see [below for \
                 nested schema](#nestedobjatt--tags))"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "### Nested Schema for `tags`\n\n- `inner` (Object) (see [below for nested \
                 schema](#nestedobjatt--tags--inner))\n- `key` (String)\n"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "<a id=\"nestedobjatt--tags--inner\"></a>\n### Nested Schema for `tags.inner`"
            ),
            "{text}"
        );
        // Facts about replacement apply to top-level attributes only.
        assert!(!text.contains("`name` (String, Forces"), "{text}");
    }

    #[test]
    fn identity_attributes_are_grouped_by_what_import_sets() {
        let attr = |name: &str, required, optional| IdentityAttribute {
            name: name.into(),
            ty: Type::String,
            description: format!("About {name}."),
            required_for_import: required,
            optional_for_import: optional,
        };
        let schema = IdentitySchema {
            version: 0,
            attributes: vec![
                attr("region", false, true),
                attr("id", true, false),
                attr("arn", false, false),
            ],
        };
        assert_eq!(
            identity(&schema),
            "### Identity Schema\n\n#### Required\n\n- `id` (String) About id.\n\n\
             #### Optional\n\n- `region` (String) About region.\n\n\
             #### Read-Only\n\n- `arn` (String) About arn.\n"
        );
    }

    #[test]
    fn multi_line_descriptions_stay_in_their_item() {
        let a = vec![attr("x", Type::Number, Presence::Optional).description("One.\n\nTwo.")];
        assert!(schema(&a, &|_| false).contains("- `x` (Number) One.\n\n  Two.\n"));
    }
}
