use std::time::Duration;

use secrecy::ExposeSecret;

use super::*;
use crate::api::DEFAULT_MAX_RETRIES;

fn config(pairs: &[(&str, Value)]) -> Value {
    settings::block_value(SETTINGS, pairs)
}

fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
    let owned: Vec<(String, String)> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |k| owned.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
}

const KEYS: &[(&str, &str)] = &[("DD_API_KEY", "api-k"), ("DD_APP_KEY", "app-k")];

fn url_of(pairs: &[(&str, Value)], env: &[(&str, &str)]) -> String {
    let mut all: Vec<(&str, &str)> = KEYS.to_vec();
    all.extend_from_slice(env);
    resolve(&config(pairs), &env_of(&all), "ua".into())
        .unwrap_or_else(|d| panic!("{d:?}"))
        .client
        .base_url
        .to_string()
}

#[test]
fn the_default_site_then_site_then_api_url() {
    assert_eq!(url_of(&[], &[]), "https://api.datadoghq.com/");
    assert_eq!(
        url_of(&[], &[("DD_SITE", "datadoghq.eu")]),
        "https://api.datadoghq.eu/"
    );
    assert_eq!(
        url_of(&[("site", Value::string("us5.datadoghq.com"))], &[]),
        "https://api.us5.datadoghq.com/"
    );
    let sandbox = &[("DD_HOST", "http://127.0.0.1:8125")];
    assert_eq!(url_of(&[], sandbox), "http://127.0.0.1:8125/");
    // From the environment alone, DD_HOST beats DD_SITE; a site in the block beats DD_HOST.
    let both = &[
        ("DD_SITE", "datadoghq.eu"),
        ("DATADOG_HOST", "https://proxy.example.com/dd"),
    ];
    assert_eq!(url_of(&[], both), "https://proxy.example.com/dd");
    assert_eq!(
        url_of(&[("site", Value::string("ap1.datadoghq.com"))], both),
        "https://api.ap1.datadoghq.com/"
    );
    assert_eq!(
        url_of(
            &[("api_url", Value::string("api.datadoghq.eu"))],
            &[("DD_SITE", "ddog-gov.com")]
        ),
        "https://api.datadoghq.eu/"
    );
}

#[test]
fn keys_come_from_either_variable_and_are_required() {
    let env = env_of(&[("DATADOG_API_KEY", "a1"), ("DATADOG_APP_KEY", "b2")]);
    let c = resolve(
        &config(&[("app_key", Value::string("cfg"))]),
        &env,
        "ua".into(),
    )
    .unwrap()
    .client;
    assert_eq!(c.api_key.expose_secret(), "a1");
    assert_eq!(c.app_key.expose_secret(), "cfg");
    assert_eq!(c.max_retries, DEFAULT_MAX_RETRIES);
    assert_eq!(c.request_timeout, Duration::from_secs(30));
    assert!(!format!("{c:?}").contains("a1"));

    let d = resolve(&config(&[]), &env_of(&[]), "ua".into()).unwrap_err();
    let details: Vec<String> = d.iter().map(|d| d.detail.clone()).collect();
    assert_eq!(d.iter().count(), 2, "{details:?}");
    assert!(
        details[0].contains("DD_API_KEY or DATADOG_API_KEY"),
        "{details:?}"
    );
    assert!(
        details[1].contains("DD_APP_KEY or DATADOG_APP_KEY"),
        "{details:?}"
    );
}

#[test]
fn sites_are_checked_at_plan_time_with_a_suggestion() {
    let d = validate(&config(&[("site", Value::string("app.datadoghq.eu"))]));
    assert_eq!(d.iter().count(), 1);
    assert!(
        d.0[0].detail.contains("Did you mean \"datadoghq.eu\"?"),
        "{d:?}"
    );
    let d = validate(&config(&[("site", Value::string("datadoghq.co"))]));
    assert!(d.0[0].detail.contains("\"datadoghq.com\""), "{d:?}");
    assert!(d.0[0].detail.contains("us2.ddog-gov.com"), "{d:?}");
    assert!(validate(&config(&[("site", Value::string("uk1.datadoghq.com"))])).is_empty());
    assert!(validate(&config(&[("site", Value::Unknown)])).is_empty());

    let env = env_of(&[("DD_API_KEY", "a"), ("DD_APP_KEY", "b"), ("DD_SITE", "eu")]);
    let d = resolve(&config(&[]), &env, "ua".into()).unwrap_err();
    assert_eq!(d.0[0].summary, "Invalid DD_SITE");
}

