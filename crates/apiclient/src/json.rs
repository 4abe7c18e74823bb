//! Reading JSON answers without ever quoting them: a body may hold secrets (an API echoing
//! what it was sent), so a decode error says what was expected and what kind of thing came,
//! never what it contained.

use serde_json::Value;

use crate::{Error, RequestSpec};

/// The body as JSON; [`Error::Decode`] for an empty or malformed body.
pub fn parse_json(spec: &RequestSpec, body: &[u8], expected: &'static str) -> Result<Value, Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(decode(spec, expected, "the body is empty".into()));
    }
    serde_json::from_slice(body).map_err(|e| {
        decode(
            spec,
            expected,
            format!(
                "the body is not valid JSON: {:?} error at line {} column {}",
                e.classify(),
                e.line(),
                e.column()
            ),
        )
    })
}

/// [`Error::Decode`] for the answer to `spec`.
pub fn decode(spec: &RequestSpec, expected: &'static str, detail: String) -> Error {
    Error::Decode {
        operation: spec.operation(),
        expected,
        detail,
    }
}

/// The JSON kind of a value, for messages that must not quote it.
pub fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// [`Error::InvalidRequest`] for an empty id: it would address the collection instead.
pub fn check_id(id: &str) -> Result<(), Error> {
    if id.trim().is_empty() {
        return Err(Error::InvalidRequest {
            reason: "the integration id is empty".into(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use reqwest::Method;
    use url::Url;

    use super::*;
    use crate::Endpoint;

    fn spec() -> RequestSpec {
        let url = Url::parse("https://api.example.invalid/items").expect("URL");
        RequestSpec::new(
            Method::GET,
            Endpoint {
                url,
                template: "/items",
            },
        )
    }

    #[test]
    fn decode_errors_name_the_operation_but_never_quote_the_body() {
        let error = parse_json(&spec(), br#"{"token": "leaked-secret"#, "an object")
            .expect_err("truncated");
        let text = error.to_string();
        assert!(
            text.starts_with("unexpected answer to GET /items: expected an object"),
            "{text}"
        );
        assert!(!text.contains("leaked-secret"), "{text}");
        let empty = parse_json(&spec(), b" \n", "an object").expect_err("empty");
        assert!(empty.to_string().contains("the body is empty"), "{empty}");
        assert_eq!(kind(&serde_json::json!([1])), "array");
        assert!(check_id(" ").is_err() && check_id("a").is_ok());
    }
}
