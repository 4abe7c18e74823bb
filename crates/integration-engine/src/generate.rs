//! Configuration generated from an integration's state (`GenerateResourceConfig`), for
//! `terraform query -generate-config-out` and `terraform plan -generate-config-out`.
//!
//! Terraform writes the value we return as HCL, and decides some of it itself: every sensitive
//! attribute comes out as `null # sensitive` whatever we return, computed attributes that are
//! null are left out, and other null attributes come out as `x = null`. So what we choose is:
//! status attributes and the ID out (they are computed); defaults out (the file stays short and
//! the plan fills them in, equal to the state); secrets unset in both forms. That last one is
//! what the API forces — it never returns secrets — and it is valid configuration: an existing
//! integration left without its secret keeps the one the API holds (see
//! [`crate::validate::UnsetSecrets`]). A warning says so, naming the attributes to fill in to
//! manage the secret from Terraform.

use crate::catalog::{Catalog, IntegrationType, Kind};
use crate::convert::secret_entry_names;
use crate::schema::{default_value, secret_names};
use tfplugin::diag::Diagnostics;
use tfplugin::provider::GenerateConfigResponse;
use tfplugin::value::Value;

/// The configuration that reproduces `state` of an integration of `ty` (`type_name`).
pub fn generate(
    catalog: &Catalog,
    ty: &IntegrationType,
    type_name: &str,
    state: &Value,
) -> GenerateConfigResponse {
    let Some(map) = state.as_object() else {
        return GenerateConfigResponse {
            config: Value::Null,
            diagnostics: Diagnostics::new(),
        };
    };
    let mut config = map.clone();
    config.insert("id".into(), Value::Null);
    for c in catalog.computed {
        config.insert(c.attribute(), Value::Null);
    }
    for f in catalog.frame.iter().chain(ty.fields) {
        if let Some(d) = f.default()
            && config.get(&f.attribute()) == Some(&default_value(d))
        {
            config.insert(f.attribute(), Value::Null);
        }
    }
    let mut secrets = Vec::new();
    for field in ty.fields.iter().filter(|f| f.holds_secrets()) {
        let n = secret_names(field);
        for name in [&n.plain, &n.write_only, &n.version] {
            config.insert(name.clone(), Value::Null);
        }
        let what = match field.entries() {
            None => format!("`{}` (or `{}`)", n.plain, n.write_only),
            Some(e) => {
                // Only secret entries have values to fill in.
                let names = secret_entry_names(e, state.get(&field.attribute()));
                if names.is_empty() {
                    continue;
                }
                format!(
                    "`{}` (or `{}`) for {}",
                    n.plain,
                    n.write_only,
                    names
                        .iter()
                        .map(|n| format!("{n:?}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        };
        secrets.push(what);
    }
    for f in ty.fields {
        let attr = f.attribute();
        if let Some(value) = config.get(&attr) {
            let short = without_nested_defaults(&f.kind, value);
            config.insert(attr, short);
        }
    }
    let mut diagnostics = Diagnostics::new();
    if !secrets.is_empty() {
        diagnostics.warning(
            format!("Secrets of {type_name} are left for you to fill in"),
            format!(
                "{vendor} never returns secrets, so the generated configuration leaves {} \
                 unset (`null # sensitive`). Applied as it is, it imports the {object} and \
                 keeps the secret {vendor} holds. To manage the secret from Terraform, set \
                 it in the generated block; the next apply sends it.",
                secrets.join(", "),
                vendor = catalog.vendor,
                object = catalog.object,
            ),
        );
    }
    GenerateConfigResponse {
        config: Value::Object(config),
        diagnostics,
    }
}

/// A nested value with every nested attribute equal to its default left null (the plan fills
/// it in again), as top-level defaults are.
fn without_nested_defaults(kind: &Kind, value: &Value) -> Value {
    let Some(fields) = kind.nested_fields() else {
        return value.clone();
    };
    let object = |v: &Value| {
        let Value::Object(m) = v else {
            return v.clone();
        };
        let mut m = m.clone();
        for f in fields.iter() {
            let attr = f.attribute();
            let Some(inner) = m.get(&attr) else { continue };
            let short = match f.default() {
                Some(d) if *inner == default_value(d) => Value::Null,
                _ => without_nested_defaults(&f.kind, inner),
            };
            m.insert(attr, short);
        }
        Value::Object(m)
    };
    match value {
        Value::List(items) => Value::List(items.iter().map(object).collect()),
        other => object(other),
    }
}
