//! How one attempt ended, and whether another is worth making.
//!
//! Retryable: 429, 500, 502, 503, 504, a timeout, a connection failure, and a 401 refused with
//! a token obtained just before. Whether a failure is *ambiguous* (the server may have acted
//! on the request) matters only to a request that is not safe to repeat, a create, which
//! decides itself what to do about it (see [`create`](crate::create())).

use std::time::{Duration, SystemTime};

use reqwest::StatusCode;

use crate::{Response, Vendor};

/// How an attempt ended.
#[derive(Debug)]
pub enum Attempt {
    /// An answer the caller interprets (any status but the retryable ones).
    Done(Response),
    /// A failure worth another attempt.
    Retryable(Failure),
}

/// A retryable failure.
#[derive(Debug)]
pub enum Failure {
    /// 429 or a retryable 5xx.
    Status(Response),
    /// No answer within the per-attempt timeout.
    Timeout,
    /// The connection could not be opened: the request was certainly not sent.
    Connect(String),
    /// The connection broke after the request may have been sent.
    Broken(String),
    /// 401 even with a token obtained just before: the token was refused before the request
    /// was acted on (it expired early, or was revoked). Another attempt logs in again.
    Unauthorized(Response),
}

impl Failure {
    /// True when the server may have acted on the request anyway.
    pub fn is_ambiguous(&self) -> bool {
        match self {
            Failure::Status(r) => r.status != StatusCode::TOO_MANY_REQUESTS,
            Failure::Timeout | Failure::Broken(_) => true,
            Failure::Connect(_) | Failure::Unauthorized(_) => false,
        }
    }

    /// The wait the server asked for, per `vendor`'s headers (answers that were refused only).
    pub(crate) fn retry_after(&self, vendor: &Vendor, now: SystemTime) -> Option<Duration> {
        match self {
            Failure::Status(r) => vendor.wait(r.status, &r.headers, now),
            _ => None,
        }
    }
}

/// Statuses worth retrying.
pub fn is_retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 429 | 500 | 502 | 503 | 504)
}

#[cfg(test)]
mod tests {
    use reqwest::header::{self, HeaderMap, HeaderValue};

    use super::*;
    use crate::WaitHeader;

    const VENDOR: Vendor = Vendor {
        service: "Test",
        request_id_header: None,
        wait_headers: &[WaitHeader::RETRY_AFTER],
        parse_messages: |_, _| Vec::new(),
    };

    fn answer(status: u16) -> Response {
        Response {
            status: StatusCode::from_u16(status).expect("valid status"),
            headers: HeaderMap::new(),
            body: Vec::new(),
        }
    }

    #[test]
    fn debug_of_an_answer_never_shows_its_body() {
        let mut response = answer(400);
        response.body = b"{\"subject\":\"echoed-secret-value\"}".to_vec();
        let text = format!("{:?}", Failure::Status(response));
        assert!(!text.contains("echoed-secret-value"), "{text}");
        assert!(text.contains("400"), "{text}");
    }

    #[test]
    fn retryable_statuses() {
        for status in [429, 500, 502, 503, 504] {
            assert!(
                is_retryable_status(StatusCode::from_u16(status).expect("valid")),
                "{status}"
            );
        }
        for status in [200, 201, 204, 400, 401, 403, 404, 409, 501, 505] {
            assert!(
                !is_retryable_status(StatusCode::from_u16(status).expect("valid")),
                "{status}"
            );
        }
    }

    #[test]
    fn only_unambiguous_failures_prove_the_request_was_not_acted_on() {
        assert!(!Failure::Status(answer(429)).is_ambiguous());
        assert!(!Failure::Connect("refused".into()).is_ambiguous());
        assert!(Failure::Status(answer(500)).is_ambiguous());
        assert!(Failure::Status(answer(503)).is_ambiguous());
        assert!(Failure::Timeout.is_ambiguous());
        assert!(Failure::Broken("reset".into()).is_ambiguous());
    }

    #[test]
    fn retry_after_is_read_from_status_failures_only() {
        let mut limited = answer(429);
        limited
            .headers
            .insert(header::RETRY_AFTER, HeaderValue::from_static("7"));
        let now = SystemTime::now();
        assert_eq!(
            Failure::Status(limited).retry_after(&VENDOR, now),
            Some(Duration::from_secs(7))
        );
        assert_eq!(Failure::Status(answer(503)).retry_after(&VENDOR, now), None);
        assert_eq!(Failure::Timeout.retry_after(&VENDOR, now), None);
    }
}
