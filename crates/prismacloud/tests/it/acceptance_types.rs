//! Every catalog type through the real Terraform CLI: create (and what the API stored), plan
//! empty, update in place, replacement where the type has immutable attributes, import by id with
//! secrets in their write-only form then plan empty, and destroy.
//!
//! The table below gives sample values; which attributes are secret (and so get a write-only
//! form on import) and which force replacement comes from the catalog. A catalog type without a
//! row here fails `every_catalog_type_has_a_row`.

use crate::support;

use prismacloud::catalog::{self, Mutability};
use serde_json::{Value as Json, json};
use support::Acceptance;

pub(crate) struct Row {
    ty: &'static str,
    /// Other resources this one needs (HCL).
    prelude: &'static str,
    /// Attribute values at create, as HCL expressions.
    create: &'static [(&'static str, &'static str)],
    /// `integrationConfig` keys the API must hold after create (a subset).
    wire: fn() -> Json,
    /// An in-place change.
    pub(crate) update: (&'static str, &'static str),
    /// A change to an attribute that forces replacement.
    replace: Option<(&'static str, &'static str)>,
}

/// How [`resource_hcl`] writes the secrets of a row.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Secrets {
    /// Sensitive arguments: `webhook_url = ...`.
    Plain,
    /// Write-only arguments (Terraform 1.11+): `webhook_url_wo = ...`.
    WriteOnly,
    /// Left out: an imported integration keeps the secrets Prisma Cloud has.
    Omitted,
}

const ROLE: &str = "\"arn:aws:iam::123456789012:role/PrismaCloud\"";
const EXTERNAL_ID: &str = "\"2c7c5a1e-0b5f-4a43-9d1e-6f0f3b7d1a11\"";
const REGION: &str = r#"{ name = "AWS Virginia", api_identifier = "us-east-1", cloud_type = "aws", sdk_id = "us-east-1", enabled = true }"#;

const STAGING: &str = r#"
resource "prismacloud_integration_aws_s3" "staging" {
  name        = "Snowflake staging"
  s3_uri      = "s3://snowflake-staging/prisma/"
  region      = "us-east-1"
  role_arn    = "arn:aws:iam::123456789012:role/PrismaCloud"
  external_id = "6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b"
}
"#;

