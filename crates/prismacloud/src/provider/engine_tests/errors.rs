use super::prelude::*;
use apiclient::{ApiMessage, Error};
use integration_engine::errors::*;
use secrecy::SecretString;

use crate::provider::PrismaCloud;

fn platform() -> PrismaCloud {
    PrismaCloud {
        env: Box::new(|_| None),
    }
}

fn refused(messages: Vec<ApiMessage>) -> Error {
    Error::Api {
        service: "Prisma Cloud",
        operation: "POST /api/v1/tenant/{prismaId}/integration".into(),
        status: 400,
        messages,
        request_id: Some("req-7".into()),
        attempts: 1,
    }
}

fn ty(name: &str) -> &'static IntegrationType {
    CATALOG.find(name).expect("a catalog type")
}

#[test]
fn scrubs_secrets_and_hints_at_fixes() {
    let err = Error::Api {
        service: "Prisma Cloud",
        operation: "POST /integration".into(),
        status: 400,
        messages: vec![
            ApiMessage::new("integration_name_already_exists")
                .with_severity("error")
                .with_subject("hunter2-token"),
        ],
        request_id: Some("req-1".into()),
        attempts: 1,
    };
    let d = api_error(
        &CATALOG,
        &platform(),
        "create the Slack integration \"alerts\"",
        "prismacloud_integration_slack",
        &err,
        &[SecretString::from("hunter2-token")],
    );
    assert!(!d.detail.contains("hunter2-token"), "{}", d.detail);
    assert!(d.detail.contains("req-1"), "{}", d.detail);
    assert!(d.detail.contains("import block"), "{}", d.detail);
    assert_eq!(
        d.summary,
        "Could not create the Slack integration \"alerts\""
    );
}

#[test]
fn an_api_error_names_the_attribute_keeps_the_explanation_and_says_what_to_do() {
    let platform = platform();
    let config = Value::Object(
        [(
            "queue_url".to_string(),
            Value::string("ftp://queue.example.com/q"),
        )]
        .into(),
    );
    let sqs = ty("amazon_sqs");
    let at = Attributes::of_resource(&CATALOG, sqs, platform.config_path_prefixes(), &config);
    let err = refused(vec![
        ApiMessage::new("invalid_parameter_value")
            .with_severity("error")
            .with_subject("integrationConfig.queueUrl")
            .with_text("integrationConfig.queueUrl must be an absolute http:// or https:// URL"),
    ]);
    let d = api_error_about(
        &CATALOG,
        &platform,
        "create the Amazon SQS integration \"orders\"",
        "prismacloud_integration_amazon_sqs",
        &err,
        &[],
        Some(&at),
    );
    assert_eq!(
        d.summary,
        "Could not create the Amazon SQS integration \"orders\""
    );
    assert_eq!(
        d.detail,
        "queue_url must be an absolute http:// or https:// URL (invalid_parameter_value).\n\n\
         Prisma Cloud answered HTTP 400 to POST /api/v1/tenant/{prismaId}/integration \
         [request id req-7].\n\n\
         Change queue_url to a value Prisma Cloud accepts, then run terraform apply again."
    );
    assert_eq!(d.attribute, Some(AttributePath::root("queue_url")));

    // Several messages: each on its line, the first attribute pointed at.
    let err = refused(vec![
        ApiMessage::new("missing_required_parameter")
            .with_subject("integrationConfig.queueUrl")
            .with_text("integrationConfig.queueUrl is required"),
        ApiMessage::new("conflicting_parameters")
            .with_subject("integrationConfig.roleArn")
            .with_text(
                "integrationConfig.roleArn cannot be combined with integrationConfig.accessKey",
            ),
    ]);
    let d = api_error_about(&CATALOG, &platform, "create it", "t", &err, &[], Some(&at));
    assert!(
        d.detail.starts_with(
            "Prisma Cloud refused it:\n\
             - queue_url is required (missing_required_parameter)\n\
             - role_arn cannot be combined with access_key (conflicting_parameters)\n\n"
        ),
        "{}",
        d.detail
    );
    assert!(
        d.detail
            .ends_with("Change queue_url and role_arn to a value Prisma Cloud accepts, then run terraform apply again."),
        "{}",
        d.detail
    );
    assert_eq!(d.attribute, Some(AttributePath::root("queue_url")));
}

#[test]
fn an_error_without_words_or_attributes_reads_as_before() {
    let platform = platform();
    let slack = ty("slack");
    let at = Attributes::of_resource(
        &CATALOG,
        slack,
        platform.config_path_prefixes(),
        &Value::Null,
    );
    let err = refused(vec![ApiMessage::new("internal_error")]);
    let d = api_error_about(&CATALOG, &platform, "create it", "t", &err, &[], Some(&at));
    assert_eq!(d.detail, err.to_string());
    assert_eq!(d.attribute, None);
}

#[test]
fn scrubbing_keeps_the_text_readable_and_leaves_no_secret_of_four_characters_or_more() {
    let text = "Prisma Cloud answered: the receiver refused token t0k3n-abcdef (see the webhook)";
    // A one-letter secret would turn every "e" into a mask and spell out the secret.
    assert_eq!(scrub(text, &[SecretString::from("e")]), text);
    let secrets = [
        SecretString::from("e"),
        SecretString::from("t0k3n-abcdef"),
        SecretString::from("t0k3n"),
        SecretString::from("hook"),
    ];
    let scrubbed = scrub(text, &secrets);
    assert_eq!(
        scrubbed,
        "Prisma Cloud answered: the receiver refused token (sensitive value) (see the \
         web(sensitive value))"
    );
    for secret in ["t0k3n-abcdef", "t0k3n", "hook", "abcdef"] {
        assert!(!scrubbed.contains(secret), "{secret} in {scrubbed}");
    }
}

#[test]
fn a_settings_error_names_what_to_fix_and_how_to_skip_the_check() {
    let platform = platform();
    let skip = "validate = false (or PRISMACLOUD_VALIDATE=false)";
    let wrong = Error::Unauthorized {
        service: "Prisma Cloud",
        check: "check the access key ID and secret key",
        status: 401,
        request_id: Some("req-9".into()),
    };
    let d = settings_error(&CATALOG, &platform, &wrong, skip);
    assert_eq!(d.summary, "Prisma Cloud refused the provider's credentials");
    for expected in [
        "HTTP 401",
        "req-9",
        "PRISMACLOUD_USERNAME and PRISMACLOUD_PASSWORD",
        "set validate = false (or PRISMACLOUD_VALIDATE=false)",
    ] {
        assert!(
            d.detail.contains(expected),
            "{expected} not in {}",
            d.detail
        );
    }
    let unreachable = Error::Transport {
        service: "Prisma Cloud",
        operation: "POST /login".into(),
        attempts: 1,
        detail: "connection refused".into(),
    };
    let d = settings_error(&CATALOG, &platform, &unreachable, skip);
    assert_eq!(
        d.summary,
        "Could not connect to Prisma Cloud with the provider's settings"
    );
    assert!(
        d.detail.contains("url (or PRISMACLOUD_URL)"),
        "{}",
        d.detail
    );
}
