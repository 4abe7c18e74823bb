//! Webhook `headers` through the real Terraform CLI against the sandbox: plain headers in
//! `headers`, secure ones there too (name and flags) with their values in the sensitive
//! `secure_header_values` or the write-only `secure_header_values_wo`. What the sandbox stores is
//! exactly what was configured; a secure value is never sent masked, never lost on an update,
//! never shown by the CLI (at `TF_LOG=trace` either) and, in its write-only form, never stored.
//! Import with generated configuration and `moved` from PaloAltoNetworks' provider keep the
//! headers, leaving the secure values for the user to set.

use crate::support;

use std::collections::BTreeMap;

use serde_json::{Value as Json, json};
use support::official::{official_attributes, official_state_with_stand_in};
use support::{Acceptance, Run};

const ADDRESS: &str = "prismacloud_integration_webhook.siem";
const AUTH_TOKEN: &str = "headers-auth-token-Zq81";
const FIRST: &str = "Bearer headers-first-Kx52";
const SECOND: &str = "Bearer headers-second-Pw07";
const WO_FIRST: &str = "Bearer headers-wo-first-Lm33";
const WO_SECOND: &str = "Bearer headers-wo-second-Rt64";
const API_KEY_WO: &str = "headers-api-key-wo-Hy19";
const OUT_OF_BAND: &str = "Bearer headers-console-Vb48";
const FILLED_IN: &str = "Bearer headers-filled-in-Dc26";

const SECRETS: &[&str] = &[
    AUTH_TOKEN,
    FIRST,
    SECOND,
    WO_FIRST,
    WO_SECOND,
    API_KEY_WO,
    OUT_OF_BAND,
    FILLED_IN,
];

/// The webhook with `headers` and whatever sets the secure values.
fn webhook(headers: &str, secrets: &str) -> String {
    format!(
        r#"
resource "prismacloud_integration_webhook" "siem" {{
  name       = "SIEM alerts"
  url        = "https://siem.example.com/hooks/prisma"
  auth_token = "{AUTH_TOKEN}"
  headers    = {headers}
{secrets}
}}
"#
    )
}

const THREE_HEADERS: &str = r#"[
    { key = "X-Source", value = "prisma-cloud" },
    { key = "Authorization", secure = true },
    { key = "X-Team", value = "secops", read_only = true },
  ]"#;

/// The headers the sandbox stores for the one webhook (secure values in clear).
fn stored_headers(t: &Acceptance) -> Json {
    let all = t.integrations();
    assert_eq!(all.len(), 1, "{all:#?}");
    all[0]["integrationConfig"]["headers"].clone()
}

fn header(key: &str, value: &str, secure: bool, read_only: bool) -> Json {
    json!({"key": key, "value": value, "secure": secure, "readOnly": read_only})
}

/// A run that succeeded, without a secret in its output or its trace log.
fn clean(run: Run, what: &str) -> Run {
    assert_eq!(run.code, 0, "{what}:\n{}", run.all());
    run.assert_no_panic();
    assert!(run.log.contains("[TRACE]"), "{what}: no trace log");
    for secret in SECRETS {
        for (place, text) in [
            ("stdout", &run.stdout),
            ("stderr", &run.stderr),
            ("the trace log", &run.log),
        ] {
            assert!(!text.contains(secret), "{what}: a secret is in {place}");
        }
    }
    run
}

fn apply(t: &Acceptance, what: &str) -> Run {
    clean(
        t.terraform(&["apply", "-auto-approve", "-input=false", "-no-color"]),
        what,
    )
}

/// A plan that changes something, and what it shows (whitespace runs made one space, when
/// `flat`).
fn plan_with_changes(t: &Acceptance, what: &str, flat: bool) -> String {
    let run = t.plan();
    assert_eq!(run.code, 2, "{what}: expected changes:\n{}", run.all());
    let run = clean(Run { code: 0, ..run }, what);
    if flat { run.flat() } else { run.stdout }
}

fn no_write_only_value_in_state(t: &Acceptance) {
    let state = t.state_file();
    for secret in [WO_FIRST, WO_SECOND, API_KEY_WO] {
        assert!(
            !state.contains(secret),
            "a write-only value is in the state"
        );
    }
}

