//! The sandbox through its HTTP interface, as a client meets it: a sandbox on a free port and
//! `reqwest`. A module per area.

mod auth;
mod integrations;
mod kit;
mod pagination;

use std::time::Duration;

use infracast_sandbox::config::{DEFAULT_PASSWORD, DEFAULT_TENANT, DEFAULT_USERNAME};
use infracast_sandbox::{Sandbox, SandboxConfig, SandboxState};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// A sandbox on a free port and a logged-in caller.
pub struct Api {
    pub sandbox: Sandbox,
    pub http: reqwest::Client,
    pub token: String,
}

impl Api {
    pub async fn start() -> Api {
        Api::with(SandboxConfig::default()).await
    }

    pub async fn with(config: SandboxConfig) -> Api {
        Api::serve(SandboxState::new(config)).await
    }

    /// A logged-in caller of `state` served on a free port.
    pub async fn serve(state: SandboxState) -> Api {
        let sandbox = Sandbox::serve(state, "127.0.0.1:0".parse().unwrap())
            .await
            .expect("the sandbox starts");
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap();
        let mut api = Api {
            sandbox,
            http,
            token: String::new(),
        };
        let (status, body) = api.login(DEFAULT_USERNAME, DEFAULT_PASSWORD).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        api.token = body["token"].as_str().unwrap().to_owned();
        api
    }

    pub async fn login(&self, username: &str, password: &str) -> (StatusCode, Value) {
        self.send(
            Method::POST,
            "/api/v1/auth/token",
            None,
            Some(json!({"username": username, "password": password})),
        )
        .await
    }

    /// Sends a request with `token` (if any) and a JSON body (if any).
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.sandbox.url()));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("the sandbox answers");
        let status = response.status();
        let text = response.text().await.unwrap();
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text}"))
        };
        (status, body)
    }

    /// A call on the default tenant's integrations (`suffix` after `/integrations`) with the
    /// caller's token.
    pub async fn call(
        &self,
        method: Method,
        suffix: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let path = format!("/api/v1/tenants/{DEFAULT_TENANT}/integrations{suffix}");
        self.send(method, &path, Some(&self.token), body).await
    }

    /// Creates an integration; its id.
    pub async fn create(&self, body: Value) -> String {
        let (status, created) = self.call(Method::POST, "", Some(body)).await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        created["id"].as_str().unwrap().to_owned()
    }
}

/// The documented webhook body.
pub fn webhook(name: &str) -> Value {
    json!({
        "type": "webhook",
        "name": name,
        "config": {
            "url": "https://hooks.example.com/infracast",
            "secret": "hmac-signing-secret",
            "events": ["finding.created", "finding.severity_changed"],
            "filters": {"severity": ["CRITICAL", "HIGH"]},
            "headers": {"X-Source": "infracast"},
            "timeout_seconds": 30,
        },
    })
}

/// Asserts the error envelope with `code`; its message.
pub fn assert_error(status: StatusCode, body: &Value, expected: StatusCode, code: &str) -> String {
    assert_eq!(status, expected, "{body}");
    assert_eq!(body["error"]["code"], code, "{body}");
    assert!(body["error"]["details"].is_array(), "{body}");
    body["error"]["message"].as_str().unwrap().to_owned()
}
