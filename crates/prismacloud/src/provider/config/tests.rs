use std::time::Duration;

use integration_engine::settings::parse_url;
use std::collections::BTreeMap;

use secrecy::ExposeSecret;

use super::*;

fn config(pairs: &[(&str, Value)]) -> Value {
    let mut m: BTreeMap<String, Value> = SETTINGS
        .iter()
        .map(|s| (s.attr.to_string(), Value::Null))
        .collect();
    for (k, v) in pairs {
        m.insert(k.to_string(), v.clone());
    }
    Value::Object(m)
}

fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
    move |k| {
        pairs
            .iter()
            .find(|(n, _)| *n == k)
            .map(|(_, v)| v.to_string())
    }
}

fn paths(d: &Diagnostics) -> Vec<String> {
    d.iter()
        .filter_map(|d| d.attribute.as_ref().map(ToString::to_string))
        .collect()
}

#[test]
fn bare_hosts_mean_https_and_http_is_loopback_only() {
    assert_eq!(
        parse_url("api.prismacloud.io", false).unwrap().as_str(),
        "https://api.prismacloud.io/"
    );
    assert!(parse_url("http://127.0.0.1:8080", false).is_ok());
    assert!(parse_url("http://localhost:8080", false).is_ok());
    assert!(parse_url("http://[::1]:8080", false).is_ok());
    let err = parse_url("http://api.example.com", false).unwrap_err();
    assert!(err.contains("insecure_http"), "{err}");
    assert!(parse_url("http://api.example.com", true).is_ok());
    assert!(parse_url("ftp://x", true).is_err());
}

#[test]
fn settings_fall_back_to_the_environment() {
    let env = env_of(&[
        ("PRISMACLOUD_URL", "http://127.0.0.1:9"),
        ("PRISMACLOUD_USERNAME", "env-user"),
        ("PRISMACLOUD_PASSWORD", "env-pass"),
        ("PRISMACLOUD_MAX_RETRIES", "2"),
    ]);
    let resolved = resolve(
        &config(&[("username", Value::string("cfg-user"))]),
        &env,
        "ua".into(),
    )
    .unwrap();
    assert!(resolved.validate, "validate defaults to true");
    let c = resolved.client;
    assert_eq!(c.username, "cfg-user");
    assert_eq!(c.password.expose_secret(), "env-pass");
    assert_eq!(c.base_url.as_str(), "http://127.0.0.1:9/");
    assert_eq!(c.max_retries, 2);
    assert_eq!(c.request_timeout, Duration::from_secs(30));
    assert_eq!(c.prisma_id, None);
}

#[test]
fn missing_credentials_name_the_attribute_and_the_variable() {
    let env = env_of(&[]);
    let diags = resolve(
        &config(&[("url", Value::string("api.prismacloud.io"))]),
        &env,
        "ua".into(),
    )
    .unwrap_err();
    assert_eq!(paths(&diags), ["username", "password"]);
    let text: Vec<String> = diags.iter().map(|d| d.detail.clone()).collect();
    assert!(
        text[0].contains("PRISMACLOUD_USERNAME") && text[1].contains("PRISMACLOUD_PASSWORD"),
        "{text:?}"
    );
}

#[test]
fn unknown_credentials_are_an_error_naming_the_variable() {
    let env = env_of(&[
        ("PRISMACLOUD_URL", "https://x"),
        ("PRISMACLOUD_USERNAME", "u"),
    ]);
    let diags = resolve(&config(&[("password", Value::Unknown)]), &env, "ua".into()).unwrap_err();
    assert_eq!(paths(&diags), ["password"]);
    assert!(diags.0[0].detail.contains("PRISMACLOUD_PASSWORD"));
}

