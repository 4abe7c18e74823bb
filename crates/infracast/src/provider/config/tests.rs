use std::collections::BTreeMap;

use std::time::Duration;

use secrecy::ExposeSecret;

use super::*;

/// The block with `pairs` set and every other setting null.
fn config(pairs: &[(&str, Value)]) -> Value {
    let value = |attr: &str| {
        pairs
            .iter()
            .find(|(k, _)| *k == attr)
            .map(|(_, v)| v.clone())
    };
    let block: BTreeMap<String, Value> = SETTINGS
        .iter()
        .map(|s| (s.attr.to_owned(), value(s.attr).unwrap_or(Value::Null)))
        .collect();
    Value::Object(block)
}

fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
    move |k| {
        pairs
            .iter()
            .find(|(n, _)| *n == k)
            .map(|(_, v)| v.to_string())
    }
}

fn summaries(d: &Diagnostics) -> Vec<&str> {
    d.iter().map(|d| d.summary.as_str()).collect()
}

#[test]
fn the_environment_fills_the_block_and_the_url_defaults_to_the_cloud_service() {
    let vars = env(&[
        ("INFRACAST_USERNAME", "svc@acme.example"),
        ("INFRACAST_PASSWORD", "pw"),
        ("INFRACAST_TENANT", "acme-corp"),
        ("INFRACAST_MAX_RETRIES", "2"),
    ]);
    let c = resolve(&config(&[]), &vars, "agent".into()).unwrap().client;
    assert_eq!(c.url.as_str(), "https://api.infracast.io/");
    assert_eq!(
        (c.username.as_str(), c.tenant.as_str(), c.max_retries),
        ("svc@acme.example", "acme-corp", 2)
    );
    assert_eq!(c.password.expose_secret(), "pw");
    assert_eq!(c.request_timeout, Duration::from_secs(30));
    assert!(!format!("{c:?}").contains("pw\""));
    let block = config(&[
        ("url", Value::string("infracast.acme.example")),
        ("tenant", Value::string("acme")),
    ]);
    let c = resolve(&block, &vars, "agent".into()).unwrap().client;
    assert_eq!(c.url.as_str(), "https://infracast.acme.example/");
    assert_eq!(c.tenant, "acme");
}

#[test]
fn missing_and_invalid_settings_say_where_to_fix_them() {
    let d = resolve(&config(&[]), &|_| None, "agent".into()).unwrap_err();
    assert_eq!(
        summaries(&d),
        [
            "Missing provider username",
            "Missing provider password",
            "Missing provider tenant"
        ]
    );
    assert!(d.0[2].detail.contains("INFRACAST_TENANT"));
    let vars = env(&[
        ("INFRACAST_URL", "http://infracast.acme.example"),
        ("INFRACAST_USERNAME", "u"),
        ("INFRACAST_PASSWORD", "p"),
        ("INFRACAST_TENANT", "acme corp"),
    ]);
    let d = resolve(&config(&[]), &vars, "agent".into()).unwrap_err();
    assert_eq!(
        summaries(&d),
        ["Invalid INFRACAST_URL", "Invalid INFRACAST_TENANT"]
    );
    // Loopback (the sandbox) may be plain http.
    let vars = env(&[
        ("INFRACAST_URL", "http://127.0.0.1:8080"),
        ("INFRACAST_USERNAME", "u"),
        ("INFRACAST_PASSWORD", "p"),
        ("INFRACAST_TENANT", "acme-corp"),
    ]);
    assert!(resolve(&config(&[]), &vars, "agent".into()).is_ok());
    let d = validate(&config(&[
        ("request_timeout", Value::string("soon")),
        ("max_retries", Value::int(99)),
        ("tenant", Value::string("a/b")),
    ]));
    assert_eq!(
        summaries(&d),
        [
            "Invalid request_timeout",
            "Invalid max_retries",
            "Invalid tenant"
        ]
    );
}

#[test]
fn settings_are_checked_at_configure_unless_validate_is_false() {
    let base: &'static [(&'static str, &'static str)] = &[
        ("INFRACAST_USERNAME", "u"),
        ("INFRACAST_PASSWORD", "p"),
        ("INFRACAST_TENANT", "t"),
    ];
    let off: &'static [(&'static str, &'static str)] = &[
        ("INFRACAST_USERNAME", "u"),
        ("INFRACAST_PASSWORD", "p"),
        ("INFRACAST_TENANT", "t"),
        ("INFRACAST_VALIDATE", "false"),
    ];
    let checked = |block: &Value, vars: &'static [(&'static str, &'static str)]| {
        resolve(block, &env(vars), "agent".into())
            .unwrap_or_else(|d| panic!("{d:?}"))
            .validate
    };
    assert!(checked(&config(&[]), base));
    assert!(!checked(&config(&[]), off));
    assert!(!checked(&config(&[("validate", Value::Bool(false))]), base));
    assert!(checked(&config(&[("validate", Value::Bool(true))]), off));
}
