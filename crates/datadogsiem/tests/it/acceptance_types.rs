//! Every source type end to end through the real Terraform CLI against the sandbox: create,
//! empty plan, update in place (name, settings, enabled, secret rotation), import (the secrets
//! left to Datadog) then empty plan, destroy.

use serde_json::{Value as Json, json};

use crate::support::{Acceptance, hcl_string, key_file};

/// One source type's part of the lifecycle.
struct Case {
    ty: &'static str,
    wire: &'static str,
    domain: &'static str,
    /// The secrets' HCL at version `n` (1 at create, 2 after rotation).
    secrets: fn(u32) -> String,
    /// What the sandbox must hold in `secrets` after version `n`.
    stored: fn(u32) -> Json,
    /// Created with `enabled = false` (then enabled), rather than the other way round.
    disabled_first: bool,
    /// Imported by identity rather than by id.
    by_identity: bool,
}

/// The resource block `datadogsiem_entity_context_sync_<ty>.this`; `secrets` is HCL lines.
pub(crate) fn resource(
    (ty, domain): (&str, &str),
    name: &str,
    settings: &str,
    enabled: bool,
    secrets: &str,
) -> String {
    format!(
        r#"
resource "datadogsiem_entity_context_sync_{ty}" "this" {{
  name     = "{name}"
  domain   = "{domain}"
  enabled  = {enabled}
  settings = {settings}
{secrets}
}}
"#
    )
}

fn lifecycle(case: Case) {
    let t = Acceptance::new();
    let address = format!("datadogsiem_entity_context_sync_{}.this", case.ty);
    let first_settings = r#"jsonencode({ region = "eu", depth = 1 })"#;
    let second_settings = r#"jsonencode({ region = "us", tags = ["a", "b"] })"#;

    // Create.
    let enabled = !case.disabled_first;
    t.config(&resource(
        (case.ty, case.domain),
        "first",
        first_settings,
        enabled,
        &(case.secrets)(1),
    ));
    let out = t.apply();
    assert!(out.stdout.contains("1 added, 0 changed"), "{}", out.stdout);
    let id = t.id_of(&address);
    let stored = t.stored(&id);
    assert_eq!(stored["name"], "first");
    assert_eq!(stored["domain"], case.domain);
    assert_eq!(stored["integration_type"], case.wire);
    assert_eq!(stored["enabled"], enabled, "enabled = {enabled} at create");
    assert_eq!(stored["settings"], json!({"region": "eu", "depth": 1}));
    assert_eq!(stored["secrets"], (case.stored)(1));
    let state = t.state_of(&address);
    assert_eq!(state["state"], "valid");
    assert!(
        state["created_at"]
            .as_str()
            .is_some_and(|s| s.ends_with('Z')),
        "{state:#}"
    );
    assert!(state["modified_at"].is_string(), "{state:#}");
    t.assert_plan_empty();

    // Update in place: name, settings, enabled, and the secrets rotated.
    t.config(&resource(
        (case.ty, case.domain),
        "second",
        second_settings,
        !enabled,
        &(case.secrets)(2),
    ));
    let out = t.apply();
    assert!(out.stdout.contains("0 added, 1 changed"), "{}", out.stdout);
    assert_eq!(t.id_of(&address), id, "updated in place");
    let stored = t.stored(&id);
    assert_eq!(stored["name"], "second");
    assert_eq!(stored["enabled"], !enabled);
    assert_eq!(
        stored["settings"],
        json!({"region": "us", "tags": ["a", "b"]})
    );
    assert_eq!(stored["secrets"], (case.stored)(2));
    t.assert_plan_empty();

    // Import: forgotten by this state, adopted again with its secrets left to Datadog.
    t.ok(&["state", "rm", "-no-color", &address]);
    let import = if case.by_identity {
        format!("import {{\n  to       = {address}\n  identity = {{ id = \"{id}\" }}\n}}\n")
    } else {
        format!("import {{\n  to = {address}\n  id = \"{id}\"\n}}\n")
    };
    t.config(&format!(
        "{import}{}",
        resource(
            (case.ty, case.domain),
            "second",
            second_settings,
            !enabled,
            ""
        )
    ));
    let out = t.apply();
    assert!(
        out.stdout.contains("1 imported, 0 added, 0 changed"),
        "{}",
        out.stdout
    );
    t.assert_plan_empty();
    assert_eq!(t.stored(&id)["secrets"], (case.stored)(2), "secrets kept");

    // Destroy.
    t.destroy();
    assert!(t.configs().is_empty(), "{:?}", t.configs());
}

#[test]
fn google_workspace() {
    lifecycle(Case {
        ty: "google_workspace",
        wire: "GOOGLE_WORKSPACE",
        domain: "example.com",
        secrets: |n| {
            format!(
                "  service_account_json_wo         = {}\n  service_account_json_wo_version = {n}\n  admin_email = \"admin@example.com\"",
                hcl_string(&key_file(&format!("KEY-V{n}")))
            )
        },
        stored: |n| {
            let key: Json = serde_json::from_str(&key_file(&format!("KEY-V{n}"))).unwrap();
            json!({"service_account_json": key, "admin_email": "admin@example.com"})
        },
        disabled_first: false,
        by_identity: false,
    });
}

#[test]
fn okta() {
    lifecycle(Case {
        ty: "okta",
        wire: "OKTA",
        domain: "example.okta.com",
        secrets: |n| format!("  api_token_wo = \"okta-token-v{n}\"\n  api_token_wo_version = {n}"),
        stored: |n| json!({"api_token": format!("okta-token-v{n}")}),
        disabled_first: false,
        by_identity: true,
    });
}

#[test]
fn entra_id() {
    lifecycle(Case {
        ty: "entra_id",
        wire: "ENTRA_ID",
        domain: "example.onmicrosoft.com",
        secrets: |_| String::new(),
        stored: |_| json!({}),
        disabled_first: false,
        by_identity: false,
    });
}

#[test]
fn crowdstrike() {
    // The client ID stays; only the rotated secret is sent (a partial PATCH keeps the other).
    lifecycle(Case {
        ty: "crowdstrike",
        wire: "CROWDSTRIKE",
        domain: "api.crowdstrike.com",
        secrets: |n| {
            format!(
                "  client_id = \"falcon-client\"\n  client_secret_wo = \"falcon-secret-v{n}\"\n  client_secret_wo_version = {n}"
            )
        },
        stored: |n| json!({"client_id": "falcon-client", "client_secret": format!("falcon-secret-v{n}")}),
        disabled_first: false,
        by_identity: false,
    });
}

#[test]
fn sentinelone() {
    // Created disabled (a PATCH right after the create), the token in its plain form.
    lifecycle(Case {
        ty: "sentinelone",
        wire: "SENTINELONE",
        domain: "example.sentinelone.net",
        secrets: |n| format!("  api_token = \"s1-token-v{n}\""),
        stored: |n| json!({"api_token": format!("s1-token-v{n}")}),
        disabled_first: true,
        by_identity: false,
    });
}