#[test]
fn site_and_api_url_conflict_and_the_web_app_is_not_the_api() {
    let both = config(&[
        ("site", Value::string("datadoghq.eu")),
        ("api_url", Value::string("https://api.datadoghq.eu")),
    ]);
    assert_eq!(validate(&both).0[0].summary, "Conflicting site and api_url");
    let app = validate(&config(&[(
        "api_url",
        Value::string("https://app.datadoghq.eu"),
    )]));
    assert!(
        app.0[0].detail.contains("site = \"datadoghq.eu\""),
        "{app:?}"
    );
    assert!(
        validate(&config(&[(
            "api_url",
            Value::string("https://api.datadoghq.eu")
        )]))
        .is_empty()
    );
}

#[test]
fn plain_http_only_to_loopback_unless_allowed() {
    let env = env_of(&[
        ("DD_API_KEY", "a"),
        ("DD_APP_KEY", "b"),
        ("DD_HOST", "http://10.0.0.5"),
    ]);
    let d = resolve(&config(&[]), &env, "ua".into()).unwrap_err();
    assert_eq!(d.0[0].summary, "Invalid DD_HOST");
    assert!(d.0[0].detail.contains("insecure_http"), "{d:?}");
    let ok = resolve(
        &config(&[("insecure_http", Value::Bool(true))]),
        &env,
        "ua".into(),
    )
    .unwrap()
    .client;
    assert_eq!(ok.base_url.as_str(), "http://10.0.0.5/");
}

#[test]
fn timeouts_retries_and_ca_files() {
    let env = env_of(&[
        ("DD_API_KEY", "a"),
        ("DD_APP_KEY", "b"),
        ("DATADOGSIEM_MAX_RETRIES", "99"),
        ("DATADOGSIEM_REQUEST_TIMEOUT", "2m"),
    ]);
    let d = resolve(&config(&[]), &env, "ua".into()).unwrap_err();
    assert_eq!(d.0[0].summary, "Invalid DATADOGSIEM_MAX_RETRIES");
    let c = resolve(
        &config(&[("max_retries", Value::int(1))]),
        &env,
        "ua".into(),
    )
    .unwrap()
    .client;
    assert_eq!(
        (c.max_retries, c.request_timeout),
        (1, Duration::from_secs(120))
    );
    assert!(!validate(&config(&[("request_timeout", Value::string("soon"))])).is_empty());

    let dir = tempfile::tempdir().unwrap();
    let not_pem = dir.path().join("ca.pem");
    std::fs::write(&not_pem, "hello").unwrap();
    let path = Value::string(not_pem.to_string_lossy());
    let d = resolve(&config(&[("ca_file", path)]), &env_of(KEYS), "ua".into()).unwrap_err();
    assert_eq!(d.0[0].summary, "Invalid ca_file");
}

#[test]
fn settings_are_checked_at_configure_unless_validate_is_false() {
    let checked = |pairs: &[(&str, Value)], env: &[(&str, &str)]| {
        let mut all: Vec<(&str, &str)> = KEYS.to_vec();
        all.extend_from_slice(env);
        resolve(&config(pairs), &env_of(&all), "ua".into())
            .unwrap_or_else(|d| panic!("{d:?}"))
            .validate
    };
    assert!(checked(&[], &[]));
    assert!(!checked(&[], &[("DATADOGSIEM_VALIDATE", "false")]));
    assert!(!checked(&[("validate", Value::Bool(false))], &[]));
    assert!(checked(
        &[("validate", Value::Bool(true))],
        &[("DATADOGSIEM_VALIDATE", "false")]
    ));
}
