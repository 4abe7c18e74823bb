//! `data "prismacloud_integration_test"`: asks Prisma Cloud whether a configuration works,
//! without saving it.
//!
//! `config` takes the resource's attribute names (secrets in their plain form) and is checked
//! with the resource's rules. The request is the one a create would send: the same plan
//! (defaults) and the same request building as the resource, then the test endpoint. A failed
//! test is a result (`success = false`), not an error, so that a `check` block can assert on it;
//! errors are for what is not a verdict (bad credentials, rate limits, types without a test
//! call). No secret reaches the state: `config`'s secret keys are stored as null, and the API's
//! message is scrubbed of every configured secret.

use std::collections::BTreeMap;

use integration_engine::data_sources::arguments;
use integration_engine::errors::{Attributes, Hints, api_error_about, scrub, verdict_text};
use integration_engine::plan::plan;
use integration_engine::schema::secret_names;
use integration_engine::state::{integration_request, secret_values};
use integration_engine::validate::validate_config;
use tfplugin::diag::{AttributePath, Diagnostics};
use tfplugin::provider::{PlanRequest, ReadDataResponse};
use tfplugin::schema::{Attribute, Block, Presence, Schema};
use tfplugin::value::{Type, Value};

use super::conform::config_object;
use crate::api::Client;
use crate::catalog::{CATALOG, IntegrationType};
use crate::provider::{PrismaCloud, client};

pub const TYPE_NAME: &str = "prismacloud_integration_test";

/// The name sent with the tested configuration: the API validates a test body as a create, and
/// a create needs a name (the test neither stores it nor checks that it is unique).
const TEST_NAME: &str = "Terraform integration test";

const DESCRIPTION: &str = "Tests an integration's configuration with Prisma Cloud without \
saving it. A failed test is a result (`success = false`), not an error, so the data source fits a \
`check` block: Terraform then warns, and the apply goes on.

**In a `check` block, `terraform plan -detailed-exitcode` exits 2 on every plan**, even with \
nothing to change: Terraform reads a `check` block's data source during apply, and a read counts \
as a change. Where a pipeline takes exit code 2 for drift, count the changes of managed \
resources in the saved plan instead:

```shell
terraform plan -out=tfplan
terraform show -json tfplan | jq '[.resource_changes[]? | select(.mode == \"managed\" and .change.actions != [\"no-op\"])] | length'
```

Or, if a failed test should stop the run anyway, declare the data source outside a `check` \
block with a `postcondition` on `self.success`: Terraform then reads it during plan (once its \
configuration is known), and the exit code reflects only real changes.";

pub fn schema() -> Schema {
    Schema {
        version: 0,
        block: Block {
            attributes: vec![
                Attribute::new("integration_type", Type::String, Presence::Required).description(
                    "The integration type to test, e.g. `slack` or `service_now` (the suffix of \
                     its resource type). Cortex XSOAR (`demisto`) has no test call.",
                ),
                Attribute::new("config", Type::Dynamic, Presence::Required)
                    .sensitive(true)
                    .description(
                        "The configuration to test: an object whose keys are the attribute names \
                         of the type's resource (`prismacloud_integration_<integration_type>`), \
                         secrets in their plain form (`webhook_url`, not `webhook_url_wo`). It is \
                         checked with the resource's rules and defaults; its secret keys are \
                         stored as null.",
                    ),
                Attribute::new("success", Type::Bool, Presence::Computed)
                    .description("Whether Prisma Cloud could use the configuration."),
                Attribute::new("status_code", Type::Number, Presence::Computed)
                    .description("The HTTP status of the test call's answer (200 on success)."),
                Attribute::new("message", Type::String, Presence::Computed).description(
                    "Prisma Cloud's reasons when the test failed (empty on success), with \
                     configured secrets removed.",
                ),
            ],
            description: DESCRIPTION.into(),
            deprecated: false,
        },
    }
}

/// What a valid configuration yields: the type and `config` shaped like the resource's.
struct Prepared {
    ty: &'static IntegrationType,
    config: Value,
}

