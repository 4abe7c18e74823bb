//! The client's session handling against a scripted fake API: one login shared by everyone,
//! re-login on 401, renewal by extension, and credentials that never leak.

#[allow(dead_code)] // shared by several test crates; each uses a part
use crate::api_fake;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use api_fake::{Fake, Fault, PASSWORD, Route, USERNAME};
use futures::future::join_all;
use prismacloud::api::{Client, Error};
use secrecy::SecretString;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_concurrent_calls_share_one_login() {
    let fake = Fake::start().await;
    fake.insert("existing", "slack", true);
    // A slow login keeps every caller waiting on the same one.
    fake.set_login_delay(Duration::from_millis(200));
    let client = fake.classic_client();
    let calls = (0..50).map(|_| {
        let client = client.clone();
        tokio::spawn(async move { client.list(None).await })
    });
    for result in join_all(calls).await {
        let listed = result.expect("task did not panic").expect("list succeeds");
        assert_eq!(listed.len(), 1);
    }
    assert_eq!(fake.count(Route::Login), 1, "one login for fifty calls");
    assert_eq!(fake.count(Route::Extend), 0);
    let tokens: Vec<_> = fake
        .seen(Route::List)
        .into_iter()
        .map(|s| s.token)
        .collect();
    assert_eq!(tokens.len(), 50);
    assert!(
        tokens.iter().all(|t| t == &tokens[0]),
        "every call used the same token"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_401_logs_in_again_once_and_retries_the_call() {
    let fake = Fake::start().await;
    let id = fake.insert("existing", "slack", true);
    let client = fake.classic_client();
    client.get(&id, None).await.expect("first call logs in");
    assert_eq!(fake.count(Route::Login), 1);

    fake.revoke_tokens();
    fake.set_login_delay(Duration::from_millis(100));
    let calls = (0..20).map(|_| {
        let client = client.clone();
        let id = id.clone();
        tokio::spawn(async move { client.get(&id, None).await })
    });
    for result in join_all(calls).await {
        let got = result
            .expect("task did not panic")
            .expect("call succeeds after re-login");
        assert_eq!(got.id, id);
    }
    assert_eq!(
        fake.count(Route::Login),
        2,
        "one re-login for twenty rejected calls"
    );
    assert_eq!(fake.count(Route::Extend), 0, "and no renewal either");
    let issued = fake.issued_tokens();
    let last = fake.seen(Route::Get).last().and_then(|s| s.token.clone());
    assert_eq!(last.as_ref(), issued.last(), "the retry used the new token");
}

#[tokio::test]
async fn a_second_401_logs_in_again_within_the_retry_budget() {
    // A token can expire early twice in a row: the call still succeeds.
    let fake = Fake::start().await;
    let client = fake.classic_client();
    fake.fault(Route::List, Fault::status(401));
    fake.fault(Route::List, Fault::status(401));
    client.list(None).await.expect("a third token works");
    assert_eq!(fake.count(Route::List), 3);
    assert_eq!(fake.count(Route::Login), 3);
}

#[tokio::test]
async fn persistent_401s_are_an_error_not_a_loop() {
    let fake = Fake::start().await;
    let client = fake.classic_client();
    for _ in 0..20 {
        fake.fault(Route::List, Fault::status(401));
    }
    let error = client.list(None).await.expect_err("every token refused");
    assert_eq!(error.status(), Some(401));
    // max_retries = 3: four attempts in all, each with a token of its own.
    assert_eq!(fake.count(Route::List), 4);
    assert_eq!(fake.count(Route::Login), 4);
}

#[tokio::test]
async fn token_is_extended_once_half_its_lifetime_has_passed() {
    let fake = Fake::start().await;
    let mut config = fake.config();
    config.token_ttl = Duration::from_secs(4);
    let client = Client::new(config).expect("valid configuration");
    client.list(None).await.expect("first call logs in");
    // Past half of the 4 s lifetime, well before the end of it.
    tokio::time::sleep(Duration::from_millis(2200)).await;
    client.list(None).await.expect("second call renews");
    client
        .list(None)
        .await
        .expect("third call uses the renewed token");
    assert_eq!(fake.count(Route::Login), 1);
    assert_eq!(fake.count(Route::Extend), 1);
    let issued = fake.issued_tokens();
    assert_eq!(issued.len(), 2);
    let used: Vec<_> = fake
        .seen(Route::List)
        .into_iter()
        .map(|s| s.token)
        .collect();
    assert_eq!(used[0].as_ref(), Some(&issued[0]));
    assert_eq!(
        used[1].as_ref(),
        Some(&issued[1]),
        "the renewed token is used at once"
    );
    assert_eq!(used[2].as_ref(), Some(&issued[1]));
    let extend = &fake.seen(Route::Extend)[0];
    assert_eq!(
        extend.token.as_ref(),
        Some(&issued[0]),
        "extension presents the old token"
    );
}

#[tokio::test]
async fn failed_extension_falls_back_to_login() {
    let fake = Fake::start().await;
    let mut config = fake.config();
    config.token_ttl = Duration::from_secs(2);
    let client = Client::new(config).expect("valid configuration");
    client.list(None).await.expect("first call logs in");
    fake.fault(Route::Extend, Fault::status(500));
    tokio::time::sleep(Duration::from_millis(1100)).await;
    client.list(None).await.expect("call succeeds");
    assert_eq!(fake.count(Route::Extend), 1);
    assert_eq!(fake.count(Route::Login), 2);
}

#[tokio::test]
async fn an_expired_token_is_replaced_by_a_login() {
    let fake = Fake::start().await;
    let mut config = fake.config();
    config.token_ttl = Duration::from_millis(300);
    let client = Client::new(config).expect("valid configuration");
    client.list(None).await.expect("first call logs in");
    tokio::time::sleep(Duration::from_millis(350)).await;
    client.list(None).await.expect("second call logs in again");
    assert_eq!(fake.count(Route::Login), 2);
    assert_eq!(fake.count(Route::Extend), 0);
}

#[tokio::test]
async fn rejected_credentials_are_unauthorized_sent_once_and_never_quoted() {
    let fake = Fake::start().await;
    let wrong = "wrong-secret-key-777";
    let mut config = fake.config();
    config.password = SecretString::from(wrong);
    let client = Client::new(config).expect("valid configuration");
    // Ten callers queue behind one login; they share its failure instead of retrying it.
    let results = join_all((0..10).map(|_| client.list(None))).await;
    for result in results {
        let error = result.expect_err("credentials are wrong");
        assert!(
            matches!(error, Error::Unauthorized { status: 401, .. }),
            "{error:?}"
        );
        let text = format!("{error} {error:?}");
        assert!(
            text.contains("check the access key ID and secret key"),
            "{text}"
        );
        assert!(!text.contains(wrong) && !text.contains(USERNAME), "{text}");
    }
    assert_eq!(fake.count(Route::Login), 1, "a 401 at login is not retried");
}

#[tokio::test]
async fn login_is_retried_on_server_errors() {
    let fake = Fake::start().await;
    fake.fault(Route::Login, Fault::status(503));
    fake.fault(Route::Login, Fault::status(502));
    let client = fake.classic_client();
    client
        .list(None)
        .await
        .expect("login succeeds on the third attempt");
    assert_eq!(fake.count(Route::Login), 3);
    let body = fake.seen(Route::Login)[0]
        .body
        .clone()
        .expect("login body is JSON");
    assert_eq!(body["username"], USERNAME);
    assert_eq!(body["password"], PASSWORD);
}

/// Collects everything logged, at every level, from every crate.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .expect("capture lock")
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn logs_and_errors_never_contain_credentials_tokens_or_secret_values() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let fake = Fake::start().await;
    let client = fake.tenant_client();
    let secret = "https://hooks.slack.com/services/T000/B000/very-secret-path";
    let request = prismacloud::api::IntegrationRequest {
        name: "alerts channel".into(),
        description: String::new(),
        enabled: true,
        integration_type: "slack".into(),
        config: serde_json::Map::new(),
        secrets: [("webhookUrl".to_owned(), SecretString::from(secret))].into(),
    };
    let created = client.create(&request).await.expect("create succeeds");
    fake.revoke_tokens();
    fake.fault(Route::Update, Fault::status(503));
    client
        .update(&created.id, &request)
        .await
        .expect("update after re-login and a retry");
    fake.fault(
        Route::Create,
        Fault::status(400).header(
            "x-redlock-status",
            &format!(r#"[{{"i18nKey":"invalid_slack_webhook_url","subject":"{secret}"}}]"#),
        ),
    );
    let mut other = request.clone();
    other.name = "second channel".into();
    let error = client.create(&other).await.expect_err("scripted rejection");
    let error_text = format!("{error} {error:?}");
    assert!(
        error_text.contains("invalid_slack_webhook_url (***)"),
        "{error_text}"
    );

    let logs =
        String::from_utf8(captured.0.lock().expect("capture lock").clone()).expect("utf-8 logs");
    assert!(
        logs.contains("Prisma Cloud API call"),
        "debug logs were captured"
    );
    let mut forbidden = vec![
        PASSWORD.to_owned(),
        secret.to_owned(),
        "very-secret-path".to_owned(),
    ];
    forbidden.extend(fake.issued_tokens());
    assert!(forbidden.len() >= 4, "at least two tokens were issued");
    for value in &forbidden {
        assert!(!logs.contains(value.as_str()), "a secret reached the logs");
        assert!(
            !error_text.contains(value.as_str()),
            "a secret reached an error"
        );
        assert!(!format!("{created:?} {client:?}").contains(value.as_str()));
    }
}
