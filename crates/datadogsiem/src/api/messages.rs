//! The API's error answers: `{"errors": ["..."]}`. JSON:API's object form (`{"errors":
//! [{"title": ..., "detail": ...}]}`), which gateways in front of Datadog may send, is read too.

use apiclient::ApiMessage;
use serde_json::Value as Json;

/// The messages of an error answer's body; empty when it holds none (an HTML page, nothing).
pub fn parse(body: &[u8]) -> Vec<ApiMessage> {
    let Ok(json) = serde_json::from_slice::<Json>(body) else {
        return Vec::new();
    };
    let Some(errors) = json.get("errors").and_then(Json::as_array) else {
        return Vec::new();
    };
    errors
        .iter()
        .filter_map(|e| match e {
            Json::String(text) => Some(text.trim().to_owned()),
            Json::Object(m) => {
                let text = |k: &str| m.get(k).and_then(Json::as_str).map(str::trim);
                let parts: Vec<&str> = [text("title"), text("detail")]
                    .into_iter()
                    .flatten()
                    .filter(|t| !t.is_empty())
                    .collect();
                (!parts.is_empty()).then(|| parts.join(": "))
            }
            _ => None,
        })
        .filter(|text| !text.is_empty())
        .map(|text| ApiMessage::new(text).with_severity("error"))
        .collect()
}

/// The messages as one sentence, for a verdict (`valid = false`).
pub fn joined(messages: &[ApiMessage]) -> String {
    messages
        .iter()
        .map(|m| m.code.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(body: &str) -> Vec<String> {
        parse(body.as_bytes()).into_iter().map(|m| m.code).collect()
    }

    #[test]
    fn strings_objects_and_garbage() {
        assert_eq!(
            codes(r#"{"errors":["Bad Request", " domain is required "]}"#),
            ["Bad Request", "domain is required"]
        );
        assert_eq!(
            codes(r#"{"errors":[{"title":"Forbidden","detail":"bad key"},{"status":"403"}]}"#),
            ["Forbidden: bad key"]
        );
        assert!(codes("<html>429</html>").is_empty());
        assert!(codes(r#"{"errors":"nope"}"#).is_empty());
        assert!(codes("").is_empty());
        assert_eq!(joined(&parse(br#"{"errors":["a","b"]}"#)), "a; b");
    }
}
