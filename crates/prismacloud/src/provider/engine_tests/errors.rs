use super::prelude::*;
use apiclient::Error;
use integration_engine::errors::*;
use secrecy::SecretString;

use crate::provider::PrismaCloud;

#[test]
fn scrubs_secrets_and_hints_at_fixes() {
    let err = Error::Api {
        service: "Prisma Cloud",
        operation: "POST /integration".into(),
        status: 400,
        messages: vec![crate::api::ApiMessage {
            code: "integration_name_already_exists".into(),
            severity: "error".into(),
            subject: Some("hunter2-token".into()),
        }],
        request_id: Some("req-1".into()),
        attempts: 1,
    };
    let platform = PrismaCloud {
        env: Box::new(|_| None),
    };
    let d = api_error(
        &CATALOG,
        &platform,
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