fn rows() -> Vec<Row> {
    vec![
        Row {
            ty: "aws_security_hub",
            prelude: "",
            create: &[
                (
                    "regions",
                    "[{ name = \"AWS Virginia\", api_identifier = \"us-east-1\", cloud_type = \"aws\", sdk_id = \"us-east-1\", enabled = true }]",
                ),
                ("default_region", REGION),
                ("account_id", "\"123456789012\""),
            ],
            wire: || json!({"accountId": "123456789012", "regions": [{"name": "AWS Virginia", "apiIdentifier": "us-east-1", "cloudType": "aws", "sdkId": "us-east-1", "enabled": true}], "defaultRegion": {"name": "AWS Virginia", "apiIdentifier": "us-east-1", "cloudType": "aws", "sdkId": "us-east-1", "enabled": true}}),
            update: ("account_id", "\"210987654321\""),
            replace: None,
        },
        Row {
            ty: "aws_sdl",
            prelude: "",
            create: &[
                ("s3_uri", "\"s3://security-lake/prisma/\""),
                ("region", "\"us-east-1\""),
                ("role_arn", ROLE),
                ("external_id", EXTERNAL_ID),
            ],
            wire: || json!({"s3Uri": "s3://security-lake/prisma/", "region": "us-east-1", "roleArn": "arn:aws:iam::123456789012:role/PrismaCloud", "externalId": "2c7c5a1e-0b5f-4a43-9d1e-6f0f3b7d1a11"}),
            update: ("region", "\"us-west-2\""),
            replace: None,
        },
        Row {
            ty: "aws_s3",
            prelude: "",
            create: &[
                ("s3_uri", "\"s3://alerts-bucket/\""),
                ("region", "\"eu-west-1\""),
                ("role_arn", ROLE),
                ("external_id", EXTERNAL_ID),
            ],
            wire: || json!({"s3Uri": "s3://alerts-bucket/", "region": "eu-west-1", "rollUpInterval": 60}),
            update: ("roll_up_interval", "30"),
            replace: None,
        },
        Row {
            ty: "amazon_sqs",
            prelude: "",
            create: &[
                (
                    "queue_url",
                    "\"https://sqs.us-east-1.amazonaws.com/123456789012/prisma-alerts\"",
                ),
                ("more_info", "true"),
                ("role_arn", ROLE),
                ("external_id", EXTERNAL_ID),
            ],
            wire: || json!({"queueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/prisma-alerts", "moreInfo": true, "roleArn": "arn:aws:iam::123456789012:role/PrismaCloud"}),
            update: (
                "queue_url",
                "\"https://sqs.us-east-1.amazonaws.com/123456789012/prisma-alerts-2\"",
            ),
            replace: Some((
                "role_arn",
                "\"arn:aws:iam::123456789012:role/PrismaCloud2\"",
            )),
        },
        Row {
            ty: "azure_service_bus_queue",
            prelude: "",
            create: &[
                ("account_id", "\"a1b2c3d4-azure-account\""),
                (
                    "queue_url",
                    "\"https://prisma.servicebus.windows.net/alerts\"",
                ),
            ],
            wire: || json!({"accountId": "a1b2c3d4-azure-account", "queueUrl": "https://prisma.servicebus.windows.net/alerts"}),
            update: (
                "queue_url",
                "\"https://prisma.servicebus.windows.net/alerts-2\"",
            ),
            replace: Some(("account_id", "\"e5f6-azure-account\"")),
        },
        Row {
            ty: "demisto",
            prelude: "",
            create: &[
                ("host_url", "\"xsoar.example.com\""),
                ("api_key", "\"xsoar-api-key-1\""),
                ("demisto_version", "\"8.0\""),
                ("api_key_id", "\"17\""),
            ],
            wire: || json!({"hostUrl": "xsoar.example.com", "apiKey": "xsoar-api-key-1", "demistoVersion": "8.0", "apiKeyID": "17"}),
            update: ("host_url", "\"xsoar2.example.com\""),
            replace: None,
        },
        Row {
            ty: "google_cscc",
            prelude: "",
            create: &[
                ("org_id", "\"123456789012\""),
                ("source_id", "\"organizations/123456789012/sources/555\""),
            ],
            wire: || json!({"orgId": "123456789012", "sourceId": "organizations/123456789012/sources/555"}),
            update: ("source_id", "\"organizations/123456789012/sources/556\""),
            replace: None,
        },
        Row {
            ty: "microsoft_teams",
            prelude: "",
            create: &[(
                "url",
                "\"https://example.webhook.office.com/webhookb2/abc/IncomingWebhook/def\"",
            )],
            wire: || json!({"url": "https://example.webhook.office.com/webhookb2/abc/IncomingWebhook/def"}),
            update: (
                "url",
                "\"https://example.webhook.office.com/webhookb2/abc/IncomingWebhook/xyz\"",
            ),
            replace: None,
        },
        Row {
            ty: "okta",
            prelude: "",
            create: &[
                ("domain", "\"example.okta.com\""),
                ("api_token", "\"okta-token-1\""),
            ],
            wire: || json!({"domain": "example.okta.com", "apiToken": "okta-token-1"}),
            update: ("domain", "\"example-2.okta.com\""),
            replace: None,
        },
        Row {
            ty: "pager_duty",
            prelude: "",
            create: &[("integration_key", "\"pd-key-1\"")],
            wire: || json!({"integrationKey": "pd-key-1"}),
            update: ("integration_key", "\"pd-key-2\""),
            replace: None,
        },
        Row {
            ty: "qualys",
            prelude: "",
            create: &[
                ("login", "\"qualys-user\""),
                ("base_url", "\"qualysapi.qualys.com\""),
                ("password", "\"qualys-pass-1\""),
            ],
            wire: || json!({"login": "qualys-user", "baseUrl": "qualysapi.qualys.com", "password": "qualys-pass-1"}),
            update: ("login", "\"qualys-user-2\""),
            replace: None,
        },
        Row {
            ty: "service_now",
            prelude: "",
            create: &[
                ("host_url", "\"https://example.service-now.com\""),
                ("login", "\"svc-prisma\""),
                ("password", "\"snow-pass-1\""),
                ("tables", "[\"incident\", \"em_event\"]"),
            ],
            wire: || json!({"hostUrl": "https://example.service-now.com", "login": "svc-prisma", "password": "snow-pass-1", "tables": [{"incident": true}, {"sn_si_incident": false}, {"em_event": true}]}),
            update: ("tables", "[\"sn_si_incident\"]"),
            replace: Some(("host_url", "\"https://example2.service-now.com\"")),
        },
        Row {
            ty: "slack",
            prelude: "",
            create: &[(
                "webhook_url",
                "\"https://hooks.slack.com/services/T1/B1/slack-token-1\"",
            )],
            wire: || json!({"webhookUrl": "https://hooks.slack.com/services/T1/B1/slack-token-1"}),
            update: (
                "webhook_url",
                "\"https://hooks.slack.com/services/T1/B1/slack-token-2\"",
            ),
            replace: None,
        },
        Row {
            ty: "snowflake",
            prelude: STAGING,
            create: &[
                ("host_url", "\"https://acct.snowflakecomputing.com\""),
                ("username", "\"PRISMA_SVC\""),
                ("pipename", "\"db.schema.prisma_pipe\""),
                (
                    "staging_integration_id",
                    "prismacloud_integration_aws_s3.staging.id",
                ),
                ("private_key", "\"snowflake-private-key-1\""),
                ("passphrase", "\"snowflake-passphrase-1\""),
            ],
            wire: || json!({"hostUrl": "https://acct.snowflakecomputing.com", "username": "PRISMA_SVC", "pipename": "db.schema.prisma_pipe", "privateKey": "snowflake-private-key-1", "passphrase": "snowflake-passphrase-1", "rollUpInterval": 60}),
            update: ("roll_up_interval", "15"),
            replace: None,
        },
        Row {
            ty: "splunk",
            prelude: "",
            create: &[
                ("auth_token", "\"splunk-token-1\""),
                (
                    "url",
                    "\"https://splunk.example.com:8088/services/collector\"",
                ),
            ],
            wire: || json!({"authToken": "splunk-token-1", "url": "https://splunk.example.com:8088/services/collector", "sourceType": "_json"}),
            update: ("source_type", "\"prisma:alert\""),
            replace: None,
        },
        Row {
            ty: "tenable",
            prelude: "",
            create: &[
                ("access_key", "\"tenable-access-1\""),
                ("secret_key", "\"tenable-secret-1\""),
            ],
            wire: || json!({"accessKey": "tenable-access-1", "secretKey": "tenable-secret-1"}),
            update: ("access_key", "\"tenable-access-2\""),
            replace: None,
        },
        Row {
            ty: "webhook",
            prelude: "",
            create: &[
                ("url", "\"https://hooks.example.com/prisma\""),
                ("auth_token", "\"webhook-token-1\""),
                ("is_custom_payload_enabled", "true"),
                (
                    "custom_payloads",
                    "{ CS = jsonencode([{ resourceId = \"x\" }]) }",
                ),
            ],
            wire: || json!({"url": "https://hooks.example.com/prisma", "authToken": "webhook-token-1", "isCustomPayloadEnabled": true, "customPayloads": {"CS": "[{\"resourceId\":\"x\"}]"}}),
            update: ("url", "\"https://hooks.example.com/prisma-2\""),
            replace: None,
        },
    ]
}

