//! Everything the client does with an answer, driven by arbitrary bytes: for the cargo-fuzz
//! targets in `fuzz/` and the bounded corpus test of [`crate::fuzzing`]. It must never panic.
//! Compiled for tests and with the `fuzzing` feature only.

use std::time::SystemTime;

use apiclient::{
    Endpoint, RequestSpec, Response, api_error, parse_json, parse_retry_after, token_field,
};
use reqwest::header::{HeaderMap, HeaderValue, RETRY_AFTER};
use reqwest::{Method, StatusCode};
use secrecy::SecretString;
use serde_json::Value;
use url::Url;

use super::VENDOR;
use super::messages::{self, Redactions};
use super::model::Integration;
use super::operations::is_not_found;
use super::outcome::test_outcome;
use super::tenant::{prisma_id_in_license, prisma_id_in_login};

/// Reads `data` as an answer — two bytes of status, one byte of header length, that many bytes
/// used as the `x-redlock-status`, `x-redlock-request-id` and `Retry-After` headers, the rest
/// as the body — and runs every parser of the client over it.
pub fn answer(data: &[u8]) {
    let (status, rest) = match data {
        [a, b, rest @ ..] => (100 + u16::from_be_bytes([*a, *b]) % 500, rest),
        _ => (200, data),
    };
    let (header, body) = match rest {
        [n, rest @ ..] => rest.split_at(usize::from(*n).min(rest.len())),
        [] => (&[][..], rest),
    };
    let mut headers = HeaderMap::new();
    if let Ok(value) = HeaderValue::from_bytes(header) {
        headers.insert("x-redlock-status", value.clone());
        headers.insert("x-redlock-request-id", value.clone());
        headers.insert(RETRY_AFTER, value);
    }
    let secrets = [SecretString::from("fuzz-secret-value")];
    let redactions = Redactions(&secrets);
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);

    let _ = messages::parse(&headers, body, redactions);
    let _ = VENDOR.request_id(&headers);
    let _ = VENDOR.wait(status, &headers, SystemTime::now());
    let _ = test_outcome(status.as_u16(), &headers, body, redactions);
    let _ = token_field(body, "token");
    let _ = prisma_id_in_login(body, Some("fuzz"));
    let _ = prisma_id_in_license(body);
    if let Ok(text) = std::str::from_utf8(header) {
        let _ = parse_retry_after(text, SystemTime::now());
    }
    let endpoint = Endpoint {
        url: Url::parse("https://api.prismacloud.invalid/integration").expect("a valid URL"),
        template: "/integration",
    };
    let spec = RequestSpec::new(Method::GET, endpoint);
    if let Ok(value) = parse_json(&spec, body, "an answer") {
        let _ = messages::from_value(&value);
        match &value {
            Value::Array(items) => items.iter().for_each(|i| {
                let _ = Integration::from_json(i).map(|i| format!("{i:?}"));
            }),
            other => {
                let _ = Integration::from_json(other).map(|i| format!("{i:?}"));
            }
        }
    }
    let response = Response {
        status,
        headers,
        body: body.to_vec(),
    };
    let _ = is_not_found(&response);
    let _ = api_error(&VENDOR, spec.operation(), &response, 1, redactions).to_string();
}