#[test]
fn plain_and_secure_headers_round_trip_in_both_secret_forms() {
    let mut t = Acceptance::new();
    t.env("TF_LOG", "trace");

    // Create: plain headers are visible in the plan, the secure value is not.
    t.config(&webhook(
        THREE_HEADERS,
        &format!("  secure_header_values = {{ Authorization = \"{FIRST}\" }}"),
    ));
    let shown = plan_with_changes(&t, "create plan", true);
    for visible in [
        "\"X-Source\"",
        "\"prisma-cloud\"",
        "\"Authorization\"",
        "secure",
    ] {
        assert!(shown.contains(visible), "{visible} in:\n{shown}");
    }
    assert!(
        shown.contains("secure_header_values = (sensitive value)"),
        "{shown}"
    );
    apply(&t, "create");
    assert_eq!(
        stored_headers(&t),
        json!([
            header("X-Source", "prisma-cloud", false, false),
            header("Authorization", FIRST, true, false),
            header("X-Team", "secops", false, true),
        ])
    );
    t.assert_plan_empty();
    let state = t.resource(ADDRESS);
    assert_eq!(state["headers"][1]["value"], Json::Null, "{state:#}");
    assert_eq!(state["headers"][2]["read_only"], true);

    // A new secure value, plain form: only the sensitive map changes.
    t.config(&webhook(
        THREE_HEADERS,
        &format!("  secure_header_values = {{ Authorization = \"{SECOND}\" }}"),
    ));
    let shown = plan_with_changes(&t, "rotate plan", true);
    assert!(
        shown.contains("~ secure_header_values = (sensitive value)"),
        "{shown}"
    );
    assert!(!shown.contains("~ headers"), "{shown}");
    apply(&t, "rotate");
    assert_eq!(
        stored_headers(&t)[1],
        header("Authorization", SECOND, true, false)
    );
    t.assert_plan_empty();

    // The write-only form: sent because its version is new, never stored.
    let write_only = |value: &str, version: u32| {
        format!(
            "  secure_header_values_wo         = {{ Authorization = \"{value}\" }}\n  \
             secure_header_values_wo_version = {version}"
        )
    };
    t.config(&webhook(THREE_HEADERS, &write_only(WO_FIRST, 1)));
    apply(&t, "to write-only");
    assert_eq!(
        stored_headers(&t)[1],
        header("Authorization", WO_FIRST, true, false)
    );
    assert_eq!(t.resource(ADDRESS)["secure_header_values"], Json::Null);
    no_write_only_value_in_state(&t);
    t.assert_plan_empty();

    // A plain header changes, another goes: the secure value stays as it is (sent without it).
    let two_headers = r#"[
    { key = "X-Source", value = "prisma-cloud-eu" },
    { key = "Authorization", secure = true },
  ]"#;
    t.config(&webhook(two_headers, &write_only(WO_FIRST, 1)));
    let shown = plan_with_changes(&t, "plain header plan", true);
    assert!(shown.contains("\"prisma-cloud-eu\""), "{shown}");
    apply(&t, "plain header");
    assert_eq!(
        stored_headers(&t),
        json!([
            header("X-Source", "prisma-cloud-eu", false, false),
            header("Authorization", WO_FIRST, true, false),
        ])
    );
    t.assert_plan_empty();

    // A new write-only value without a new version is not sent; with one, it is.
    t.config(&webhook(two_headers, &write_only(WO_SECOND, 1)));
    t.assert_plan_empty();
    t.config(&webhook(two_headers, &write_only(WO_SECOND, 2)));
    apply(&t, "rotate write-only");
    assert_eq!(
        stored_headers(&t)[1],
        header("Authorization", WO_SECOND, true, false)
    );
    t.assert_plan_empty();

    // A new secure header: its value goes even though the version stays.
    t.config(&webhook(
        r#"[
    { key = "X-Source", value = "prisma-cloud-eu" },
    { key = "Authorization", secure = true },
    { key = "X-Api-Key", secure = true, read_only = true },
  ]"#,
        &format!(
            "  secure_header_values_wo         = {{ Authorization = \"{WO_SECOND}\", \
             X-Api-Key = \"{API_KEY_WO}\" }}\n  secure_header_values_wo_version = 2"
        ),
    ));
    apply(&t, "new secure header");
    assert_eq!(
        stored_headers(&t),
        json!([
            header("X-Source", "prisma-cloud-eu", false, false),
            header("Authorization", WO_SECOND, true, false),
            header("X-Api-Key", API_KEY_WO, true, true),
        ])
    );
    no_write_only_value_in_state(&t);
    t.assert_plan_empty();

    // No headers at all.
    t.config(&webhook("[]", ""));
    apply(&t, "no headers");
    assert_eq!(stored_headers(&t), json!([]));
    t.assert_plan_empty();
}

