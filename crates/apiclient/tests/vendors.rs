//! The kit as the next two vendors will use it, against a scripted HTTP server: static API-key
//! headers with `X-RateLimit-Reset` waits and `{"errors": [...]}` messages (Datadog's shape),
//! and a bearer session whose grant says how long it lives and renews with a refresh token
//! (Infracast's shape).

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use apiclient::header::HeaderMap;
use apiclient::{
    Api, ApiMessage, AuthHeaders, Endpoint, Error, Grant, JsonBody, Login, Method, Redactions,
    RequestSpec, Session, SessionToken, TokenHeader, Transport, TransportConfig, Vendor,
    WaitHeader, login_call, token_field,
};
use secrecy::{ExposeSecret, SecretString};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use url::Url;

/// One request as the server saw it: `METHOD /path`, lower-case headers, body.
#[derive(Debug, Clone)]
struct Seen {
    line: String,
    headers: Vec<(String, String)>,
    body: String,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

type Answer = (u16, Vec<(&'static str, String)>, String);

/// A server answering each request with `script(request, how many came before)`.
async fn serve(script: fn(&Seen, usize) -> Answer) -> (Url, Arc<Mutex<Vec<Seen>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = Url::parse(&format!(
        "http://{}/",
        listener.local_addr().expect("address")
    ))
    .expect("URL");
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let mut buffer = Vec::new();
            let mut chunk = [0u8; 4096];
            let head_end = loop {
                let n = stream.read(&mut chunk).await.unwrap_or(0);
                if n == 0 {
                    break None;
                }
                buffer.extend_from_slice(&chunk[..n]);
                if let Some(i) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                    break Some(i);
                }
            };
            let Some(head_end) = head_end else { continue };
            let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
            let mut lines = head.split("\r\n");
            let mut words = lines.next().unwrap_or_default().split(' ');
            let line = format!(
                "{} {}",
                words.next().unwrap_or_default(),
                words.next().unwrap_or_default()
            );
            let headers: Vec<(String, String)> = lines
                .filter_map(|l| l.split_once(':'))
                .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
                .collect();
            let length: usize = headers
                .iter()
                .find(|(n, _)| n == "content-length")
                .and_then(|(_, v)| v.parse().ok())
                .unwrap_or(0);
            let mut body = buffer[head_end + 4..].to_vec();
            while body.len() < length {
                let n = stream.read(&mut chunk).await.unwrap_or(0);
                if n == 0 {
                    break;
                }
                body.extend_from_slice(&chunk[..n]);
            }
            let request = Seen {
                line,
                headers,
                body: String::from_utf8_lossy(&body).into_owned(),
            };
            let before = {
                let mut log = log.lock().expect("log");
                log.push(request.clone());
                log.len() - 1
            };
            let (status, headers, body) = script(&request, before);
            let mut answer = format!(
                "HTTP/1.1 {status} Scripted\r\ncontent-length: {}\r\nconnection: close\r\n",
                body.len()
            );
            for (name, value) in headers {
                answer.push_str(&format!("{name}: {value}\r\n"));
            }
            answer.push_str("\r\n");
            answer.push_str(&body);
            let _ = stream.write_all(answer.as_bytes()).await;
        }
    });
    (url, seen)
}

fn config() -> TransportConfig {
    let mut config = TransportConfig::new("apiclient-tests/1");
    config.backoff_base = Duration::from_millis(1);
    config.backoff_cap = Duration::from_millis(5);
    config.request_timeout = Duration::from_secs(10);
    config
}

fn get(base: &Url, path: &str, template: &'static str) -> RequestSpec {
    RequestSpec::new(
        Method::GET,
        Endpoint {
            url: base.join(path).expect("URL"),
            template,
        },
    )
}

/// `{"errors": ["..."]}`.
fn errors_list(_: &HeaderMap, body: &[u8]) -> Vec<ApiMessage> {
    let value: Value = serde_json::from_slice(body).unwrap_or_default();
    value["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(|text| ApiMessage::new(text).with_severity("error"))
        .collect()
}

const DATADOG: Vendor = Vendor {
    service: "Datadog",
    request_id_header: None,
    wait_headers: &[
        WaitHeader::RateLimitReset("x-ratelimit-reset"),
        WaitHeader::RETRY_AFTER,
    ],
    parse_messages: errors_list,
};

#[tokio::test]
async fn static_keys_go_on_every_attempt_and_the_rate_limit_reset_is_waited_for() {
    let (url, seen) = serve(|_, before| match before {
        0 => (429, vec![("x-ratelimit-reset", "1".into())], String::new()),
        _ => (
            400,
            Vec::new(),
            r#"{"errors":["domain is invalid: api-key-1"]}"#.into(),
        ),
    })
    .await;
    let api_key = SecretString::from("api-key-1");
    let app_key = SecretString::from("app-key-2");
    let auth = AuthHeaders::new(&[("DD-API-KEY", &api_key), ("DD-APPLICATION-KEY", &app_key)])
        .expect("valid headers");
    let api = Api::new(Transport::new(DATADOG, &config()).expect("transport"), auth);
    let spec = get(
        &url,
        "api/v2/integration_config",
        "/api/v2/integration_config",
    );

    let started = Instant::now();
    let secrets = [api_key.clone()];
    let error = api
        .call_ok(&spec, Redactions(&secrets))
        .await
        .expect_err("400 is an error");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "the reset the server named was waited for"
    );
    assert_eq!(
        error.to_string(),
        "Datadog answered HTTP 400 to GET /api/v2/integration_config: domain is invalid: *** \
         after 2 attempts"
    );
    let seen = seen.lock().expect("log").clone();
    assert_eq!(seen.len(), 2);
    for request in &seen {
        assert_eq!(request.header("dd-api-key"), Some("api-key-1"));
        assert_eq!(request.header("dd-application-key"), Some("app-key-2"));
    }
}

