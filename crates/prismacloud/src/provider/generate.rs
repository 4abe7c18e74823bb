//! Configuration generated from an integration's state (`GenerateResourceConfig`), for
//! `terraform query -generate-config-out` and `terraform plan -generate-config-out`.
//!
//! Terraform writes the value we return as HCL, and decides some of it itself: every sensitive
//! attribute comes out as `null # sensitive` whatever we return, computed attributes that are
//! null are left out, and other null attributes come out as `x = null`. So what we choose is:
//! status attributes and the ID out (they are computed); defaults out (the file stays short and
//! the plan fills them in, equal to the state); secrets unset in both forms. That last one is
//! what the API forces — it never returns secrets — and it is valid configuration: an existing
//! integration left without its secret keeps the one Prisma Cloud holds (see
//! [`super::validate::UnsetSecrets`]). A warning says so, naming the attributes to fill in to
//! manage the secret from Terraform.

use crate::catalog::IntegrationType;
use tfplugin::diag::Diagnostics;
use tfplugin::provider::GenerateConfigResponse;
use tfplugin::value::Value;

use super::schema::{STATUS_ATTRIBUTES, default_value, secret_names};

/// The configuration that reproduces `state` of an integration of `ty` (`type_name`).
pub fn generate(ty: &IntegrationType, type_name: &str, state: &Value) -> GenerateConfigResponse {
    let Some(map) = state.as_object() else {
        return GenerateConfigResponse {
            config: Value::Null,
            diagnostics: Diagnostics::new(),
        };
    };
    let mut config = map.clone();
    config.insert("id".into(), Value::Null);
    for (name, _, _) in STATUS_ATTRIBUTES {
        config.insert(name.to_string(), Value::Null);
    }
    let mut defaults = vec![
        ("description".to_string(), Value::string("")),
        ("enabled".to_string(), Value::Bool(true)),
    ];
    defaults.extend(
        ty.fields
            .iter()
            .filter_map(|f| Some((f.attribute(), default_value(f.default()?)))),
    );
    for (name, default) in defaults {
        if config.get(&name) == Some(&default) {
            config.insert(name, Value::Null);
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
                "Prisma Cloud never returns secrets, so the generated configuration leaves {} \
                 unset (`null # sensitive`). Applied as it is, it imports the integration and \
                 keeps the secret Prisma Cloud holds. To manage the secret from Terraform, set \
                 it in the generated block; the next apply sends it.",
                secrets.join(", ")
            ),
        );
    }
    GenerateConfigResponse {
        config: Value::Object(config),
        diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Integration;
    use crate::catalog;
    use crate::provider::fixtures;
    use crate::provider::state::state_from_api;

    fn slack_state(enabled: bool, description: &str) -> Value {
        let api = Integration {
            name: "Alerts to secops".into(),
            description: description.into(),
            enabled,
            ..fixtures::integration("slack", serde_json::json!({"webhookUrl": "**********"}))
        };
        state_from_api(catalog::find("slack").unwrap(), &api, &Value::Null)
    }

    #[test]
    fn status_defaults_and_secrets_are_left_out() {
        let ty = catalog::find("slack").unwrap();
        let out = generate(ty, "prismacloud_integration_slack", &slack_state(true, ""));
        let c = &out.config;
        assert_eq!(c.get("name"), &Value::string("Alerts to secops"));
        for gone in [
            "id",
            "created_by",
            "created_ts",
            "description",
            "enabled",
            "webhook_url",
            "webhook_url_wo",
            "webhook_url_wo_version",
        ] {
            assert_eq!(c.get(gone), &Value::Null, "{gone}");
        }
        let warning = out.diagnostics.iter().next().expect("a warning");
        assert!(
            warning
                .detail
                .contains("`webhook_url` (or `webhook_url_wo`)")
        );
        assert!(!out.diagnostics.has_errors());
    }

    #[test]
    fn values_other_than_defaults_stay() {
        let ty = catalog::find("slack").unwrap();
        let out = generate(ty, "t", &slack_state(false, "routed by the platform team"));
        assert_eq!(out.config.get("enabled"), &Value::Bool(false));
        assert_eq!(
            out.config.get("description"),
            &Value::string("routed by the platform team")
        );
    }
}