#[test]
fn misplaced_secure_values_fail_the_plan_without_showing_them() {
    let t = Acceptance::new();
    t.config(&webhook(
        &format!(
            r#"[
    {{ key = "X-Source" }},
    {{ key = "Authorization", value = "{FIRST}", secure = true }},
    {{ key = "authorization", secure = true }},
  ]"#
        ),
        &format!("  secure_header_values = {{ Authorisation = \"{SECOND}\" }}"),
    ));
    let plan = t.plan();
    assert_eq!(plan.code, 1, "{}", plan.all());
    plan.assert_mentions(&[
        "headers[0].value is required unless headers[0].secure is true",
        "headers[1] has secure = true, so its value is a secret",
        "set it in secure_header_values[\"Authorization\"]",
        "headers[2] repeats the key \"authorization\" of headers[1]",
        "headers has no entry with key = \"Authorisation\" and secure = true",
        "Did you mean \"Authorization\"?",
    ]);
    // Terraform quotes the configuration's source lines; no message repeats a value.
    for line in plan.all().lines() {
        let source = line
            .trim_start()
            .split_once(": ")
            .is_some_and(|(n, _)| n.parse::<u32>().is_ok());
        for secret in [FIRST, SECOND] {
            assert!(source || !line.contains(secret), "a secret is in:\n{line}");
        }
    }
    assert!(t.integrations().is_empty());

    // Creating needs every secure value.
    t.config(&webhook(
        r#"[{ key = "Authorization", secure = true }]"#,
        "",
    ));
    t.assert_plan_fails_with(&["Missing value of headers[0]"]);
}

/// Creates a webhook in the "console" with a plain and a secure header; its id.
fn create_in_console(t: &Acceptance, name: &str) -> String {
    let request = prismacloud::api::IntegrationRequest {
        name: name.into(),
        description: String::new(),
        enabled: true,
        integration_type: "webhook".into(),
        config: serde_json::from_value(json!({
            "url": "https://siem.example.com/hooks/prisma",
            "headers": [
                {"key": "X-Source", "value": "prisma-cloud", "secure": false, "readOnly": false},
                {"key": "Authorization", "secure": true, "readOnly": false},
            ],
        }))
        .unwrap(),
        secrets: BTreeMap::from([
            ("authToken".to_owned(), AUTH_TOKEN.into()),
            ("/headers/1/value".to_owned(), OUT_OF_BAND.into()),
        ]),
    };
    t.block_on(t.api().create(&request)).expect("created").id
}

