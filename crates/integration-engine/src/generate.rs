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

use crate::catalog::{Catalog, IntegrationType};
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
    for field in ty.fields.iter().filter(|f| f.secret) {
        let n = secret_names(field);
        for name in [&n.plain, &n.write_only, &n.version] {
            config.insert(name.clone(), Value::Null);
        }
        secrets.push(format!("`{}` (or `{}`)", n.plain, n.write_only));
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
