//! The one error type of every integration API client.
//!
//! Every message is a single sentence a Terraform user can act on, naming the service
//! (`Prisma Cloud`, `Datadog`, ...). None of them ever contains a request body, a
//! configuration value or a credential: operations are named by their method and *path
//! template* (`PUT /integration/{id}`), and messages the server sent back have the secrets of
//! the request they answer masked before they are stored here.

use std::fmt;
use std::time::Duration;

/// One message from an API's error answer (a header or the body, in the vendor's shape).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiMessage {
    /// Machine-readable key such as `integration_name_already_exists`, or the message text
    /// where the API sends no key.
    pub code: String,
    /// Severity as sent by the API (`error`, `warning`, ...); empty when absent.
    pub severity: String,
    /// What the message is about (often a field such as `integrationConfig.queueUrl`, or a
    /// name), when the API says.
    pub subject: Option<String>,
    /// The API's own explanation in words (`must be an absolute http:// or https:// URL`),
    /// when it sends one beside the code.
    pub text: Option<String>,
}

impl ApiMessage {
    /// A message with this code and nothing else.
    pub fn new(code: impl Into<String>) -> Self {
        ApiMessage {
            code: code.into(),
            severity: String::new(),
            subject: None,
            text: None,
        }
    }

    /// With this severity.
    pub fn with_severity(mut self, severity: impl Into<String>) -> Self {
        self.severity = severity.into();
        self
    }

    /// About this subject.
    pub fn with_subject(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    /// With the API's explanation.
    pub fn with_text(mut self, text: impl Into<String>) -> Self {
        self.text = Some(text.into());
        self
    }

    /// The explanation, when there is one that says more than the code.
    pub fn explanation(&self) -> Option<&str> {
        self.text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty() && *t != self.code)
    }
}

impl fmt::Display for ApiMessage {
    /// `code (subject): explanation`, each part when present.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code)?;
        if let Some(subject) = self.subject.as_deref().filter(|s| !s.is_empty()) {
            write!(f, " ({subject})")?;
        }
        match self.explanation() {
            Some(text) => write!(f, ": {text}"),
            None => Ok(()),
        }
    }
}

