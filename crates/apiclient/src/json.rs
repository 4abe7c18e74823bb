//! Reading JSON answers without ever quoting them: a body may hold secrets (an API echoing
//! what it was sent), so a decode error says what was expected and what kind of thing came,
//! never what it contained.

use serde_json::{Map, Value};

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

/// Where a secret sent apart from a request body's other keys goes in it: the object that takes
/// it and its name there. `key` is a top-level key of `body`, or a JSON pointer (RFC 6901,
/// starting with `/`) to a place in an object `body` already holds: `/headers/1/value` is
/// `value` in the second entry of `body["headers"]`. `None` when there is no such object.
pub fn secret_place<'a>(
    body: &'a mut Map<String, Value>,
    key: &'a str,
) -> Option<(&'a mut Map<String, Value>, &'a str)> {
    let Some(pointer) = key.strip_prefix('/') else {
        return Some((body, key));
    };
    let (top, rest) = pointer.split_once('/')?;
    let (inner, name) = match rest.rsplit_once('/') {
        Some((inner, name)) => (format!("/{inner}"), name),
        None => (String::new(), rest),
    };
    let object = body.get_mut(top)?.pointer_mut(&inner)?.as_object_mut()?;
    Some((object, name))
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

    #[test]
    fn a_secret_goes_to_a_top_level_key_or_where_its_pointer_says() {
        let mut body = serde_json::json!({"url": "u", "headers": [{"key": "A"}, {"key": "B"}]})
            .as_object()
            .cloned()
            .expect("an object");
        let (object, name) = secret_place(&mut body, "token").expect("top level");
        object.insert(name.into(), "t".into());
        let (object, name) = secret_place(&mut body, "/headers/1/value").expect("an entry");
        object.insert(name.into(), "v".into());
        assert_eq!(
            Value::Object(body.clone()),
            serde_json::json!({"url": "u", "token": "t",
                               "headers": [{"key": "A"}, {"key": "B", "value": "v"}]})
        );
        for nowhere in [
            "/headers/2/value",
            "/url/0/value",
            "/missing/0/value",
            "/headers",
        ] {
            assert!(secret_place(&mut body, nowhere).is_none(), "{nowhere}");
        }
    }
}