#[test]
fn plain_http_to_a_remote_host_needs_insecure_http() {
    let env = env_of(&[("PRISMACLOUD_USERNAME", "u"), ("PRISMACLOUD_PASSWORD", "p")]);
    let remote = Value::string("http://api.example.com");
    let d = resolve(&config(&[("url", remote.clone())]), &env, "ua".into()).unwrap_err();
    assert_eq!(paths(&d), ["url"]);
    assert!(
        resolve(
            &config(&[("url", remote), ("insecure_http", Value::Bool(true))]),
            &env,
            "ua".into()
        )
        .is_ok()
    );
}

#[test]
fn validate_can_be_turned_off_in_the_block_or_the_environment() {
    let base = [
        ("url", Value::string("http://127.0.0.1:9")),
        ("username", Value::string("u")),
        ("password", Value::string("p")),
    ];
    let mut off = base.to_vec();
    off.push(("validate", Value::Bool(false)));
    assert!(
        !resolve(&config(&off), &|_| None, "ua".into())
            .unwrap()
            .validate
    );
    let env = env_of(&[("PRISMACLOUD_VALIDATE", "false")]);
    assert!(!resolve(&config(&base), &env, "ua".into()).unwrap().validate);
    let env = env_of(&[("PRISMACLOUD_VALIDATE", "later")]);
    let d = resolve(&config(&base), &env, "ua".into()).unwrap_err();
    assert_eq!(d.0[0].summary, "Invalid PRISMACLOUD_VALIDATE");
}

#[test]
fn static_checks_report_every_bad_setting() {
    let d = validate(&config(&[
        ("url", Value::string("ftp://x")),
        ("request_timeout", Value::string("soon")),
        ("max_retries", Value::int(-1)),
    ]));
    assert_eq!(paths(&d), ["url", "request_timeout", "max_retries"]);
    assert!(
        validate(&config(&[
            ("url", Value::Unknown),
            ("request_timeout", Value::string("2m"))
        ]))
        .is_empty()
    );
}

#[test]
fn schema_marks_the_password_sensitive_and_names_every_variable() {
    let s = schema();
    assert!(s.block.attribute("password").unwrap().sensitive);
    for setting in SETTINGS {
        let a = s.block.attribute(setting.attr).unwrap();
        assert!(a.description.contains(setting.env[0]));
    }
}

#[test]
fn an_ipv4_mapped_loopback_address_is_loopback() {
    assert!(parse_url("http://[::ffff:127.0.0.1]:8080", false).is_ok());
    assert!(parse_url("http://[::ffff:10.0.0.1]:8080", false).is_err());
}

#[test]
fn ca_file_is_read_from_the_attribute_or_the_environment_and_checked() {
    let dir = tempfile::tempdir().expect("a scratch directory");
    let good = dir.path().join("ca.pem");
    let cert =
        rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).expect("a certificate");
    std::fs::write(&good, cert.cert.pem()).expect("written");
    let bad = dir.path().join("bad.pem");
    std::fs::write(&bad, "not a certificate").expect("written");
    let base = [
        ("url", Value::string("https://api.example.com")),
        ("username", Value::string("AK")),
        ("password", Value::string("SK")),
    ];
    let with = |path: &std::path::Path| {
        let mut pairs = base.to_vec();
        pairs.push(("ca_file", Value::string(path.to_string_lossy())));
        config(&pairs)
    };
    let resolved = resolve(&with(&good), &|_| None, "ua".into()).expect("a good CA file");
    assert_eq!(
        resolved.client.ca_pem.as_deref(),
        Some(cert.cert.pem().as_bytes())
    );

    let good_path = good.to_string_lossy().into_owned();
    let from_env = resolve(
        &config(&base),
        &move |k| (k == "PRISMACLOUD_CA_FILE").then(|| good_path.clone()),
        "ua".into(),
    )
    .expect("a good CA file from the environment");
    assert!(from_env.client.ca_pem.is_some());

    for path in [bad, dir.path().join("missing.pem")] {
        let d = resolve(&with(&path), &|_| None, "ua".into()).expect_err("unusable");
        assert_eq!(paths(&d), ["ca_file"]);
    }
}
