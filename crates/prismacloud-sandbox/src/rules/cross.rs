//! Rules that involve several `integrationConfig` keys of one type.

use serde_json::{Map, Value};

use crate::error::{Violation, keys};
use crate::integration_type::IntegrationType;

/// Whether `key` carries a value (absent, null and blank strings do not).
fn given(config: &Map<String, Value>, key: &str) -> bool {
    match config.get(key) {
        None | Some(Value::Null) => false,
        Some(Value::String(s)) => !s.trim().is_empty(),
        Some(_) => true,
    }
}

fn path(key: &str) -> String {
    format!("integrationConfig.{key}")
}

fn missing(key: &str, why: &str) -> Violation {
    let subject = path(key);
    Violation::new(
        keys::MISSING_PARAMETER,
        &subject,
        format!("{subject} is required {why}"),
    )
}

/// Keys that must be given together: pushes a violation for the missing half.
fn together(config: &Map<String, Value>, a: &str, b: &str, out: &mut Vec<Violation>) {
    match (given(config, a), given(config, b)) {
        (true, false) => out.push(missing(b, &format!("when {a} is set"))),
        (false, true) => out.push(missing(a, &format!("when {b} is set"))),
        _ => {}
    }
}

/// Checks the multi-key rules of `ty` on a config whose single keys are already valid.
pub(super) fn check(ty: IntegrationType, config: &Map<String, Value>, out: &mut Vec<Violation>) {
    match ty {
        IntegrationType::AmazonSqs => {
            together(config, "accessKey", "secretKey", out);
            together(config, "roleArn", "externalId", out);
            let keys_given = given(config, "accessKey") || given(config, "secretKey");
            let role_given = given(config, "roleArn") || given(config, "externalId");
            if keys_given && role_given {
                out.push(Violation::new(
                    keys::CONFLICTING_PARAMETERS,
                    path("roleArn"),
                    "give either accessKey and secretKey, or roleArn and externalId, not both",
                ));
            }
        }
        IntegrationType::AzureServiceBusQueue => {
            match (
                given(config, "accountId"),
                given(config, "connectionString"),
            ) {
                (false, false) => out.push(missing(
                    "accountId",
                    "unless connectionString is set (give exactly one of them)",
                )),
                (true, true) => out.push(Violation::new(
                    keys::CONFLICTING_PARAMETERS,
                    path("connectionString"),
                    "give exactly one of accountId or connectionString, not both",
                )),
                _ => {}
            }
        }
        IntegrationType::Demisto => {
            let v8 = config.get("demistoVersion").and_then(Value::as_str) == Some("8.0");
            if v8 && !given(config, "apiKeyID") {
                out.push(missing("apiKeyID", "when demistoVersion is \"8.0\""));
            }
        }
        IntegrationType::Webhook => {
            let enabled = config.get("isCustomPayloadEnabled") == Some(&Value::Bool(true));
            if enabled && !given(config, "customPayloads") {
                out.push(missing(
                    "customPayloads",
                    "when isCustomPayloadEnabled is true",
                ));
            }
        }
        _ => {}
    }
}