/// Everything that can go wrong talking to an integration API.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The integration does not exist (HTTP 404, or an API message `not_found` / `invalid_id`).
    #[error(
        "integration {id} does not exist in {service}{}",
        RequestId(request_id)
    )]
    NotFound {
        /// The service, e.g. `Prisma Cloud`.
        service: &'static str,
        /// The id that was looked up.
        id: String,
        /// The request id of the answer (`Vendor::request_id_header`), when present.
        request_id: Option<String>,
    },

    /// The API refused or failed the request (any status not covered by another variant).
    #[error(
        "{service} answered HTTP {status} to {operation}{}{}{}",
        Messages(messages),
        Attempts(*attempts),
        RequestId(request_id)
    )]
    Api {
        /// The service, e.g. `Prisma Cloud`.
        service: &'static str,
        /// Method and path template, e.g. `POST /integration`.
        operation: String,
        /// HTTP status code.
        status: u16,
        /// The API's messages (secrets of the request masked).
        messages: Vec<ApiMessage>,
        /// The request id of the answer (`Vendor::request_id_header`), when present.
        request_id: Option<String>,
        /// How many attempts were made (1 when the status was not retried).
        attempts: u32,
    },

    /// The credentials were rejected at login.
    #[error(
        "{service} rejected the credentials (HTTP {status}): {check}{}",
        RequestId(request_id)
    )]
    Unauthorized {
        /// The service, e.g. `Prisma Cloud`.
        service: &'static str,
        /// What to check, e.g. `check the access key ID and secret key`.
        check: &'static str,
        /// HTTP status code of the login answer.
        status: u16,
        /// The request id of the answer (`Vendor::request_id_header`), when present.
        request_id: Option<String>,
    },

    /// The API kept answering 429 Too Many Requests.
    #[error(
        "{service} kept answering 429 Too Many Requests to {operation}{}{}{}",
        Attempts(*attempts),
        RetryAfter(retry_after),
        RequestId(request_id)
    )]
    RateLimited {
        /// The service, e.g. `Prisma Cloud`.
        service: &'static str,
        /// Method and path template.
        operation: String,
        /// How many attempts were made.
        attempts: u32,
        /// The wait the server last asked for, when it asked for more than the client accepts.
        retry_after: Option<Duration>,
        /// The request id of the last answer, when present.
        request_id: Option<String>,
    },

    /// No complete answer within the per-attempt timeout.
    #[error(
        "{operation} got no answer within {} per attempt{}",
        humantime::format_duration(*timeout),
        Attempts(*attempts)
    )]
    Timeout {
        /// Method and path template.
        operation: String,
        /// How many attempts were made.
        attempts: u32,
        /// The per-attempt timeout.
        timeout: Duration,
    },

    /// The connection failed (refused, reset, closed before a complete answer, TLS...).
    #[error("{operation} could not reach {service}{}: {detail}", Attempts(*attempts))]
    Transport {
        /// The service, e.g. `Prisma Cloud`.
        service: &'static str,
        /// Method and path template.
        operation: String,
        /// How many attempts were made.
        attempts: u32,
        /// What the network stack reported (never contains a URL or a header value).
        detail: String,
    },

    /// The server's TLS certificate did not verify (unknown issuer, expired, wrong name...).
    /// Not retried: no retry can make it trusted.
    #[error(
        "{operation} could not reach {service}: the server's certificate is not trusted \
         ({detail})"
    )]
    TlsUntrusted {
        /// The service, e.g. `Prisma Cloud`.
        service: &'static str,
        /// Method and path template.
        operation: String,
        /// What the TLS stack reported (never contains a URL or a header value).
        detail: String,
    },

    /// The answer did not have the expected shape.
    #[error("unexpected answer to {operation}: expected {expected} ({detail})")]
    Decode {
        /// Method and path template.
        operation: String,
        /// What the client expected, in words.
        expected: &'static str,
        /// What was wrong, without quoting the body.
        detail: String,
    },

    /// The API accepted a create, but the new integration could not be found afterwards.
    #[error(
        "{service} accepted the new {integration_type} integration named {name:?}, \
         but it is not in the list of {integration_type} integrations"
    )]
    CreatedButNotFound {
        /// The service, e.g. `Prisma Cloud`.
        service: &'static str,
        /// Name of the integration that was created.
        name: String,
        /// Its integration type.
        integration_type: String,
    },

    /// The integration was created, but a follow-up step failed (or was stopped); it exists
    /// under `id`, and the caller should track it.
    #[error("integration {id} was created, but {step} failed: {source}")]
    CreatedIncomplete {
        /// Id of the integration that now exists.
        id: String,
        /// What failed, e.g. `disabling it`.
        step: &'static str,
        /// Why it failed.
        source: Box<Error>,
    },

    /// A create failed in a way that leaves unknown whether the service stored the
    /// integration, and the lookup that would tell failed too.
    #[error(
        "{service} may or may not have created the {integration_type} integration named \
         {name:?}: {source}"
    )]
    CreateOutcomeUnknown {
        /// The service, e.g. `Prisma Cloud`.
        service: &'static str,
        /// Name of the integration that may exist.
        name: String,
        /// Its integration type.
        integration_type: String,
        /// The last failure of the create.
        source: Box<Error>,
    },

    /// The request could not be built from what the caller gave.
    #[error("invalid integration request: {reason}")]
    InvalidRequest {
        /// What is wrong.
        reason: String,
    },

    /// The client was stopped ([`Transport::stop`](crate::Transport::stop)) while the call was
    /// waiting.
    #[error("the call to {service} was stopped because the provider was asked to stop")]
    Stopped {
        /// The service, e.g. `Prisma Cloud`.
        service: &'static str,
    },

    /// The client's configuration cannot be used.
    #[error("invalid {service} client configuration: {reason}")]
    Config {
        /// The service, e.g. `Prisma Cloud`.
        service: &'static str,
        /// What is wrong.
        reason: String,
    },
}

impl Error {
    /// True for [`Error::NotFound`].
    pub fn is_not_found(&self) -> bool {
        matches!(self, Error::NotFound { .. })
    }

    /// HTTP status of the answer this error comes from, when there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api { status, .. } | Error::Unauthorized { status, .. } => Some(*status),
            Error::NotFound { .. } => Some(404),
            Error::RateLimited { .. } => Some(429),
            Error::CreatedIncomplete { source, .. }
            | Error::CreateOutcomeUnknown { source, .. } => source.status(),
            _ => None,
        }
    }

    /// The request id of the answer this error comes from (what support asks for).
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::NotFound { request_id, .. }
            | Error::Api { request_id, .. }
            | Error::Unauthorized { request_id, .. }
            | Error::RateLimited { request_id, .. } => request_id.as_deref(),
            Error::CreatedIncomplete { source, .. }
            | Error::CreateOutcomeUnknown { source, .. } => source.request_id(),
            _ => None,
        }
    }

    /// The id of an integration a create stored before a later step failed.
    pub fn created_id(&self) -> Option<&str> {
        match self {
            Error::CreatedIncomplete { id, .. } => Some(id),
            _ => None,
        }
    }

    /// True when a create may or may not have stored the integration.
    pub fn create_outcome_unknown(&self) -> bool {
        matches!(self, Error::CreateOutcomeUnknown { .. })
    }

    /// True when a create may have stored an integration whose id nobody learned: the outcome
    /// is unknown, or the API accepted it but it could not be found.
    pub fn may_have_created(&self) -> bool {
        matches!(
            self,
            Error::CreateOutcomeUnknown { .. } | Error::CreatedButNotFound { .. }
        )
    }

    /// True for [`Error::Stopped`].
    pub fn is_stopped(&self) -> bool {
        matches!(self, Error::Stopped { .. })
    }

    /// True when the server's TLS certificate is not trusted ([`Error::TlsUntrusted`]): a
    /// caller can tell the user how to trust a private CA.
    pub fn is_tls_untrusted(&self) -> bool {
        matches!(self, Error::TlsUntrusted { .. })
    }

    /// True when the API sent a message with this code.
    pub fn has_message(&self, code: &str) -> bool {
        match self {
            Error::Api { messages, .. } => messages.iter().any(|m| m.code == code),
            _ => false,
        }
    }
}