pub(crate) fn row(ty: &str) -> Row {
    rows()
        .into_iter()
        .find(|r| r.ty == ty)
        .unwrap_or_else(|| panic!("no row for {ty}"))
}

/// The resource block `prismacloud_integration_<type>.this`, with `overrides` replacing
/// attributes and secrets written as `secrets` says.
pub(crate) fn resource_hcl(row: &Row, overrides: &[(&str, &str)], secrets: Secrets) -> String {
    let ty = catalog::find(row.ty).unwrap();
    let mut attrs: Vec<(String, String)> = row
        .create
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    for (k, v) in overrides {
        match attrs.iter_mut().find(|(a, _)| a == k) {
            Some(slot) => slot.1 = v.to_string(),
            None => attrs.push((k.to_string(), v.to_string())),
        }
    }
    let mut body = format!(
        "  name        = \"{} acceptance\"\n  description = \"managed by terraform\"\n",
        ty.title
    );
    for (k, v) in attrs {
        let secret = ty.fields.iter().any(|f| f.secret && f.attribute() == k);
        let name = match secrets {
            Secrets::WriteOnly if secret => format!("{k}_wo"),
            Secrets::Omitted if secret => continue,
            _ => k,
        };
        body.push_str(&format!("  {name} = {v}\n"));
    }
    format!(
        "{}\nresource \"prismacloud_integration_{}\" \"this\" {{\n{body}}}\n",
        row.prelude, row.ty
    )
}

fn stored_of_type(t: &Acceptance, ty: &str) -> Vec<Json> {
    t.integrations()
        .into_iter()
        .filter(|i| i["integrationType"] == ty)
        .collect()
}

/// How the provider finds the tenant-scoped v1 endpoints (classic-only types stay classic).
#[derive(Clone, Copy)]
enum Family {
    /// No prisma_id: the provider learns it from the login answer.
    Learned,
    /// prisma_id set.
    V1,
}