/// Checks `config` (values may be unknown: never an error for that). `None` when something
/// is unknown or wrong (then `diags` says what).
fn prepare(config: &Value, diags: &mut Diagnostics) -> Option<Prepared> {
    let ty = arguments::integration_type_argument(&CATALOG, config, diags)?;
    if !ty.testable {
        diags.attribute_error(
            AttributePath::root("integration_type"),
            format!("{} integrations cannot be tested", ty.title),
            format!(
                "integration_type = {:?}: Prisma Cloud offers no test call for {} \
                 integrations. Remove this data source (or its check block), or test another \
                 integration type.",
                ty.name, ty.title
            ),
        );
        return None;
    }
    let base = AttributePath::root("config");
    let shaped = config_object(ty, config.get("config"), &base, diags);
    if shaped.is_unknown() {
        return None;
    }
    validate_config(ty, &shaped, &base, diags);
    Some(Prepared { ty, config: shaped })
}

pub fn validate(config: &Value) -> Diagnostics {
    let mut diags = Diagnostics::new();
    prepare(config, &mut diags);
    diags
}

/// Runs the test (`config` validated already and wholly known, as Terraform reads data
/// sources only then).
pub async fn read(platform: &PrismaCloud, client: &Client, config: &Value) -> ReadDataResponse {
    // Validation reported its warnings already: they are not repeated.
    let mut diagnostics = Diagnostics::new();
    let Some(Prepared { ty, config: shaped }) = prepare(config, &mut Diagnostics::new()) else {
        diagnostics.error(
            "Configuration not known",
            "The test can only run once integration_type and config are known.",
        );
        return ReadDataResponse {
            diagnostics,
            ..Default::default()
        };
    };
    let secrets = secret_values(ty, &[&shaped]);
    // What the API says about a key is said about `config.<attribute>`, as the user wrote it.
    let at = Attributes {
        catalog: &CATALOG,
        ty,
        prefixes: platform.config_path_prefixes(),
        base: AttributePath::root("config"),
        frame: false,
        config: &shaped,
    };
    let outcome = client.test(&create_request(ty, &shaped)).await;
    let (success, status_code, message) = match outcome {
        Ok(o) => {
            let said = verdict_text(&at, &o.messages, &o.failed_checks);
            // A failure without a reason says so in the client's words.
            let message = if said.is_empty() { o.message } else { said };
            (o.success, o.status_code, scrub(&message, &secrets))
        }
        Err(e) => {
            diagnostics.extend(
                api_error_about(
                    &CATALOG,
                    platform,
                    &format!("test the {} configuration", ty.title),
                    TYPE_NAME,
                    &e,
                    &secrets,
                    Some(&at),
                )
                .into(),
            );
            return ReadDataResponse {
                diagnostics,
                ..Default::default()
            };
        }
    };
    let state = BTreeMap::from([
        (
            "integration_type".to_string(),
            config.get("integration_type").clone(),
        ),
        ("config".into(), without_secrets(ty, config.get("config"))),
        ("success".into(), Value::Bool(success)),
        ("status_code".into(), Value::int(i64::from(status_code))),
        ("message".into(), Value::String(message)),
    ]);
    ReadDataResponse {
        state: Value::Object(state),
        diagnostics,
    }
}

/// The request a create of this configuration would send: the resource's own plan (defaults)
/// and request building, with the test's name.
fn create_request(ty: &'static IntegrationType, shaped: &Value) -> crate::api::IntegrationRequest {
    let mut resource_config = shaped.as_object().cloned().unwrap_or_default();
    resource_config.insert("name".into(), Value::string(TEST_NAME));
    let resource_config = Value::Object(resource_config);
    let planned = plan(
        &CATALOG,
        ty,
        &PlanRequest {
            type_name: CATALOG.resource_name(ty),
            prior_state: Value::Null,
            proposed_new_state: resource_config.clone(),
            config: resource_config.clone(),
            prior_private: Vec::new(),
            prior_identity: Value::Null,
        },
    )
    .planned_state;
    client::request(&integration_request(
        &CATALOG,
        ty,
        &planned,
        &resource_config,
        &Value::Null,
    ))
}

/// `config` as written, each secret key's value replaced by null.
fn without_secrets(ty: &IntegrationType, config: &Value) -> Value {
    let Some(entries) = config.as_object() else {
        return config.clone();
    };
    let secret: Vec<String> = ty
        .fields
        .iter()
        .filter(|f| f.holds_secrets())
        .map(|f| secret_names(f).plain)
        .collect();
    let kept = entries
        .iter()
        .map(|(k, v)| {
            let v = if secret.contains(k) {
                Value::Null
            } else {
                v.clone()
            };
            (k.clone(), v)
        })
        .collect();
    match config {
        Value::Map(_) => Value::Map(kept),
        _ => Value::Object(kept),
    }
}

#[cfg(test)]
mod tests;