/// Formats ` [request id X]` when there is one.
struct RequestId<'a>(&'a Option<String>);

impl fmt::Display for RequestId<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(id) => write!(f, " [request id {id}]"),
            None => Ok(()),
        }
    }
}

/// Formats ` after N attempts` when there was more than one.
struct Attempts(u32);

impl fmt::Display for Attempts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 > 1 {
            write!(f, " after {} attempts", self.0)
        } else {
            Ok(())
        }
    }
}

/// Formats `: key (subject), key` when there are messages.
struct Messages<'a>(&'a [ApiMessage]);

impl fmt::Display for Messages<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, message) in self.0.iter().enumerate() {
            f.write_str(if index == 0 { ": " } else { ", " })?;
            write!(f, "{message}")?;
        }
        Ok(())
    }
}

/// Formats the wait the server asked for, when it was too long to honour.
struct RetryAfter<'a>(&'a Option<Duration>);

impl fmt::Display for RetryAfter<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(wait) => write!(
                f,
                " (it asked to wait {}, longer than the client waits)",
                humantime::format_duration(*wait)
            ),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_error_names_operation_messages_attempts_and_request_id() {
        let error = Error::Api {
            service: "Prisma Cloud",
            operation: "POST /integration".into(),
            status: 400,
            messages: vec![
                ApiMessage::new("integration_name_already_exists")
                    .with_severity("error")
                    .with_subject("alerts"),
                ApiMessage::new("internal_error").with_severity("error"),
            ],
            request_id: Some("req-7".into()),
            attempts: 3,
        };
        assert_eq!(
            error.to_string(),
            "Prisma Cloud answered HTTP 400 to POST /integration: \
             integration_name_already_exists (alerts), internal_error after 3 attempts \
             [request id req-7]"
        );
        assert!(error.has_message("internal_error"));
        assert_eq!(error.status(), Some(400));
        assert_eq!(error.request_id(), Some("req-7"));
    }

    #[test]
    fn a_message_shows_its_explanation_when_it_says_more_than_the_code() {
        let m = ApiMessage::new("invalid_parameter_value")
            .with_subject("integrationConfig.queueUrl")
            .with_text("integrationConfig.queueUrl must be an absolute http:// or https:// URL");
        assert_eq!(
            m.to_string(),
            "invalid_parameter_value (integrationConfig.queueUrl): integrationConfig.queueUrl \
             must be an absolute http:// or https:// URL"
        );
        let same = ApiMessage::new("name is taken").with_text("name is taken");
        assert_eq!(same.to_string(), "name is taken");
        assert_eq!(same.explanation(), None);
    }

    #[test]
    fn single_attempt_is_not_mentioned() {
        let error = Error::Api {
            service: "Prisma Cloud",
            operation: "GET /integration".into(),
            status: 403,
            messages: vec![],
            request_id: None,
            attempts: 1,
        };
        assert_eq!(
            error.to_string(),
            "Prisma Cloud answered HTTP 403 to GET /integration"
        );
    }

    #[test]
    fn unauthorized_tells_what_to_check() {
        let error = Error::Unauthorized {
            service: "Prisma Cloud",
            check: "check the access key ID and secret key",
            status: 401,
            request_id: None,
        };
        assert!(
            error
                .to_string()
                .contains("check the access key ID and secret key")
        );
    }

    #[test]
    fn rate_limited_and_timeout_mention_attempts() {
        let limited = Error::RateLimited {
            service: "Prisma Cloud",
            operation: "GET /integration".into(),
            attempts: 6,
            retry_after: None,
            request_id: None,
        };
        assert!(
            limited.to_string().contains("after 6 attempts"),
            "{limited}"
        );
        let timeout = Error::Timeout {
            operation: "GET /integration".into(),
            attempts: 2,
            timeout: Duration::from_secs(30),
        };
        assert_eq!(
            timeout.to_string(),
            "GET /integration got no answer within 30s per attempt after 2 attempts"
        );
    }

    #[test]
    fn created_incomplete_keeps_the_inner_status() {
        let error = Error::CreatedIncomplete {
            id: "abc".into(),
            step: "disabling it",
            source: Box::new(Error::Api {
                service: "Prisma Cloud",
                operation: "PATCH /integration/{id}".into(),
                status: 500,
                messages: vec![],
                request_id: Some("r".into()),
                attempts: 6,
            }),
        };
        assert_eq!(error.status(), Some(500));
        assert_eq!(error.request_id(), Some("r"));
        assert!(
            error
                .to_string()
                .starts_with("integration abc was created, but disabling it failed")
        );
    }
}
