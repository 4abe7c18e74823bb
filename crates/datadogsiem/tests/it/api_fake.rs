//! A scripted HTTP server for the client's tests: every request is recorded, and answered by
//! the test's script from the request and how many came before it.

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use datadogsiem::api::{Client, ClientConfig};
use secrecy::SecretString;
use serde_json::{Value as Json, json};
use url::Url;

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub query: String,
    pub headers: HeaderMap,
    /// The body as JSON (`Null` when empty).
    pub body: Json,
}

impl Seen {
    pub fn line(&self) -> String {
        format!("{} {}", self.method, self.path)
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// An answer: status, headers, body.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: String,
}

impl Reply {
    pub fn json(status: u16, body: Json) -> Reply {
        Reply {
            status,
            headers: vec![("content-type", "application/json".into())],
            body: body.to_string(),
        }
    }

    pub fn empty(status: u16) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: String::new(),
        }
    }

    pub fn errors(status: u16, messages: &[&str]) -> Reply {
        Reply::json(status, json!({ "errors": messages }))
    }

    pub fn with_header(mut self, name: &'static str, value: &str) -> Reply {
        self.headers.push((name, value.to_owned()));
        self
    }
}

type Script = Arc<dyn Fn(&Seen, usize) -> Reply + Send + Sync>;

#[derive(Clone)]
struct Shared {
    script: Script,
    seen: Arc<Mutex<Vec<Seen>>>,
}

/// A running scripted server.
pub struct Fake {
    pub url: Url,
    seen: Arc<Mutex<Vec<Seen>>>,
}

/// The collection's path.
pub const COLLECTION: &str = "/api/v2/security_monitoring/configuration/integration_config";

impl Fake {
    pub async fn start(script: impl Fn(&Seen, usize) -> Reply + Send + Sync + 'static) -> Fake {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let shared = Shared {
            script: Arc::new(script),
            seen: Arc::clone(&seen),
        };
        let app = Router::new().fallback(answer).with_state(shared);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = Url::parse(&format!("http://{}/", listener.local_addr().unwrap())).unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await });
        Fake { url, seen }
    }

    /// Every request so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    /// `METHOD /path` of every request so far.
    pub fn lines(&self) -> Vec<String> {
        self.seen().iter().map(Seen::line).collect()
    }

    /// A client of this server with `max_retries` retries.
    pub fn client(&self, max_retries: u32) -> Client {
        let mut config = ClientConfig::new(
            self.url.clone(),
            SecretString::from("test-api-key"),
            SecretString::from("test-app-key"),
        );
        config.max_retries = max_retries;
        Client::new(config).unwrap()
    }
}

async fn answer(State(shared): State<Shared>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let bytes: Bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let seen = Seen {
        method: parts.method.to_string(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().unwrap_or_default().to_owned(),
        headers: parts.headers,
        body: serde_json::from_slice(&bytes).unwrap_or(Json::Null),
    };
    let count = {
        let mut all = shared.seen.lock().unwrap();
        all.push(seen.clone());
        all.len() - 1
    };
    let reply = (shared.script)(&seen, count);
    let mut response = (StatusCode::from_u16(reply.status).unwrap(), reply.body).into_response();
    for (name, value) in reply.headers {
        response.headers_mut().insert(name, value.parse().unwrap());
    }
    response
}

/// An item as the API reports one.
pub fn item(id: &str, name: &str, integration_type: &str, enabled: bool) -> Json {
    json!({"id": id, "type": "integration_config", "attributes": {
        "name": name, "domain": "example.com", "integration_type": integration_type,
        "enabled": enabled, "settings": {}, "state": "valid",
        "created_at": "2026-05-01T12:00:00Z", "modified_at": "2026-05-01T12:00:00Z"}})
}
