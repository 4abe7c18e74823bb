//! Retries, rate limits, timeouts, stop and malformed answers, against a scripted fake API.

#[allow(dead_code)] // shared by several test crates; each uses a part
use crate::api_fake;

use std::time::Duration;

use api_fake::{Fake, Fault, PATIENCE, Route};
use prismacloud::api::{Client, ClientConfig, Error};
use secrecy::SecretString;

#[tokio::test]
async fn rate_limit_with_retry_after_is_honoured_then_succeeds() {
    let fake = Fake::start().await;
    fake.insert("existing", "slack", true);
    fake.fault(
        Route::List,
        Fault::status(429)
            .header("Retry-After", "1")
            .body(r#"[{"i18nKey":"too_many_requests"}]"#),
    );
    let client = fake.classic_client();
    let listed = client.list(None).await.expect("succeeds after the wait");
    assert_eq!(listed.len(), 1);
    let seen = fake.seen(Route::List);
    assert_eq!(seen.len(), 2);
    // The backoff alone would have waited at most 1 ms; the server asked for 1 s.
    let gap = seen[1].at - seen[0].at;
    assert!(
        gap >= Duration::from_secs(1),
        "retried after {gap:?}, before Retry-After"
    );
}

#[tokio::test]
async fn retry_after_as_an_http_date_is_honoured() {
    let fake = Fake::start().await;
    let when = std::time::SystemTime::now() + Duration::from_secs(3);
    fake.fault(
        Route::List,
        Fault::status(503).header("Retry-After", &httpdate::fmt_http_date(when)),
    );
    let client = fake.classic_client();
    client.list(None).await.expect("succeeds after the wait");
    let seen = fake.seen(Route::List);
    // HTTP dates have whole-second resolution: three seconds ahead is at least two away.
    assert!(seen[1].at - seen[0].at >= Duration::from_secs(1));
}

#[tokio::test]
async fn server_errors_exhaust_retries_into_a_typed_error_with_status_and_attempts() {
    let fake = Fake::start().await;
    for _ in 0..4 {
        fake.fault(
            Route::List,
            Fault::status(503).header(
                "x-redlock-status",
                r#"[{"i18nKey":"internal_error","severity":"error"}]"#,
            ),
        );
    }
    let client = fake.classic_client(); // max_retries = 3
    let error = client.list(Some("slack")).await.expect_err("always 503");
    match &error {
        Error::Api {
            status,
            attempts,
            messages,
            request_id,
            ..
        } => {
            assert_eq!(*status, 503);
            assert_eq!(*attempts, 4);
            assert_eq!(messages[0].code, "internal_error");
            assert!(
                request_id
                    .as_deref()
                    .is_some_and(|id| id.starts_with("req-"))
            );
        }
        other => panic!("expected Error::Api, got {other:?}"),
    }
    let text = error.to_string();
    assert!(
        text.contains("HTTP 503") && text.contains("after 4 attempts"),
        "{text}"
    );
    assert!(text.contains("GET /integration"), "{text}");
    assert_eq!(fake.count(Route::List), 4, "one attempt plus three retries");
}

#[tokio::test]
async fn html_429_pages_are_rate_limits_not_decode_errors() {
    let fake = Fake::start().await;
    let page =
        "<html><head><title>429 Too Many Requests</title></head><body>slow down</body></html>";
    fake.fault(
        Route::List,
        Fault::status(429)
            .header("content-type", "text/html")
            .body(page),
    );
    let client = fake.classic_client();
    client
        .list(None)
        .await
        .expect("an HTML 429 is retried like any 429");

    for _ in 0..4 {
        fake.fault(
            Route::List,
            Fault::status(429)
                .header("content-type", "text/html")
                .body(page),
        );
    }
    let error = client.list(None).await.expect_err("always 429");
    assert!(
        matches!(error, Error::RateLimited { attempts: 4, .. }),
        "expected RateLimited after 4 attempts, got {error:?}"
    );
    assert!(!error.to_string().contains("html"), "{error}");
}

#[tokio::test]
async fn a_retry_after_longer_than_the_client_waits_ends_the_call_at_once() {
    let fake = Fake::start().await;
    fake.fault(
        Route::List,
        Fault::status(429).header("Retry-After", "3600"),
    );
    let client = fake.classic_client();
    let error = client.list(None).await.expect_err("an hour is too long");
    match &error {
        Error::RateLimited { retry_after, .. } => {
            assert_eq!(*retry_after, Some(Duration::from_secs(3600)))
        }
        other => panic!("expected RateLimited, got {other:?}"),
    }
    assert!(error.to_string().contains("asked to wait 1h"), "{error}");
    assert_eq!(fake.count(Route::List), 1);
}

#[tokio::test]
async fn stop_ends_a_long_retry_after_wait() {
    let fake = Fake::start().await;
    fake.fault(Route::List, Fault::status(429).header("Retry-After", "300"));
    let client = fake.classic_client();
    let waiting = tokio::spawn({
        let client = client.clone();
        async move { client.list(None).await }
    });
    fake.wait_until("the 429 was answered", |f| f.count(Route::List) == 1)
        .await;
    // Let the client reach its sleep; stop must end it whether or not it got there yet.
    tokio::time::sleep(Duration::from_millis(50)).await;
    client.stop();
    let result = tokio::time::timeout(PATIENCE, waiting)
        .await
        .expect("stop ended the wait")
        .expect("task did not panic");
    assert!(matches!(result, Err(Error::Stopped { .. })), "{result:?}");
    assert_eq!(fake.count(Route::List), 1, "no retry after stop");
    let after = client.list(None).await;
    assert!(
        matches!(after, Err(Error::Stopped { .. })),
        "stop is permanent: {after:?}"
    );
}

#[tokio::test]
async fn slow_answers_time_out_and_are_retried() {
    let fake = Fake::start().await;
    let id = fake.insert("existing", "slack", true);
    let mut config = fake.config();
    config.request_timeout = Duration::from_millis(300);
    let client = Client::new(config).expect("valid configuration");
    client.list(None).await.expect("log in first");

    fake.fault(Route::Get, Fault::hang());
    let got = client.get(&id, None).await.expect("second attempt answers");
    assert_eq!(got.id, id);
    assert_eq!(fake.count(Route::Get), 2);

    for _ in 0..4 {
        fake.fault(Route::Get, Fault::hang());
    }
    let error = client.get(&id, None).await.expect_err("never answers");
    assert!(
        matches!(error, Error::Timeout { attempts: 4, .. }),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .contains("300ms per attempt after 4 attempts"),
        "{error}"
    );
}

#[tokio::test]
async fn refused_connections_are_transport_errors_after_retries() {
    // A port that was just free: nothing listens there.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("address");
    drop(listener);
    let url = url::Url::parse(&format!("http://{address}/")).expect("URL");
    let mut config = ClientConfig::new(url, "AK", SecretString::from("SK"));
    config.backoff_base = Duration::from_millis(1);
    config.max_retries = 2;
    let client = Client::new(config).expect("valid configuration");
    let error = client.list(None).await.expect_err("nothing listens");
    match &error {
        Error::Transport {
            attempts, detail, ..
        } => {
            assert_eq!(*attempts, 3);
            assert!(
                !detail.contains(&address.to_string()),
                "no URL in the detail: {detail}"
            );
        }
        other => panic!("expected Transport, got {other:?}"),
    }
}

#[tokio::test]
async fn malformed_json_is_a_decode_error_that_does_not_quote_the_body() {
    let fake = Fake::start().await;
    let client = fake.classic_client();
    fake.fault(
        Route::Get,
        Fault::status(200).body(r#"{"id": "x", "integrationConfig": {"apiToken": "leaky-value"#),
    );
    let error = client.get("x", None).await.expect_err("truncated JSON");
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
    let text = format!("{error} {error:?}");
    assert!(text.contains("expected an integration object"), "{text}");
    assert!(!text.contains("leaky-value"), "{text}");

    fake.fault(Route::List, Fault::status(200).body(r#"{"not": "a list"}"#));
    let error = client
        .list(None)
        .await
        .expect_err("object instead of array");
    assert!(error.to_string().contains("a JSON object"), "{error}");

    fake.fault(
        Route::List,
        Fault::status(200).body(r#"[{"name": "no id", "apiToken": "leaky-value"}]"#),
    );
    let error = client.list(None).await.expect_err("item without id");
    let text = error.to_string();
    assert!(
        text.contains("item 0: no id") && !text.contains("leaky-value"),
        "{text}"
    );

    fake.fault(Route::Get, Fault::status(200));
    let error = client.get("x", None).await.expect_err("empty body");
    assert!(error.to_string().contains("the body is empty"), "{error}");
}

#[tokio::test]
async fn client_errors_are_not_retried() {
    let fake = Fake::start().await;
    fake.fault(
        Route::List,
        Fault::status(403).header(
            "x-redlock-status",
            r#"[{"i18nKey":"forbidden","severity":"error"}]"#,
        ),
    );
    let client = fake.classic_client();
    let error = client.list(None).await.expect_err("403");
    assert_eq!(error.status(), Some(403));
    assert!(error.has_message("forbidden"));
    assert_eq!(fake.count(Route::List), 1);
}