/// Infracast's login: a token, a refresh token, and how long the token lives.
struct BearerLogin {
    base: Url,
    password: SecretString,
}

impl BearerLogin {
    fn grant(body: &[u8]) -> Option<Grant> {
        let value: Value = serde_json::from_slice(body).ok()?;
        Some(Grant {
            token: token_field(body, "token").ok()?,
            refresh_token: value["refresh_token"].as_str().map(SecretString::from),
            lifetime: value["expires_in_ms"].as_u64().map(Duration::from_millis),
        })
    }

    fn post(&self, path: &str, template: &'static str, body: Value) -> RequestSpec {
        RequestSpec::new(
            Method::POST,
            Endpoint {
                url: self.base.join(path).expect("URL"),
                template,
            },
        )
        .with_body(JsonBody::new(&body))
    }
}

impl Login for BearerLogin {
    async fn login(&self, transport: &Transport) -> Result<Grant, Error> {
        let body = json!({"username": "u", "password": self.password.expose_secret()});
        let spec = self.post("api/v1/auth/token", "/api/v1/auth/token", body);
        let secrets = [self.password.clone()];
        let answer = login_call(
            transport,
            &spec,
            &secrets,
            "check the username and password",
        )
        .await?;
        Self::grant(&answer.body)
            .ok_or_else(|| apiclient::decode(&spec, "a token", "no token".into()))
    }

    async fn renew(&self, transport: &Transport, current: &SessionToken) -> Option<Grant> {
        let refresh = current.grant().refresh_token.as_ref()?;
        let body = json!({"refresh_token": refresh.expose_secret()});
        let spec = self.post("api/v1/auth/refresh", "/api/v1/auth/refresh", body);
        match api_send(transport, &spec).await {
            Some(body) => Self::grant(&body),
            None => None,
        }
    }
}

async fn api_send(transport: &Transport, spec: &RequestSpec) -> Option<Vec<u8>> {
    match transport.send(spec, &AuthHeaders::none(), 1).await {
        Ok(apiclient::Attempt::Done(r)) if r.status.is_success() => Some(r.body),
        _ => None,
    }
}

#[tokio::test]
async fn a_bearer_session_lives_as_long_as_its_grant_says_and_renews_with_its_refresh_token() {
    let (url, seen) = serve(|request, _| match request.line.as_str() {
        "POST /api/v1/auth/token" => (
            200,
            Vec::new(),
            r#"{"token":"access-1","refresh_token":"refresh-1","expires_in_ms":400}"#.into(),
        ),
        "POST /api/v1/auth/refresh" if request.body.contains("refresh-1") => (
            200,
            Vec::new(),
            r#"{"token":"access-2","refresh_token":"refresh-2","expires_in_ms":400}"#.into(),
        ),
        _ if request.header("authorization").is_some() => (200, Vec::new(), "[]".into()),
        _ => (
            401,
            Vec::new(),
            r#"{"error":{"code":"UNAUTHORIZED"}}"#.into(),
        ),
    })
    .await;
    let login = BearerLogin {
        base: url.clone(),
        password: SecretString::from("pw"),
    };
    let transport = Transport::new(DATADOG, &config()).expect("transport");
    // An assumed lifetime far longer than the grant's: the grant's must win.
    let session = Session::new(login, TokenHeader::BEARER, Duration::from_secs(3600));
    let api = Api::new(transport, session);
    let spec = get(
        &url,
        "api/v1/tenants/acme/integrations",
        "/api/v1/tenants/{tenant}/integrations",
    );

    api.call_ok(&spec, Redactions::default())
        .await
        .expect("first call");
    tokio::time::sleep(Duration::from_millis(250)).await;
    api.call_ok(&spec, Redactions::default())
        .await
        .expect("second call");

    let lines: Vec<(String, Option<String>)> = seen
        .lock()
        .expect("log")
        .iter()
        .map(|s| (s.line.clone(), s.header("authorization").map(str::to_owned)))
        .collect();
    let list = "GET /api/v1/tenants/acme/integrations".to_owned();
    assert_eq!(
        lines,
        [
            ("POST /api/v1/auth/token".to_owned(), None),
            (list.clone(), Some("Bearer access-1".to_owned())),
            ("POST /api/v1/auth/refresh".to_owned(), None),
            (list, Some("Bearer access-2".to_owned())),
        ]
    );
}
