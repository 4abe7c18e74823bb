//! Every resource type through the real Terraform CLI against the sandbox: create (and what the
//! API stored), an empty plan, an in-place update (the PUT carries the secret again), a secret
//! rotated through `_wo_version`, import by id then an empty plan, destroy.
//!
//! A catalog type without a row here fails `every_type_has_a_row`.

use crate::support::Acceptance;

use infracast::catalog::{ALL, CATALOG};
use serde_json::{Value as Json, json};

pub(crate) struct Row {
    pub(crate) ty: &'static str,
    /// Non-secret attributes at create, as HCL.
    attributes: &'static [(&'static str, &'static str)],
    /// The secret attribute and its value at create (rotated: the value with `-rotated`).
    pub(crate) secret: (&'static str, &'static str),
    /// An in-place change.
    pub(crate) update: (&'static str, &'static str),
    /// Config keys the API must hold after create (lists compared as sets).
    wire: fn() -> Json,
}

pub(crate) fn rows() -> Vec<Row> {
    vec![
        Row {
            ty: "webhook",
            attributes: &[
                ("url", r#""https://hooks.example.com/infracast""#),
                ("events", r#"["finding.created", "job.failed"]"#),
                ("filters", r#"{ severity = ["CRITICAL", "HIGH"] }"#),
                ("headers", r#"{ X-Source = "infracast" }"#),
            ],
            secret: ("secret", "hmac-signing-secret-1"),
            update: ("timeout_seconds", "15"),
            wire: || {
                json!({"url": "https://hooks.example.com/infracast",
                    "events": ["finding.created", "job.failed"],
                    "filters": {"severity": ["CRITICAL", "HIGH"]},
                    "headers": {"X-Source": "infracast"}, "timeout_seconds": 30})
            },
        },
        Row {
            ty: "servicenow",
            attributes: &[
                ("instance_url", r#""https://acme.service-now.com""#),
                ("username", r#""svc_infracast""#),
                ("ci_class_mapping", r#"{ server = "cmdb_ci_server" }"#),
                ("incident_creation_enabled", "true"),
                ("incident_assignment_group", r#""SecOps""#),
                ("minimum_severity", r#""HIGH""#),
            ],
            secret: ("password", "servicenow-password-1"),
            update: ("cmdb_sync_enabled", "true"),
            wire: || {
                json!({"instance_url": "https://acme.service-now.com", "username": "svc_infracast",
                    "ci_class_mapping": {"server": "cmdb_ci_server"},
                    "incident_creation_enabled": true, "cmdb_sync_enabled": false,
                    "poam_sync_enabled": false, "minimum_severity": "HIGH"})
            },
        },
        Row {
            ty: "splunk",
            attributes: &[
                (
                    "hec_url",
                    r#""https://splunk.example.com:8088/services/collector/event""#,
                ),
                ("index", r#""security""#),
                ("events", r#"["finding.created"]"#),
            ],
            secret: ("hec_token", "splunk-hec-token-1"),
            update: ("minimum_severity", r#""LOW""#),
            wire: || {
                json!({"hec_url": "https://splunk.example.com:8088/services/collector/event",
                    "index": "security", "source_type": "infracast:finding", "tls_verify": true,
                    "events": ["finding.created"]})
            },
        },
        Row {
            ty: "elastic",
            attributes: &[("instance_url", r#""https://elastic.example.com:9200""#)],
            secret: ("api_key", "elastic-api-key-1"),
            update: ("instance_url", r#""https://elastic-2.example.com:9200""#),
            wire: || json!({"instance_url": "https://elastic.example.com:9200"}),
        },
        Row {
            ty: "jira",
            attributes: &[
                ("instance_url", r#""https://acme.atlassian.net""#),
                ("username", r#""bot@acme.example""#),
            ],
            secret: ("api_key", "jira-api-key-1"),
            update: ("username", r#""bot-2@acme.example""#),
            wire: || json!({"instance_url": "https://acme.atlassian.net", "username": "bot@acme.example"}),
        },
        Row {
            ty: "slack",
            attributes: &[("events", r#"["finding.created"]"#)],
            secret: (
                "webhook_url",
                "https://hooks.slack.com/services/T000/B000/slack-token-1",
            ),
            update: ("events", r#"["finding.created", "asset.created"]"#),
            wire: || json!({"events": ["finding.created"]}),
        },
        Row {
            ty: "microsoft_teams",
            attributes: &[("events", r#"["job.completed", "job.failed"]"#)],
            secret: (
                "webhook_url",
                "https://acme.webhook.office.com/webhookb2/teams-token-1",
            ),
            update: ("events", r#"["poam.updated"]"#),
            wire: || json!({"events": ["job.completed", "job.failed"]}),
        },
        Row {
            ty: "okta_sso",
            attributes: &[
                (
                    "discovery_url",
                    r#""https://acme.okta.com/.well-known/openid-configuration""#,
                ),
                ("client_id", r#""0oa1b2c3d4""#),
            ],
            secret: ("client_secret", "okta-client-secret-1"),
            update: ("groups_attribute", r#""memberOf""#),
            wire: || {
                json!({"discovery_url": "https://acme.okta.com/.well-known/openid-configuration",
                    "client_id": "0oa1b2c3d4", "email_attribute": "email",
                    "first_name_attribute": "firstName", "last_name_attribute": "lastName",
                    "groups_attribute": "groups"})
            },
        },
    ]
}

/// How [`hcl`] writes the secret of a row.
pub(crate) enum Secret<'a> {
    /// The sensitive attribute: `webhook_url = "..."`.
    Plain(&'a str),
    /// Write-only (Terraform 1.11+), with its version unless `None`.
    WriteOnly(&'a str, Option<u32>),
    /// Left out: an imported integration keeps the secret Infracast holds.
    Omitted,
}

/// The resource block `infracast_integration_<type>.this`: `attributes` with `changes`, and the
/// secret as `secret` says.
pub(crate) fn hcl(row: &Row, changes: &[(&str, &str)], secret: Secret) -> String {
    let mut attributes: Vec<(&str, &str)> = row.attributes.to_vec();
    for (k, v) in changes {
        match attributes.iter_mut().find(|(a, _)| a == k) {
            Some(slot) => slot.1 = v,
            None => attributes.push((k, v)),
        }
    }
    let mut body = format!("  name = \"{} acceptance\"\n", row.ty);
    for (k, v) in attributes {
        body.push_str(&format!("  {k} = {v}\n"));
    }
    let name = row.secret.0;
    match secret {
        Secret::Plain(value) => body.push_str(&format!("  {name} = \"{value}\"\n")),
        Secret::WriteOnly(value, version) => {
            body.push_str(&format!("  {name}_wo = \"{value}\"\n"));
            if let Some(v) = version {
                body.push_str(&format!("  {name}_wo_version = {v}\n"));
            }
        }
        Secret::Omitted => {}
    }
    format!(
        "resource \"infracast_integration_{}\" \"this\" {{\n{body}}}\n",
        row.ty
    )
}

/// Arrays as sorted lists, so that sets compare whatever their order.
fn normalized(v: &Json) -> Json {
    match v {
        Json::Array(items) => {
            let mut items: Vec<Json> = items.iter().map(normalized).collect();
            items.sort_by_key(|i| i.to_string());
            Json::Array(items)
        }
        Json::Object(m) => {
            Json::Object(m.iter().map(|(k, v)| (k.clone(), normalized(v))).collect())
        }
        other => other.clone(),
    }
}

fn run(ty: &str) {
    let row = rows().into_iter().find(|r| r.ty == ty).expect("a row");
    let address = format!("infracast_integration_{ty}.this");
    let (secret, rotated) = (row.secret.1, format!("{}-rotated", row.secret.1));
    let t = Acceptance::new();
    let stored = |id: &str| t.integration(id).expect("the sandbox holds it");

    // Create.
    t.config(&hcl(&row, &[], Secret::WriteOnly(secret, Some(1))));
    t.apply();
    let state = t.resource(&address);
    let id = state["id"].as_str().expect("an id").to_owned();
    assert_eq!(state["status"], "active", "{ty}: {state:#}");
    let held = stored(&id);
    assert_eq!(held["type"], ty);
    for (key, value) in (row.wire)().as_object().unwrap() {
        assert_eq!(
            normalized(&held["stored_config"][key]),
            normalized(value),
            "{ty}: config.{key}: {held:#}"
        );
    }
    assert_eq!(held["stored_config"][row.secret.0], secret, "{ty}");
    t.assert_plan_empty();

    // In place: the PUT replaces the whole integration, so it carries the secret again.
    t.config(&hcl(
        &row,
        &[row.update],
        Secret::WriteOnly(secret, Some(1)),
    ));
    let r = t.apply();
    assert!(
        r.stdout.contains("0 added, 1 changed, 0 destroyed"),
        "{ty}: {}",
        r.stdout
    );
    assert_eq!(t.resource(&address)["id"], id.as_str());
    assert_eq!(stored(&id)["stored_config"][row.secret.0], secret, "{ty}");
    t.assert_plan_empty();

    // Rotation: a new write-only value is sent when its version changes.
    t.config(&hcl(
        &row,
        &[row.update],
        Secret::WriteOnly(&rotated, Some(2)),
    ));
    let r = t.apply();
    assert!(
        r.stdout.contains("0 added, 1 changed, 0 destroyed"),
        "{ty}: {}",
        r.stdout
    );
    assert_eq!(
        stored(&id)["stored_config"][row.secret.0],
        rotated.as_str(),
        "{ty}"
    );
    t.assert_plan_empty();

    // Import by id (the secret unversioned, as after adopting an integration), then no diff.
    let rm = t.terraform(&["state", "rm", "-no-color", &address]);
    assert_eq!(rm.code, 0, "{}", rm.all());
    t.config(&format!(
        "{}\nimport {{\n  to = {address}\n  id = \"{id}\"\n}}\n",
        hcl(&row, &[row.update], Secret::WriteOnly(&rotated, None))
    ));
    let r = t.apply();
    assert!(
        r.stdout
            .contains("1 imported, 0 added, 0 changed, 0 destroyed"),
        "{ty}: {}",
        r.stdout
    );
    t.assert_plan_empty();

    t.destroy();
    assert!(t.integrations().is_empty(), "{ty}: {:?}", t.integrations());
}

#[test]
fn every_type_has_a_row() {
    let rows = rows();
    for ty in ALL {
        let row = rows.iter().find(|r| r.ty == ty.name);
        let row = row.unwrap_or_else(|| panic!("no row for {}", CATALOG.resource_name(ty)));
        assert!(
            ty.field(row.secret.0).is_some_and(|f| f.secret),
            "{}",
            ty.name
        );
    }
    assert_eq!(rows.len(), ALL.len());
}

macro_rules! types {
    ($($ty:ident),* $(,)?) => {
        $(
            #[test]
            fn $ty() {
                run(stringify!($ty));
            }
        )*
    };
}

types!(
    webhook,
    servicenow,
    splunk,
    elastic,
    jira,
    slack,
    microsoft_teams,
    okta_sso
);
