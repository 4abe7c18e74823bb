//! The one place API errors become Terraform diagnostics: one wording style, in the user's
//! terms (the attribute an API message is about, named and pointed at: see [`subject`]), the
//! API's own explanation, a hint for the errors users can fix, and every configured secret
//! scrubbed from the text.

mod subject;

use secrecy::SecretString;

use apiclient::{ApiMessage, Error};
use tfplugin::diag::{AttributePath, Diagnostic, Severity};

use crate::catalog::Catalog;

pub use subject::Attributes;

/// What a platform adds to an error: a hint in its own words (its environment variables, its
/// API's message codes), or `None` to keep the engine's.
pub trait Hints: Send + Sync {
    fn hint(&self, err: &Error, resource_type: &str) -> Option<String>;

    /// How the API's messages prefix the paths of a type's configuration keys: with
    /// `["integrationConfig."]`, a message about `integrationConfig.queueUrl` is about the key
    /// `queueUrl` (the attribute `queue_url`). Unprefixed subjects are looked up among the
    /// frame's keys and then the configuration's.
    fn config_path_prefixes(&self) -> &'static [&'static str] {
        &[]
    }
}

/// What replaces a configured secret found in a diagnostic.
pub const SCRUBBED: &str = "(sensitive value)";

/// Replaces each configured secret's occurrences in `text` (the API may echo what it was
/// sent): whole values only, longest first, and none shorter than
/// [`apiclient::MIN_SECRET_LEN`] characters, which would mangle the text and reveal the
/// secret's letters ([`apiclient::mask_secrets`]).
pub fn scrub(text: &str, secrets: &[SecretString]) -> String {
    apiclient::mask_secrets(text, secrets, SCRUBBED)
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

/// Appends the platform's hint for `err`, else the engine's, as a paragraph of `detail`.
fn push_hint(
    detail: &mut String,
    catalog: &Catalog,
    hints: &dyn Hints,
    err: &Error,
    resource_type: &str,
) {
    if let Some(h) = hints
        .hint(err, resource_type)
        .or_else(|| hint(catalog, err))
    {
        detail.push_str("\n\n");
        detail.push_str(&h);
    }
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
    api_error_about(catalog, hints, action, resource_type, err, secrets, None)
}

/// [`api_error`] for a call about `attributes`: an API message about one of them names it as
/// the user wrote it, with the API's explanation in the same terms, says what to do, and the
/// diagnostic points at it (Terraform shows the line).
pub fn api_error_about(
    catalog: &Catalog,
    hints: &dyn Hints,
    action: &str,
    resource_type: &str,
    err: &Error,
    secrets: &[SecretString],
    attributes: Option<&Attributes<'_>>,
) -> Diagnostic {
    let (mut detail, attribute) = match attributes.and_then(|at| refused(catalog, err, at)) {
        Some((text, path)) => (text, path),
        None => (err.to_string(), None),
    };
    push_hint(&mut detail, catalog, hints, err, resource_type);
    Diagnostic {
        severity: Severity::Error,
        summary: scrub(&format!("Could not {action}"), secrets),
        detail: scrub(&detail, secrets),
        attribute,
    }
}

/// The detail of an API refusal whose messages say more than codes in wire terms (an attribute
/// they are about, or words), and the attribute of the first message about one.
fn refused(
    catalog: &Catalog,
    err: &Error,
    at: &Attributes<'_>,
) -> Option<(String, Option<AttributePath>)> {
    let Error::Api { messages, .. } = err else {
        return None;
    };
    let described: Vec<(String, Option<AttributePath>)> =
        messages.iter().map(|m| at.describe(m)).collect();
    let about: Vec<String> = described
        .iter()
        .filter_map(|(_, p)| p.as_ref().map(ToString::to_string))
        .fold(Vec::new(), |mut seen, p| {
            if !seen.contains(&p) {
                seen.push(p);
            }
            seen
        });
    if about.is_empty() && messages.iter().all(|m| m.explanation().is_none()) {
        return None;
    }
    let mut text = match described.as_slice() {
        [(line, _)] => format!("{line}."),
        lines => {
            let listed: Vec<String> = lines.iter().map(|(l, _)| format!("- {l}")).collect();
            format!("{} refused it:\n{}", catalog.vendor, listed.join("\n"))
        }
    };
    // Where the answer came from (status, operation, request id), without the messages again.
    let mut bare = err.clone();
    if let Error::Api { messages, .. } = &mut bare {
        messages.clear();
    }
    text.push_str(&format!("\n\n{bare}."));
    if !about.is_empty() {
        text.push_str(&format!(
            "\n\nChange {} to a value {} accepts, then run terraform apply again.",
            about.join(" and "),
            catalog.vendor
        ));
    }
    let attribute = described.into_iter().find_map(|(_, p)| p);
    Some((text, attribute))
}

/// A verdict's messages in the user's terms, one sentence each, joined with `; `: the API's
/// `messages` (each naming the attribute it is about) and its free-text `notes` (wire paths in
/// them named as attributes). For results kept in state, such as a test call's message; scrub
/// them before keeping them.
pub fn verdict_text(at: &Attributes<'_>, messages: &[ApiMessage], notes: &[String]) -> String {
    messages
        .iter()
        .map(|m| at.describe(m).0)
        .chain(notes.iter().map(|n| at.in_terms(n, None)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The one diagnostic of a provider whose settings do not work, found when Terraform
/// configured it ([`crate::api::IntegrationApi::verify`]): what failed, what to fix (the
/// platform's hint names its settings and environment variables), and `skip`, the setting
/// that turns the check off, e.g. `validate = false (or DEMO_VALIDATE=false)`.
pub fn settings_error(catalog: &Catalog, hints: &dyn Hints, err: &Error, skip: &str) -> Diagnostic {
    let vendor = catalog.vendor;
    // A login refused, or (static keys) any call refused as unauthenticated or forbidden.
    let refused =
        matches!(err, Error::Unauthorized { .. }) || matches!(err.status(), Some(401 | 403));
    let summary = if refused {
        format!("{vendor} refused the provider's credentials")
    } else {
        format!("Could not connect to {vendor} with the provider's settings")
    };
    let mut detail = err.to_string();
    push_hint(&mut detail, catalog, hints, err, catalog.provider);
    detail.push_str(&format!(
        "\n\nThe provider checks its settings once, when Terraform configures it. To validate \
         or plan without reaching {vendor} (a new workspace, offline), set {skip}."
    ));
    Diagnostic {
        severity: Severity::Error,
        summary,
        detail,
        attribute: None,
    }
}
