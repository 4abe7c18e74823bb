//! What the kit needs to know of a vendor's API to speak it: how errors name the service, where
//! an answer carries its request id and how long the server asks to wait, and how to read the
//! messages of an error answer. Everything else (paths, bodies, what an answer means) stays in
//! the vendor's own client.
//!
//! A [`Vendor`] is plain data and function pointers, so a client declares it as a `const`:
//!
//! ```
//! use apiclient::{ApiMessage, Vendor, WaitHeader};
//!
//! fn datadog_messages(_: &reqwest::header::HeaderMap, body: &[u8]) -> Vec<ApiMessage> {
//!     // `{"errors": ["..."]}`
//!     let value: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
//!     value["errors"].as_array().into_iter().flatten()
//!         .filter_map(|e| e.as_str())
//!         .map(|text| ApiMessage::new(text).with_severity("error"))
//!         .collect()
//! }
//!
//! const DATADOG: Vendor = Vendor {
//!     service: "Datadog",
//!     request_id_header: None,
//!     wait_headers: &[WaitHeader::RateLimitReset("x-ratelimit-reset"), WaitHeader::RETRY_AFTER],
//!     parse_messages: datadog_messages,
//! };
//! # assert_eq!(DATADOG.service, "Datadog");
//! ```

use std::time::{Duration, SystemTime};

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use crate::backoff::parse_retry_after;
use crate::{ApiMessage, Redactions};

/// Request ids longer than this are not ids; they are not kept.
const MAX_REQUEST_ID_LEN: usize = 128;

/// A vendor's API as the kit sees it.
#[derive(Debug, Clone, Copy)]
pub struct Vendor {
    /// How errors name the service, e.g. `Prisma Cloud`.
    pub service: &'static str,
    /// The header whose value support asks for (`X-Redlock-Request-Id`), if the API sends one.
    pub request_id_header: Option<&'static str>,
    /// Where a refused answer says how long to wait, in order of preference.
    pub wait_headers: &'static [WaitHeader],
    /// The messages of an error answer, from its headers or body, in the vendor's shapes;
    /// empty when nothing parses (a 429 may be an HTML page). Secrets are masked afterwards.
    pub parse_messages: fn(&HeaderMap, &[u8]) -> Vec<ApiMessage>,
}

/// A header that tells a client how long to wait before trying again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitHeader {
    /// RFC 9110 `Retry-After` semantics (delay-seconds or an HTTP date), on 429 and 5xx
    /// answers (a 503 may carry it during maintenance).
    RetryAfter(&'static str),
    /// Seconds until the rate-limit window resets (Datadog's `X-RateLimit-Reset`). Read on
    /// 429 only: such headers come with every answer, and on a 5xx they say nothing about
    /// when the server will be back.
    RateLimitReset(&'static str),
}

impl WaitHeader {
    /// The standard `Retry-After` header.
    pub const RETRY_AFTER: WaitHeader = WaitHeader::RetryAfter("retry-after");
}

impl Vendor {
    /// The answer's request id, if the vendor sends one and it is a plausible id (a proxy's
    /// garbage is not kept: it would end up in a diagnostic).
    pub fn request_id(&self, headers: &HeaderMap) -> Option<String> {
        let value = headers.get(self.request_id_header?)?.to_str().ok()?.trim();
        let plausible = !value.is_empty()
            && value.len() <= MAX_REQUEST_ID_LEN
            && value.chars().all(|c| c.is_ascii_graphic());
        plausible.then(|| value.to_owned())
    }

    /// The wait a `status` answer with `headers` asks for: the first of
    /// [`Vendor::wait_headers`] that applies and parses.
    pub fn wait(
        &self,
        status: StatusCode,
        headers: &HeaderMap,
        now: SystemTime,
    ) -> Option<Duration> {
        self.wait_headers.iter().find_map(|header| {
            let (name, applies) = match *header {
                WaitHeader::RetryAfter(name) => (name, true),
                WaitHeader::RateLimitReset(name) => (name, status == StatusCode::TOO_MANY_REQUESTS),
            };
            let value = headers.get(name)?.to_str().ok()?;
            match header {
                _ if !applies => None,
                WaitHeader::RetryAfter(_) => parse_retry_after(value, now),
                WaitHeader::RateLimitReset(_) => parse_seconds(value),
            }
        })
    }

    /// The messages of an error answer with the request's secrets masked.
    pub fn messages(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        redactions: Redactions<'_>,
    ) -> Vec<ApiMessage> {
        (self.parse_messages)(headers, body)
            .into_iter()
            .map(|m| redactions.message(m))
            .collect()
    }
}

/// A whole number of seconds (saturating: an absurd number still means "long").
fn parse_seconds(value: &str) -> Option<Duration> {
    let value = value.trim();
    (!value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()))
        .then(|| Duration::from_secs(value.parse().unwrap_or(u64::MAX)))
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;

    use super::*;

    const REQUEST_ID_HEADER: &str = "x-redlock-request-id";

    fn vendor(wait_headers: &'static [WaitHeader]) -> Vendor {
        Vendor {
            service: "Test",
            request_id_header: Some(REQUEST_ID_HEADER),
            wait_headers,
            parse_messages: |_, body| vec![ApiMessage::new(String::from_utf8_lossy(body))],
        }
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_str(value).expect("test header"));
        }
        map
    }

    #[test]
    fn request_id_is_kept_only_when_plausible() {
        let v = vendor(&[]);
        assert_eq!(
            v.request_id(&headers(&[(REQUEST_ID_HEADER, " abc-123 ")]))
                .as_deref(),
            Some("abc-123")
        );
        assert_eq!(v.request_id(&headers(&[(REQUEST_ID_HEADER, "a b")])), None);
        assert_eq!(
            v.request_id(&headers(&[(REQUEST_ID_HEADER, &"x".repeat(200))])),
            None
        );
        assert_eq!(v.request_id(&HeaderMap::new()), None);
        let anonymous = Vendor {
            request_id_header: None,
            ..v
        };
        assert_eq!(
            anonymous.request_id(&headers(&[(REQUEST_ID_HEADER, "abc")])),
            None
        );
    }

    #[test]
    fn reset_seconds_apply_to_429_only_and_retry_after_to_any_refusal() {
        let v = vendor(&[
            WaitHeader::RateLimitReset("x-ratelimit-reset"),
            WaitHeader::RETRY_AFTER,
        ]);
        let now = SystemTime::now();
        let both = headers(&[("x-ratelimit-reset", "42"), ("retry-after", "7")]);
        let limited = StatusCode::TOO_MANY_REQUESTS;
        let unavailable = StatusCode::SERVICE_UNAVAILABLE;
        assert_eq!(v.wait(limited, &both, now), Some(Duration::from_secs(42)));
        assert_eq!(
            v.wait(unavailable, &both, now),
            Some(Duration::from_secs(7))
        );
        let reset_only = headers(&[("x-ratelimit-reset", "42")]);
        assert_eq!(v.wait(unavailable, &reset_only, now), None);
        let garbage = headers(&[("x-ratelimit-reset", "soon"), ("retry-after", "3")]);
        assert_eq!(v.wait(limited, &garbage, now), Some(Duration::from_secs(3)));
        assert_eq!(v.wait(limited, &HeaderMap::new(), now), None);
    }

    #[test]
    fn messages_are_masked() {
        let v = vendor(&[]);
        let secrets = [secrecy::SecretString::from("s3cret")];
        let messages = v.messages(&HeaderMap::new(), b"bad s3cret", Redactions(&secrets));
        assert_eq!(messages[0].code, "bad ***");
    }
}
