//! A sandbox on a free port and an HTTP client that speaks to it.

#![allow(dead_code)]

use datadogsiem_sandbox::config::{DEFAULT_API_KEY, DEFAULT_APP_KEY};
use datadogsiem_sandbox::{BASE, Sandbox, SandboxConfig};
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// A running sandbox and a client with the right keys.
pub struct Running {
    pub sandbox: Sandbox,
    pub http: reqwest::Client,
}

/// One answer: status, headers, body (`Null` when empty).
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Answer {
    /// The `errors` of an error answer.
    pub fn errors(&self) -> Vec<String> {
        self.body["errors"]
            .as_array()
            .unwrap_or_else(|| panic!("no errors in {self:?}"))
            .iter()
            .map(|e| e.as_str().unwrap().to_owned())
            .collect()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

pub async fn start() -> Running {
    start_with(SandboxConfig::default()).await
}

pub async fn start_with(config: SandboxConfig) -> Running {
    let sandbox = Sandbox::start(config, "127.0.0.1:0".parse().unwrap())
        .await
        .expect("the sandbox starts");
    Running {
        sandbox,
        http: reqwest::Client::new(),
    }
}

/// `{"data": {"type": "integration_config", "attributes": attributes}}`.
pub fn envelope(attributes: Value) -> Value {
    json!({"data": {"type": "integration_config", "attributes": attributes}})
}

/// A service account key file as Google Cloud downloads it.
pub fn key_file() -> Value {
    json!({"type": "service_account", "project_id": "siem-sync", "private_key_id": "abc",
           "private_key": "-----BEGIN PRIVATE KEY-----\nKEYMATERIAL\n-----END PRIVATE KEY-----\n",
           "client_email": "sync@siem-sync.iam.gserviceaccount.com", "client_id": "123"})
}

/// Create attributes of an Okta configuration.
pub fn okta(name: &str, token: &str) -> Value {
    json!({"name": name, "domain": "example.okta.com", "integration_type": "OKTA",
           "secrets": {"api_token": token}})
}

impl Running {
    pub fn url(&self, path: &str) -> String {
        format!("{}{BASE}{path}", self.sandbox.url())
    }

    /// A call with the sandbox's keys.
    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> Answer {
        let request = self
            .http
            .request(method, self.url(path))
            .header("DD-API-KEY", DEFAULT_API_KEY)
            .header("DD-APPLICATION-KEY", DEFAULT_APP_KEY);
        send(match body {
            Some(b) => request.json(&b),
            None => request,
        })
        .await
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.call(Method::GET, path, None).await
    }

    /// Creates a configuration (which must succeed) and returns its item.
    pub async fn create(&self, attributes: Value) -> Value {
        let answer = self
            .call(Method::POST, "", Some(envelope(attributes)))
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{answer:?}");
        answer.body["data"].clone()
    }

    /// PATCH `id` with `attributes`.
    pub async fn patch(&self, id: &str, attributes: Value) -> Answer {
        self.call(Method::PATCH, &format!("/{id}"), Some(envelope(attributes)))
            .await
    }
}

pub async fn send(request: reqwest::RequestBuilder) -> Answer {
    let response = request.send().await.expect("the sandbox answers");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.bytes().await.unwrap();
    let body = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| panic!("not JSON: {}", String::from_utf8_lossy(&bytes)))
    };
    Answer {
        status,
        headers,
        body,
    }
}