#[test]
fn imported_with_generated_configuration_then_only_the_secure_values_to_set() {
    let mut t = Acceptance::new();
    t.env("TF_LOG", "trace");
    let id = create_in_console(&t, "SIEM alerts");
    t.config(&format!(
        r#"
import {{
  to = {ADDRESS}
  id = "{id}"
}}
"#
    ));
    let generate = t.terraform(&[
        "plan",
        "-input=false",
        "-no-color",
        "-generate-config-out=generated.tf",
    ]);
    clean(generate, "generate");
    // The engine warns that the secure values are left to fill in; Terraform 1.15 does not
    // show what GenerateResourceConfig says, so the generated file speaks for itself.
    let generated = t.read("generated.tf");
    for expected in [
        "key   = \"X-Source\"",
        "value = \"prisma-cloud\"",
        "key    = \"Authorization\"",
        "secure = true",
        "secure_header_values            = null # sensitive",
    ] {
        assert!(
            generated.contains(expected),
            "{expected:?} in:\n{generated}"
        );
    }
    assert!(
        !generated.contains("read_only"),
        "defaults stay out:\n{generated}"
    );

    // As generated: the import, and nothing else; Prisma Cloud keeps its secure value.
    let plan = t.plan();
    assert_eq!(plan.code, 2, "{}", plan.all());
    assert!(
        plan.stdout
            .contains("Plan: 1 to import, 0 to add, 0 to change, 0 to destroy."),
        "{}",
        plan.stdout
    );
    apply(&t, "import");
    t.assert_plan_empty();
    let kept = header("Authorization", OUT_OF_BAND, true, false);
    assert_eq!(stored_headers(&t)[1], kept);

    // Filling in the secure value where the generated file left it: that is the only change.
    let filled = generated.replacen(
        "secure_header_values            = null # sensitive",
        &format!("secure_header_values            = {{ Authorization = \"{FILLED_IN}\" }}"),
        1,
    );
    assert_ne!(filled, generated);
    t.write("generated.tf", &filled);
    let shown = plan_with_changes(&t, "fill in", false);
    // Every attribute line that changes, but for the status Prisma Cloud reports anew.
    let changed: Vec<String> = shown
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| ["+ ", "~ ", "- "].iter().any(|p| l.starts_with(p)))
        .filter(|l| l.contains(" = ") && !l.ends_with("(known after apply)"))
        .collect();
    assert_eq!(
        changed,
        ["+ secure_header_values = (sensitive value)"],
        "{shown}"
    );
    apply(&t, "fill in");
    assert_eq!(
        stored_headers(&t),
        json!([
            header("X-Source", "prisma-cloud", false, false),
            header("Authorization", FILLED_IN, true, false),
        ])
    );
    t.assert_plan_empty();
}

#[test]
fn moved_from_the_official_provider_keeps_the_headers() {
    let mut t = Acceptance::new();
    let id = create_in_console(&t, "SIEM alerts");
    // What the official provider stores after reading the webhook back: every value as the
    // API answered it, secure ones masked.
    let attributes = official_attributes(
        &id,
        "SIEM alerts",
        "webhook",
        json!({
            "url": "https://siem.example.com/hooks/prisma",
            "auth_token": "**********",
            "headers": [
                {"key": "X-Source", "value": "prisma-cloud", "secure": false, "read_only": false},
                {"key": "Authorization", "value": "**********", "secure": true, "read_only": false},
            ],
        }),
    );
    let calls = official_state_with_stand_in(&mut t, "siem", attributes);
    let headers = r#"[
    { key = "X-Source", value = "prisma-cloud" },
    { key = "Authorization", secure = true },
  ]"#;
    let moved = r#"
moved {
  from = prismacloud_integration.siem
  to   = prismacloud_integration_webhook.siem
}
"#;
    t.config(&format!(
        "{moved}{}",
        webhook(headers, "").replace(&format!("  auth_token = \"{AUTH_TOKEN}\"\n"), "")
    ));

    let plan = t.plan();
    assert_eq!(plan.code, 2, "{}", plan.all());
    assert!(
        plan.stdout
            .contains("Plan: 0 to add, 0 to change, 0 to destroy."),
        "{}",
        plan.stdout
    );
    let flat = plan.flat();
    assert!(flat.contains("Masked secrets not moved"), "{flat}");
    assert!(
        flat.contains("auth_token, secure_header_values[\"Authorization\"]"),
        "{flat}"
    );
    let out = t.apply();
    assert!(
        out.stdout.contains("0 added, 0 changed, 0 destroyed"),
        "{}",
        out.stdout
    );
    let state = t.resource(ADDRESS);
    assert_eq!(state["id"], id.as_str());
    assert_eq!(
        state["headers"],
        json!([
            {"key": "X-Source", "value": "prisma-cloud", "secure": false, "read_only": false},
            {"key": "Authorization", "value": null, "secure": true, "read_only": false},
        ])
    );
    t.assert_plan_empty();
    assert_eq!(
        stored_headers(&t)[1],
        header("Authorization", OUT_OF_BAND, true, false),
        "Prisma Cloud keeps the secure value"
    );

    // Managed from here on: the secure value set in configuration.
    t.config(&webhook(
        headers,
        &format!("  secure_header_values = {{ Authorization = \"{FILLED_IN}\" }}"),
    ));
    t.apply();
    assert_eq!(
        stored_headers(&t)[1],
        header("Authorization", FILLED_IN, true, false)
    );
    t.assert_plan_empty();
    assert!(
        calls.lock().unwrap().is_empty(),
        "{:?}",
        calls.lock().unwrap()
    );
}
