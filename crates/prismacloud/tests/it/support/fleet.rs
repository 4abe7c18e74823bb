//! A fleet of integrations of mixed types (types that need no other resource), as HCL and as
//! what the sandbox must hold afterwards, secrets included.

use serde_json::{Value as Json, json};

use super::Acceptance;

/// One integration of the fleet.
pub struct Member {
    /// Resource address, e.g. `prismacloud_integration_slack.m07`.
    pub address: String,
    pub name: String,
    /// The API's type name.
    pub integration_type: &'static str,
    pub enabled: bool,
    pub description: String,
    /// `integrationConfig` as the sandbox must store it (defaults and secrets included).
    pub config: Json,
    /// Every secret value configured for it.
    pub secrets: Vec<String>,
    hcl_body: String,
}

/// `count` integrations cycling through seven types; every sixth is disabled. `tag` makes
/// names and secrets unique to a test.
pub fn fleet(count: usize, tag: &str) -> Vec<Member> {
    (0..count).map(|i| member(i, tag)).collect()
}

fn member(i: usize, tag: &str) -> Member {
    let secret = format!("{tag}-secret-{i:03}-Zq");
    let (ty, body, config) = match i % 7 {
        0 => {
            let url = format!("https://hooks.slack.com/services/T{i:04}/B{i:04}/{secret}");
            (
                "slack",
                format!("webhook_url = \"{url}\""),
                json!({"webhookUrl": url}),
            )
        }
        1 => (
            "webhook",
            format!("url = \"https://hooks.example.com/prisma/{i}\"\n  auth_token = \"{secret}\""),
            json!({"url": format!("https://hooks.example.com/prisma/{i}"), "authToken": secret,
                   "isCustomPayloadEnabled": false}),
        ),
        2 => (
            "pager_duty",
            format!("integration_key = \"{secret}\""),
            json!({"integrationKey": secret}),
        ),
        3 => (
            "splunk",
            format!(
                "url = \"https://splunk.example.com:8088/services/collector/{i}\"\n  \
                 auth_token = \"{secret}\""
            ),
            json!({"url": format!("https://splunk.example.com:8088/services/collector/{i}"),
                   "authToken": secret, "sourceType": "_json"}),
        ),
        4 => {
            let url = format!("https://example.webhook.office.com/webhookb2/{secret}");
            (
                "microsoft_teams",
                format!("url = \"{url}\""),
                json!({"url": url}),
            )
        }
        5 => (
            "google_cscc",
            format!("org_id = \"{i}00200300\"\n  source_id = \"organizations/{i}/sources/{i}\""),
            json!({"orgId": format!("{i}00200300"),
                   "sourceId": format!("organizations/{i}/sources/{i}")}),
        ),
        _ => (
            "service_now",
            format!(
                "host_url = \"sn{i}.service-now.com\"\n  login = \"svc-{i}\"\n  \
                 password = \"{secret}\"\n  tables = [\"incident\", \"em_event\"]"
            ),
            json!({"hostUrl": format!("sn{i}.service-now.com"), "login": format!("svc-{i}"),
                   "password": secret,
                   "tables": [{"incident": true}, {"sn_si_incident": false}, {"em_event": true}]}),
        ),
    };
    let has_secret = ty != "google_cscc";
    Member {
        address: format!("prismacloud_integration_{ty}.m{i:02}"),
        name: format!("{tag} fleet {i:02}"),
        integration_type: ty,
        enabled: i % 6 != 5,
        description: format!("member {i} of the {tag} fleet"),
        config,
        secrets: if has_secret { vec![secret] } else { Vec::new() },
        hcl_body: body,
    }
}

/// The fleet as HCL resources.
pub fn hcl(members: &[Member]) -> String {
    members
        .iter()
        .map(|m| {
            let (ty, label) = m.address.split_once('.').expect("addresses are TYPE.NAME");
            format!(
                "resource \"{ty}\" \"{label}\" {{\n  name = \"{}\"\n  description = \"{}\"\n  \
                 enabled = {}\n  {}\n}}\n",
                m.name, m.description, m.enabled, m.hcl_body
            )
        })
        .collect()
}

/// Exactly the fleet exists in the sandbox, each integration as configured, and the state
/// holds each one's id.
pub fn assert_exactly(t: &Acceptance, members: &[Member]) {
    let stored = t.integrations();
    let names: Vec<&str> = stored.iter().filter_map(|i| i["name"].as_str()).collect();
    assert_eq!(
        stored.len(),
        members.len(),
        "expected exactly {} integrations, the sandbox has {}: {names:?}",
        members.len(),
        stored.len()
    );
    let state = t.state();
    let resources = state["values"]["root_module"]["resources"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for m in members {
        let found: Vec<&Json> = stored.iter().filter(|i| i["name"] == m.name).collect();
        assert_eq!(found.len(), 1, "{}: {} stored", m.name, found.len());
        let i = found[0];
        assert_eq!(i["integrationType"], m.integration_type, "{}", m.name);
        assert_eq!(i["description"], m.description.as_str(), "{}", m.name);
        assert_eq!(i["enabled"], m.enabled, "{}", m.name);
        assert_eq!(i["integrationConfig"], m.config, "{}", m.name);
        let in_state = resources
            .iter()
            .find(|r| r["address"] == m.address.as_str())
            .unwrap_or_else(|| panic!("{} is not in state", m.address));
        assert_eq!(in_state["values"]["id"], i["id"], "{}", m.address);
    }
}
