//! The one place API errors become Terraform diagnostics: one wording style, a hint for the
//! errors users can fix, and every configured secret scrubbed from the text.

use secrecy::{ExposeSecret, SecretString};

use apiclient::Error;
use tfplugin::diag::{Diagnostic, Severity};

use crate::catalog::Catalog;

/// What a platform adds to an error: a hint in its own words (its environment variables, its
/// API's message codes), or `None` to keep the engine's.
pub trait Hints: Send + Sync {
    fn hint(&self, err: &Error, resource_type: &str) -> Option<String>;
}

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

/// The engine's hint for errors every platform has.
fn hint(catalog: &Catalog, err: &Error) -> Option<String> {
    let (vendor, object) = (catalog.vendor, catalog.object);
    Some(match err {
        Error::RateLimited { .. } => format!(
            "{vendor} rate-limited every attempt. Raise the provider's max_retries, or lower \
             terraform's -parallelism."
        ),
        Error::Timeout { .. } => "Raise the provider's request_timeout if the API is slow.".into(),
        Error::CreatedIncomplete { id, .. } => format!(
            "The {object} exists in {vendor} as {id} and is recorded in state, marked tainted: \
             the next apply replaces it with one configured as planned."
        ),
        // The resource records these as a pending create (see `resource`): say what happens next.
        Error::CreateOutcomeUnknown {
            name,
            integration_type,
            ..
        }
        | Error::CreatedButNotFound {
            name,
            integration_type,
            ..
        } => {
            let title = catalog
                .find_wire(integration_type)
                .map_or(integration_type.as_str(), |t| t.title);
            format!(
                "Nothing is lost: the {title} {object} {name:?} is recorded in state, marked \
                 tainted, until {vendor} tells whether it stored it. Once {vendor} answers \
                 again, run terraform apply: it looks the {object} up by name and replaces it \
                 if it was stored, or creates it if it was not, so that exactly one exists. Do \
                 not create it by hand meanwhile."
            )
        }
        _ => return None,
    })
}

/// A diagnostic for a failed API call. `action` completes "Could not …", e.g.
/// `create the Slack integration "alerts"`.
pub fn api_error(
    catalog: &Catalog,
    hints: &dyn Hints,
    action: &str,
    resource_type: &str,
    err: &Error,
    secrets: &[SecretString],
) -> Diagnostic {
    let mut detail = err.to_string();
    if let Some(h) = hints
        .hint(err, resource_type)
        .or_else(|| hint(catalog, err))
    {
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
