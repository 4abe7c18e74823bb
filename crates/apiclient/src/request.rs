//! Requests and answers, shaped so that nothing secret can leak through `Debug` or a log line:
//! an [`Endpoint`] is named by its path *template*, a [`JsonBody`] shows only its length, an
//! answer's body is never shown, and [`AuthHeaders`] show only their names.

use std::fmt;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, StatusCode};
use secrecy::{ExposeSecret, SecretString};
use url::Url;

/// A URL plus the path template that names it in logs and errors (`/integration/{id}`), so
/// that ids and tenant ids never end up in a message.
#[derive(Debug, Clone)]
pub struct Endpoint {
    /// The full URL.
    pub url: Url,
    /// The path with placeholders.
    pub template: &'static str,
}

/// A serialized JSON request body (may contain secrets).
#[derive(Clone)]
pub struct JsonBody(Vec<u8>);

impl JsonBody {
    /// The body of `value`.
    pub fn new(value: &serde_json::Value) -> JsonBody {
        JsonBody(serde_json::to_vec(value).expect("a serde_json::Value always serializes"))
    }

    /// The bytes to send.
    pub fn bytes(&self) -> Vec<u8> {
        self.0.clone()
    }
}

impl fmt::Debug for JsonBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "JsonBody({} bytes, redacted)", self.0.len())
    }
}

/// A request, ready to be sent as often as needed.
#[derive(Debug, Clone)]
pub struct RequestSpec {
    /// HTTP method.
    pub method: Method,
    /// Where to.
    pub endpoint: Endpoint,
    /// JSON body, if any.
    pub body: Option<JsonBody>,
}

impl RequestSpec {
    /// A request without a body.
    pub fn new(method: Method, endpoint: Endpoint) -> Self {
        RequestSpec {
            method,
            endpoint,
            body: None,
        }
    }

    /// The same request with a JSON body.
    pub fn with_body(mut self, body: JsonBody) -> Self {
        self.body = Some(body);
        self
    }

    /// `METHOD /path/{template}`, for logs and errors.
    pub fn operation(&self) -> String {
        format!("{} {}", self.method, self.endpoint.template)
    }
}

/// A complete answer. `Debug` shows the status and the body's length, never the body.
pub struct Response {
    /// HTTP status.
    pub status: StatusCode,
    /// Headers as received.
    pub headers: HeaderMap,
    /// The whole body.
    pub body: Vec<u8>,
}

impl fmt::Debug for Response {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Response")
            .field("status", &self.status)
            .field("body_len", &self.body.len())
            .finish_non_exhaustive()
    }
}

/// The headers that authenticate a request: static keys (Datadog's `DD-API-KEY` and
/// `DD-APPLICATION-KEY`) or a session token ([`TokenHeader`]). Values are marked sensitive
/// (HTTP/2 never indexes them) and `Debug` shows the names only.
#[derive(Clone, Default)]
pub struct AuthHeaders(Vec<(HeaderName, HeaderValue)>);

impl AuthHeaders {
    /// No authentication (a login request).
    pub fn none() -> AuthHeaders {
        AuthHeaders::default()
    }

    /// These headers with these secret values. `Err` names the header whose name or value
    /// cannot be sent (never the value).
    pub fn new(pairs: &[(&str, &SecretString)]) -> Result<AuthHeaders, String> {
        let mut headers = Vec::with_capacity(pairs.len());
        for (name, value) in pairs {
            let name = HeaderName::try_from(*name)
                .map_err(|_| format!("{name:?} is not a valid header name"))?;
            let mut value = HeaderValue::from_str(value.expose_secret()).map_err(|_| {
                format!("the value of {name} has characters not allowed in a header")
            })?;
            value.set_sensitive(true);
            headers.push((name, value));
        }
        Ok(AuthHeaders(headers))
    }

    /// The name/value pairs to add to a request.
    pub fn iter(&self) -> impl Iterator<Item = (&HeaderName, &HeaderValue)> {
        self.0.iter().map(|(name, value)| (name, value))
    }
}

impl fmt::Debug for AuthHeaders {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|(name, _)| name))
            .finish()
    }
}

/// How a session token is sent: `x-redlock-auth: <token>` (Prisma Cloud) or
/// `Authorization: Bearer <token>` (Infracast).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenHeader {
    /// Header name.
    pub name: &'static str,
    /// What precedes the token in the value (`Bearer `), or nothing.
    pub prefix: &'static str,
}

impl TokenHeader {
    /// `Authorization: Bearer <token>`.
    pub const BEARER: TokenHeader = TokenHeader {
        name: "authorization",
        prefix: "Bearer ",
    };

    /// The headers carrying `token`.
    pub fn headers(&self, token: &SecretString) -> Result<AuthHeaders, String> {
        if self.prefix.is_empty() {
            return AuthHeaders::new(&[(self.name, token)]);
        }
        let value = SecretString::from(format!("{}{}", self.prefix, token.expose_secret()));
        AuthHeaders::new(&[(self.name, &value)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auth_headers_show_names_only_and_refuse_bad_values_without_quoting_them() {
        let key = SecretString::from("dd-api-key-value");
        let headers = AuthHeaders::new(&[("DD-API-KEY", &key)]).expect("valid header");
        let text = format!("{headers:?}");
        assert!(
            text.contains("dd-api-key") && !text.contains("value"),
            "{text}"
        );
        assert!(headers.iter().all(|(_, v)| v.is_sensitive()));
        let bad = SecretString::from("line\nbreak-secret");
        let error = AuthHeaders::new(&[("DD-API-KEY", &bad)]).expect_err("newline");
        assert!(!error.contains("break-secret"), "{error}");
    }

    #[test]
    fn bearer_tokens_carry_their_prefix() {
        let headers = TokenHeader::BEARER
            .headers(&SecretString::from("jwt"))
            .expect("valid token");
        let (name, value) = headers.iter().next().expect("one header");
        assert_eq!(name, "authorization");
        assert_eq!(value.to_str().ok(), Some("Bearer jwt"));
    }
}