fn run_row(ty_name: &str, family: Family) {
    let row = row(ty_name);
    let ty = catalog::find(ty_name).unwrap();
    let address = format!("prismacloud_integration_{ty_name}.this");
    let mut t = Acceptance::new();
    if let Family::V1 = family {
        t.env(
            "PRISMACLOUD_PRISMA_ID",
            prismacloud_sandbox::config::DEFAULT_PRISMA_ID,
        );
    }

    // Create, and check what the API stored.
    t.config(&resource_hcl(&row, &[], Secrets::Plain));
    t.apply();
    let id = t.resource(&address)["id"]
        .as_str()
        .expect("an id")
        .to_string();
    let stored = t.integration(&id).expect("the sandbox holds it");
    let expected = (row.wire)();
    for (key, value) in expected.as_object().unwrap() {
        assert_eq!(
            &stored["integrationConfig"][key], value,
            "{ty_name}: integrationConfig.{key}: {stored:#}"
        );
    }
    t.assert_plan_empty();

    // The family the provider used: v1, with prisma_id set or learned, except for the types the
    // API only serves on the classic endpoints.
    let v1_posts = t
        .sandbox()
        .state()
        .stats()
        .requests_to("POST", "/api/v1/tenant/{prisma_id}/integration");
    let classic_only = ["okta", "qualys", "tenable"].contains(&ty_name);
    if classic_only {
        assert_eq!(v1_posts, 0, "{ty_name}: unexpected v1 create");
    } else {
        assert!(v1_posts >= 1, "{ty_name}: no v1 create");
    }

    // In-place update.
    t.config(&resource_hcl(&row, &[row.update], Secrets::Plain));
    let plan = t.plan();
    assert_eq!(plan.code, 2, "{ty_name}: {}", plan.all());
    assert!(
        plan.stdout.contains("will be updated in-place"),
        "{ty_name}: {}",
        plan.stdout
    );
    assert!(
        !plan.stdout.contains("must be replaced"),
        "{ty_name}: {}",
        plan.stdout
    );
    t.apply();
    assert_eq!(
        t.resource(&address)["id"],
        id.as_str(),
        "{ty_name}: update kept the id"
    );
    t.assert_plan_empty();

    // Replacement, exactly where the catalog says a field is immutable.
    let immutable: Vec<String> = ty
        .fields
        .iter()
        .filter(|f| f.mutability == Mutability::ForcesReplacement)
        .map(|f| f.attribute())
        .collect();
    let mut current_id = id.clone();
    match row.replace {
        Some(change) => {
            assert!(
                immutable.contains(&change.0.to_string()),
                "{ty_name}: {} is not immutable",
                change.0
            );
            t.config(&resource_hcl(&row, &[row.update, change], Secrets::Plain));
            let plan = t.plan();
            assert!(
                plan.stdout.contains("must be replaced"),
                "{ty_name}: {}",
                plan.stdout
            );
            assert!(
                plan.stdout.contains("# forces replacement"),
                "{ty_name}: {}",
                plan.stdout
            );
            t.apply();
            current_id = t.resource(&address)["id"].as_str().unwrap().to_string();
            assert_ne!(
                current_id, id,
                "{ty_name}: replaced means a new integration"
            );
            assert_eq!(
                stored_of_type(&t, ty_name).len(),
                1,
                "{ty_name}: the old one is gone"
            );
            t.assert_plan_empty();
        }
        None => assert!(
            immutable.is_empty(),
            "{ty_name}: needs a replacement row for {immutable:?}"
        ),
    }

    // Import by id, secrets in write-only form: the plan shows the import and nothing else.
    let rm = t.terraform(&["state", "rm", "-no-color", &address]);
    assert_eq!(rm.code, 0, "{}", rm.all());
    let overrides: Vec<(&str, &str)> = std::iter::once(row.update).chain(row.replace).collect();
    t.config(&format!(
        "{}\nimport {{\n  to = {address}\n  id = \"{current_id}\"\n}}\n",
        resource_hcl(&row, &overrides, Secrets::WriteOnly)
    ));
    let plan = t.plan();
    assert!(
        plan.stdout
            .contains("1 to import, 0 to add, 0 to change, 0 to destroy"),
        "{ty_name}: {}",
        plan.all()
    );
    t.apply();
    t.assert_plan_empty();

    t.destroy();
    assert!(
        t.integrations().is_empty(),
        "{ty_name}: {:?}",
        t.integrations()
    );
}

#[test]
fn every_catalog_type_has_a_row() {
    let rows = rows();
    for ty in catalog::ALL {
        assert!(
            rows.iter().any(|r| r.ty == ty.name),
            "no acceptance row for {}",
            ty.name
        );
    }
    assert_eq!(rows.len(), catalog::ALL.len());
}

macro_rules! acceptance {
    ($($name:ident),* $(,)?) => {
        mod learned {
            $(
                #[test]
                fn $name() {
                    super::run_row(stringify!($name), super::Family::Learned);
                }
            )*
        }
        mod v1 {
            $(
                #[test]
                fn $name() {
                    super::run_row(stringify!($name), super::Family::V1);
                }
            )*
        }
    };
}

acceptance!(
    aws_security_hub,
    aws_sdl,
    aws_s3,
    amazon_sqs,
    azure_service_bus_queue,
    demisto,
    google_cscc,
    microsoft_teams,
    okta,
    pager_duty,
    qualys,
    service_now,
    slack,
    snowflake,
    splunk,
    tenable,
    webhook,
);
