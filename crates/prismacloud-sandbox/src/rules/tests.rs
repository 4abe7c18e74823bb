use serde_json::json;

use super::*;

fn no_integrations(_: &str) -> Option<IntegrationType> {
    None
}

fn validate(ty: IntegrationType, raw: Value) -> Result<ValidConfig, Vec<Violation>> {
    let Value::Object(raw) = raw else {
        panic!("test configs are objects");
    };
    let mut out = Vec::new();
    validate_config(ty, &raw, &no_integrations, &mut out).ok_or(out)
}

fn keys_of(violations: &[Violation]) -> Vec<(&'static str, String)> {
    violations
        .iter()
        .map(|v| (v.key, v.subject.clone().unwrap_or_default()))
        .collect()
}

#[test]
fn defaults_are_stored_and_roll_up_strings_become_numbers() {
    let config = validate(
        IntegrationType::AwsS3,
        json!({"s3Uri": "s3://bucket-a/", "region": "us-east-1",
               "roleArn": "arn:aws:iam::123456789012:role/r",
               "externalId": "2f1b4c1e-9a76-4c8e-8f39-8f5a1d2e3b4c"}),
    )
    .expect("valid");
    assert_eq!(config.plain["rollUpInterval"], json!(60));

    let config = validate(
        IntegrationType::Snowflake,
        json!({"hostUrl": "acct.snowflakecomputing.com", "pipename": "p", "privateKey": "k",
               "stagingIntegrationId": "x", "rollUpInterval": "15"}),
    );
    // The staging id is unknown here, but the interval was normalized before that check.
    let violations = config.expect_err("unknown staging id");
    assert_eq!(
        keys_of(&violations),
        [(
            keys::INVALID_STAGING,
            "integrationConfig.stagingIntegrationId".to_owned()
        )]
    );
}

#[test]
fn secrets_are_held_apart_from_plain_keys() {
    let config = validate(
        IntegrationType::Splunk,
        json!({"url": "https://splunk.example.com:8088", "authToken": "tok-123"}),
    )
    .expect("valid");
    assert!(config.plain.get("authToken").is_none());
    assert_eq!(
        config.secrets.get("authToken").map(|s| s.expose_secret()),
        Some("tok-123")
    );
    assert_eq!(config.plain["sourceType"], json!("_json"));
    assert_eq!(config.exposed_map()["authToken"], json!("tok-123"));
    assert!(!format!("{config:?}").contains("tok-123"));
}

#[test]
fn every_problem_is_reported_at_once_without_values() {
    let violations = validate(
        IntegrationType::Slack,
        json!({"webhookUrl": "https://example.com/secret-path", "channel": "#x", "extra": 1}),
    )
    .expect_err("invalid");
    let mut found = keys_of(&violations);
    found.sort();
    assert_eq!(
        found,
        [
            (
                keys::INVALID_SLACK_WEBHOOK_URL,
                "integrationConfig.webhookUrl".to_owned()
            ),
            (
                keys::UNKNOWN_PARAMETER,
                "integrationConfig.channel".to_owned()
            ),
            (
                keys::UNKNOWN_PARAMETER,
                "integrationConfig.extra".to_owned()
            ),
        ]
    );
    for v in &violations {
        assert!(!v.message.contains("secret-path"), "{}", v.message);
    }
}

#[test]
fn staging_id_must_name_an_aws_s3_integration() {
    let raw = json!({"hostUrl": "h", "pipename": "p", "privateKey": "k",
                     "stagingIntegrationId": "s3-id"});
    let Value::Object(raw) = raw else {
        unreachable!()
    };
    let lookup = |id: &str| match id {
        "s3-id" => Some(IntegrationType::AwsS3),
        _ => None,
    };
    let mut out = Vec::new();
    assert!(validate_config(IntegrationType::Snowflake, &raw, &lookup, &mut out).is_some());
    let slack_lookup = |_: &str| Some(IntegrationType::Slack);
    assert!(validate_config(IntegrationType::Snowflake, &raw, &slack_lookup, &mut out).is_none());
    assert_eq!(out[0].key, keys::INVALID_STAGING);
}

#[test]
fn mutability_compares_secrets_and_counts_removal_as_change() {
    let sqs = |extra: Value| {
        let mut raw = json!({"queueUrl": "https://sqs.us-east-1.amazonaws.com/1/q",
                             "accessKey": "AKIA1", "secretKey": "s1"});
        if let (Value::Object(base), Value::Object(extra)) = (&mut raw, extra) {
            base.extend(extra);
        }
        validate(IntegrationType::AmazonSqs, raw).expect("valid sqs")
    };
    let old = sqs(json!({}));
    let mut out = Vec::new();
    check_mutability(
        IntegrationType::AmazonSqs,
        &old,
        &sqs(json!({"queueUrl": "https://sqs.us-east-1.amazonaws.com/1/other"})),
        &mut out,
    );
    assert!(out.is_empty(), "queueUrl is mutable: {out:?}");
    check_mutability(
        IntegrationType::AmazonSqs,
        &old,
        &sqs(json!({"secretKey": "s2", "moreInfo": true})),
        &mut out,
    );
    let mut found = keys_of(&out);
    found.sort();
    assert_eq!(
        found,
        [
            (
                keys::KEY_NOT_MUTABLE,
                "integrationConfig.moreInfo".to_owned()
            ),
            (
                keys::KEY_NOT_MUTABLE,
                "integrationConfig.secretKey".to_owned()
            ),
        ]
    );
}
