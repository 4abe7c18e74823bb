//! The one place API errors become Terraform diagnostics: one wording style, a hint for the
//! errors users can fix, and every configured secret scrubbed from the text.

use secrecy::{ExposeSecret, SecretString};

use crate::api::Error;
use tfplugin::diag::{Diagnostic, Severity};

/// Replaces each secret's occurrences in `text`; the API may echo what it was sent.
pub fn scrub(text: &str, secrets: &[SecretString]) -> String {
    let mut out = text.to_string();
    for s in secrets.iter().map(ExposeSecret::expose_secret) {
        if s.len() >= 4 {
            out = out.replace(s, "(sensitive value)");
        }
    }
    out
}

fn hint(err: &Error, resource_type: &str) -> Option<String> {
    Some(match err {
        Error::Unauthorized { .. } => "Check the provider's username and password (or \
             PRISMACLOUD_USERNAME and PRISMACLOUD_PASSWORD): they are a Prisma Cloud access key \
             ID and its secret key."
            .into(),
        Error::RateLimited { .. } => "Prisma Cloud rate-limited every attempt. Raise the \
             provider's max_retries, or lower terraform's -parallelism."
            .into(),
        Error::Timeout { .. } => "Raise the provider's request_timeout if the API is slow.".into(),
        Error::Api { .. } if err.has_message("integration_name_already_exists") => format!(
            "Integration names are unique. Choose another name, or bring the existing \
             integration under Terraform with an import block (to = {resource_type}.<name>, id = \
             \"<its id>\")."
        ),
        Error::CreatedIncomplete { id, .. } => format!(
            "The integration exists in Prisma Cloud as {id} and is recorded in state, marked \
             tainted: the next apply replaces it with one configured as planned."
        ),
        Error::CreateOutcomeUnknown {
            name,
            integration_type,
            ..
        } => format!(
            "Look for a {integration_type} integration named {name:?} in Prisma Cloud. If it \
             exists, bring it under Terraform with an import block (to = {resource_type}.<name>, \
             id = \"<its id>\") or delete it; otherwise the next apply creates it."
        ),
        _ => return None,
    })
}

/// A diagnostic for a failed API call. `action` completes "Could not …", e.g.
/// `create the Slack integration "alerts"`.
pub fn api_error(
    action: &str,
    resource_type: &str,
    err: &Error,
    secrets: &[SecretString],
) -> Diagnostic {
    let mut detail = err.to_string();
    if let Some(h) = hint(err, resource_type) {
        detail.push_str("\n\n");
        detail.push_str(&h);
    }
    Diagnostic {
        severity: Severity::Error,
        summary: scrub(&format!("Could not {action}"), secrets),
        detail: scrub(&detail, secrets),
        attribute: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let d = api_error(
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
}
